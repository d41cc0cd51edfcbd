package io.vitrina.engine.algorithm;

import io.vitrina.engine.audience.ShopperVector;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import io.vitrina.engine.model.Indicator;
import io.vitrina.engine.model.ItemVectors;
import io.vitrina.engine.model.ReverseIndicators;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * Family: the shopper's history against the items' indicators (correlated cross-occurrence). A
 * candidate scores the sum, over the history items it has as indicators, of the indicator's learned
 * weight times the clause's weight, decayed with the history item's age. Popularity breaks ties,
 * and the best sellers fill a thin block. What the history holds is excluded from the block,
 * fallbacks included.
 *
 * <p>The sum is added up in memory over the model's indicators turned around ({@link
 * ReverseIndicators}: per history item, the items holding it), and only the best sums are checked
 * against the rules: a few thousand multiply-adds where a disjunction of one posting list per
 * history item was scored (measured on the 100k store: 647 µs → 231 µs per request, p50). A block
 * whose rules keep a small part of the catalog (a category, discounts) asks the same ranking of the
 * index as a query of linear {@link FeatureField}s, which intersects the postings with the rules.
 *
 * <p>With a {@link Rescoring}, the best history matches get a second opinion: the shopper's
 * affinities (favourite categories, brands and price band, see {@link AffinityBoost}) and the
 * factor model's score of the item for the shopper's vector (see {@link ShopperVector}).
 *
 * @param clauses in the order explanations look for a reason
 */
public record HistoryQuery(
    List<Clause> clauses, float popularityWeight, Rescoring rescoring, String fallbackReason)
    implements CandidateSource {
  /** A history query without a second opinion. */
  public HistoryQuery(List<Clause> clauses, float popularityWeight, String fallbackReason) {
    this(clauses, popularityWeight, Rescoring.NONE, fallbackReason);
  }

  /**
   * What is added to the best history matches' sums before they are cut to the block.
   *
   * @param affinity the weight of the shopper's affinities ({@link AffinityBoost}), 0 for none
   * @param factors the weight of the factor model's score of the item for the shopper's vector, 0
   *     for none. Tuned on MovieLens' validation split: 0 / 0.5 / 1 / 2 / 4 gave NDCG@10 0.1284 /
   *     0.1288 / 0.1309 / 0.1312 / 0.1317, coverage falling from 0.123 to 0.082 (see EVALUATION.md)
   */
  public record Rescoring(float affinity, float factors) {
    public static final Rescoring NONE = new Rescoring(0f, 0f);
  }

  /**
   * History matches the category affinity reorders, per slot of the block (at least 30): the
   * deeper, the slower pruning gets (measured on the 100k store: 30 hits 567 µs, 200 hits 860 µs,
   * the affinity as query clauses 736 µs, none 382 µs).
   */
  static final int AFFINITY_DEPTH_PER_SLOT = 3;

  /** Each older history item weighs this much of the one after it. */
  static final float RECENCY_DECAY = 0.93f;

  /**
   * @param maxTerms history terms are bounded: popular items have long postings, and old history
   *     says little
   * @param reason explanation when this clause matched, with {@code %1$s} for the history item's
   *     title
   * @param borrowedReason explanation when it matched a new item through an indicator the item
   *     borrowed from a look-alike: no shopper did anything with the item yet, and {@code %2$s}
   *     names the look-alike that co-occurred with the history item
   */
  public record Clause(
      ProfileList list,
      String indicator,
      float weight,
      int maxTerms,
      String reason,
      String borrowedReason) {}

  public HistoryQuery {
    clauses = List.copyOf(clauses);
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    CatalogView catalog = context.catalog();
    // What the shopper has seen (viewed, carted, bought) stays out of this block, fallbacks
    // included: recently_viewed is where it comes back.
    context.profile().seen().forEach(catalog::exclude);
    List<List<String>> history = history(context);
    if (history == null) return List.of();
    // The storefront's cart may hold items the profile has not seen yet.
    history.forEach(ids -> ids.forEach(catalog::exclude));
    Match match = match(context, history);
    int depth = match.rescore() == null ? limit : Math.max(30, AFFINITY_DEPTH_PER_SLOT * limit);
    if (catalog.narrowed()) return searched(catalog, match, depth, limit);
    Ranking ranking = rank(catalog, history, CANDIDATES_PER_SLOT * depth + 32);
    List<Candidate> out = kept(catalog, match, ranking, depth, limit);
    // The rules left too few of the best sums: the query finds the rest.
    if (out.size() < limit && ranking.cut()) return searched(catalog, match, depth, limit);
    return out;
  }

  /**
   * The same ranking as a Lucene query under the rules: for a block whose rules keep a small part
   * of the catalog (a category, discounts), which the query intersects with the history's postings.
   */
  private static List<Candidate> searched(CatalogView catalog, Match match, int depth, int limit) {
    if (match.rescore() == null) return catalog.search(match.query(), limit, match::explain);
    // The affinity rescores the best history matches instead of joining the query: as SHOULD
    // clauses it matched every item of broad categories and halved the speed of pruning.
    return catalog.searchRescored(match.query(), match.rescore(), depth, limit, match::explain);
  }

  /**
   * Candidates ranked per slot of the depth read: the rules (stock, the block's restrictions) and
   * the exclusions take some of the best sums; more are ranked only when these run out.
   */
  static final int CANDIDATES_PER_SLOT = 4;

  private List<Candidate> kept(
      CatalogView catalog, Match match, Ranking ranking, int depth, int limit) {
    ToDoubleFunction<Item> rescore = match.rescore();
    return catalog.keepAllowedRescored(
        ranking.ids(),
        item ->
            ranking.sum(item.id())
                + popularity(catalog.popularity(item.id()))
                + (rescore == null ? 0 : rescore.applyAsDouble(item)),
        match::explain,
        depth,
        limit);
  }

  /**
   * The popularity term the history query had, saturating at 1 ({@code weight · p / (p + 1)}): a
   * tie-break far below a history match.
   */
  private double popularity(float popularity) {
    return popularityWeight * popularity / (popularity + 1f);
  }

  /**
   * The best {@code n} candidates of the history, largest sum first: per clause and history item,
   * the items holding it as an indicator of the clause's name, each adding the indicator's weight
   * times the clause's weight, decayed with the history item's age. The model's lists and the ones
   * new items borrowed are summed apart (they have no ordinals in common) and merged.
   *
   * @param cut whether candidates beyond the {@code n} were left out
   */
  private record Ranking(List<String> ids, Map<String, Double> sums, boolean cut) {
    double sum(String id) {
      return sums.getOrDefault(id, 0d);
    }
  }

  private Ranking rank(CatalogView catalog, List<List<String>> history, int n) {
    Map<String, Double> sums = new HashMap<>();
    List<Summed> summed = new ArrayList<>();
    boolean cut = false;
    for (ReverseIndicators reverse :
        List.of(catalog.reverseIndicators(), catalog.borrowedReverseIndicators())) {
      if (reverse.size() == 0) continue;
      try (HolderSums holders = HolderSums.open(reverse.size())) {
        for (int c = 0; c < clauses.size(); c++) {
          float factor = clauses.get(c).weight();
          String name = clauses.get(c).indicator();
          for (String id : history.get(c)) {
            ReverseIndicators.Holders row = reverse.holdersOf(name, id);
            if (row != null) holders.add(row, factor);
            factor *= RECENCY_DECAY;
          }
        }
        if (holders.touched() == 0) continue;
        // The excluded are skipped among the best rather than looked up one by one: a profile
        // holds hundreds of seen items, of which the best sums hold a few.
        int want = n + catalog.excluded().size();
        int[] best = holders.best(want);
        int kept = 0;
        for (int ordinal : best) {
          if (kept == n) break;
          String id = reverse.id(ordinal);
          if (catalog.excluded().contains(id)) continue;
          sums.put(id, (double) holders.sum(ordinal));
          summed.add(new Summed(id, holders.sum(ordinal)));
          kept++;
        }
        cut |= kept == n || best.length == want;
      }
    }
    summed.sort(BEST_FIRST);
    List<String> ids = new ArrayList<>(Math.min(n, summed.size()) + n);
    for (Summed one : summed.subList(0, Math.min(n, summed.size()))) ids.add(one.id());
    cut |= summed.size() > n;
    // Then the best sellers, as the popularity clause of the query had them, to fill a thin
    // history's block: the affinity rescoring picks the favourite categories' among them.
    int fill = Math.min(n - ids.size(), catalog.mostPopular().size());
    for (String id : catalog.mostPopular()) {
      if (fill <= 0) break;
      if (sums.containsKey(id) || catalog.excluded().contains(id)) continue;
      ids.add(id);
      fill--;
    }
    return new Ranking(ids, sums, cut);
  }

  private record Summed(String id, float sum) {}

  private static final Comparator<Summed> BEST_FIRST =
      Comparator.comparingDouble(Summed::sum).reversed().thenComparing(Summed::id);

  /**
   * The shopper's history as a query and how to explain what it matches.
   *
   * @param history per clause, the history items it read
   */
  record Match(
      List<Clause> clauses,
      float popularityWeight,
      AffinityBoost affinity,
      ToDoubleFunction<Item> rescore,
      List<List<String>> history,
      Function<Item, String> historyReason,
      Function<Item, String> explain) {
    String explain(Item item) {
      return explain.apply(item);
    }

    /** Whether the item matched through the history's indicators (not affinity or popularity). */
    boolean fromHistory(Item item) {
      return historyReason.apply(item) != null;
    }

    /**
     * The history as one Lucene query, excluding nothing: per history item a linear {@link
     * FeatureField} query of the clause's indicator, and popularity as one more SHOULD clause.
     */
    Query query() {
      BooleanQuery.Builder query = new BooleanQuery.Builder();
      for (int c = 0; c < clauses.size(); c++) {
        float boost = clauses.get(c).weight();
        String field = ItemFields.indicator(clauses.get(c).indicator());
        for (String id : history.get(c)) {
          query.add(FeatureField.newLinearQuery(field, id, boost), Occur.SHOULD);
          boost *= RECENCY_DECAY;
        }
      }
      // Popularity is one more SHOULD clause of the same disjunction (which the rules wrap in a
      // MUST): measured on 100k items it lets dynamic pruning skip all but ~1.2k documents, where
      // MUST(history) + SHOULD(popularity) scored ~55k. Its weight is below a typical history
      // match, so history ranks first and popularity fills the rest of a thin result.
      query.add(
          FeatureField.newSaturationQuery(
              ItemFields.FEATURES, ItemFields.POPULARITY, popularityWeight, 1f),
          Occur.SHOULD);
      return query.build();
    }
  }

  /** Per clause, the history items it reads (newest first); null when all are empty. */
  private List<List<String>> history(AlgorithmContext context) {
    List<List<String>> history = new ArrayList<>(clauses.size());
    boolean empty = true;
    for (Clause clause : clauses) {
      List<String> ids = head(clause.list().of(context), clause.maxTerms());
      history.add(ids);
      empty &= ids.isEmpty();
    }
    return empty ? null : history;
  }

  /** The query of the shopper's history, excluding nothing; null when the history is empty. */
  Match match(AlgorithmContext context) {
    List<List<String>> history = history(context);
    return history == null ? null : match(context, history);
  }

  private Match match(AlgorithmContext context, List<List<String>> history) {
    AffinityBoost affinity =
        rescoring.affinity() > 0 ? AffinityBoost.of(context, rescoring.affinity()) : null;
    List<Map<String, Integer>> positions = positions(history);
    Function<Item, String> historyReason = item -> historyReason(context, item, positions);
    return new Match(
        clauses,
        popularityWeight,
        affinity,
        rescore(context, affinity),
        history,
        historyReason,
        item -> {
          String why = historyReason.apply(item);
          if (why != null) return why;
          why = affinity == null ? null : affinity.reason(item);
          if (why != null) return why;
          // Matched by the popularity clause alone.
          return context.catalog().hasDemand(item.id()) ? fallbackReason : FeatureRank.NO_DEMAND;
        });
  }

  /**
   * The second opinion on the best history matches: the affinity boost plus the factor model's
   * weighted score of the item for the shopper's vector; null when there is neither.
   */
  private ToDoubleFunction<Item> rescore(AlgorithmContext context, AffinityBoost affinity) {
    float[] shopper =
        rescoring.factors() > 0
            ? ShopperVector.of(context.profile(), context.cart(), context.vectors())
            : null;
    if (shopper == null) return affinity == null ? null : affinity::score;
    ItemVectors vectors = context.vectors();
    float weight = rescoring.factors();
    return item ->
        (affinity == null ? 0 : affinity.score(item)) + weight * vectors.score(shopper, item.id());
  }

  /**
   * Names the most recent history item that made this one a match (null when none did): the first
   * clause with a match, and in it the newest history item among the candidate's indicators. Each
   * clause's history is indexed by position once per request; the candidate's indicator list is
   * walked once per clause, instead of searched once per history item.
   */
  private String historyReason(
      AlgorithmContext context, Item item, List<Map<String, Integer>> positions) {
    for (int c = 0; c < clauses.size(); c++) {
      Map<String, Integer> history = positions.get(c);
      if (history.isEmpty()) continue;
      List<Indicator> indicators =
          context.catalog().indicators(clauses.get(c).indicator(), item.id());
      String newest = null;
      int best = Integer.MAX_VALUE;
      for (Indicator indicator : indicators) {
        Integer at = history.get(indicator.itemId());
        if (at != null && at < best) {
          best = at;
          newest = indicator.itemId();
        }
      }
      if (newest == null) continue;
      Clause clause = clauses.get(c);
      String title = context.catalog().titleOf(newest);
      String lender = context.catalog().lenderOf(clause.indicator(), item.id(), newest);
      return lender == null
          ? clause.reason().formatted(title)
          : clause.borrowedReason().formatted(title, context.catalog().titleOf(lender));
    }
    return null;
  }

  /** Per clause, its history item ids to their position, newest first. */
  private static List<Map<String, Integer>> positions(List<List<String>> history) {
    List<Map<String, Integer>> out = new ArrayList<>(history.size());
    for (List<String> ids : history) {
      Map<String, Integer> at = new HashMap<>(ids.size() * 2);
      for (int k = 0; k < ids.size(); k++) at.putIfAbsent(ids.get(k), k);
      out.add(at);
    }
    return out;
  }

  private static List<String> head(List<String> list, int max) {
    return list.size() <= max ? list : list.subList(0, max);
  }
}
