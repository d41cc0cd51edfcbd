package io.vitrina.engine.algorithm;

import io.vitrina.engine.audience.ShopperVector;
import io.vitrina.engine.catalog.DocsOfIds;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import io.vitrina.engine.model.Indicator;
import io.vitrina.engine.model.ItemVectors;
import io.vitrina.engine.model.ReverseIndicators;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.FeatureField;
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
 * history item was scored (measured on the 100k store: 647 µs → 231 µs per request, p50; 59 µs once
 * the best sums are read as documents, see {@link CatalogView#reverseDocs}). A block whose rules
 * keep a small part of the catalog (a category, discounts) checks every sum (the lists are capped,
 * so a few thousand at most) and then the best sellers the rules keep. The index holds no indicator
 * fields: a model build writes only the documents whose demand moved.
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
    catalog.excludeSeen(context.profile().seen());
    List<List<String>> history = history(context);
    if (history == null) return List.of();
    // The storefront's cart may hold items the profile has not seen yet.
    history.forEach(ids -> ids.forEach(catalog::exclude));
    Match match = match(context, history);
    int depth = match.opinion == null ? limit : Math.max(30, AFFINITY_DEPTH_PER_SLOT * limit);
    // Rules that keep a small part of the catalog (a category, discounts) fail most of the best
    // sums: then every sum is ranked (a few thousand at most: the lists are capped).
    boolean narrowed = catalog.narrowed();
    Ranking ranking = rank(catalog, history, narrowed ? ALL : CANDIDATES_PER_SLOT * depth + 32);
    List<Candidate> out = kept(catalog, match, ranking, depth, limit);
    // The rules left too few of the best sums: the rest are ranked too.
    if (out.size() < limit && ranking.cut())
      out = kept(catalog, match, rank(catalog, history, ALL), depth, limit);
    if (out.size() < limit) return withBestSellers(catalog, match, out, limit);
    return out;
  }

  /** Ranks every sum. */
  private static final int ALL = Integer.MAX_VALUE;

  /**
   * {@code out} followed by the best sellers that pass the rules, as the history query's popularity
   * clause had them: what a thin history leaves of a block under narrow rules.
   */
  private List<Candidate> withBestSellers(
      CatalogView catalog, Match match, List<Candidate> out, int limit) {
    Query popular =
        FeatureField.newSaturationQuery(
            ItemFields.FEATURES, ItemFields.POPULARITY, popularityWeight, 1f);
    Set<String> kept = new HashSet<>();
    out.forEach(candidate -> kept.add(candidate.item().id()));
    List<Candidate> filled = new ArrayList<>(out);
    for (Candidate candidate : catalog.search(popular, limit + out.size(), match::otherReason)) {
      if (filled.size() == limit) break;
      if (kept.add(candidate.item().id())) filled.add(candidate);
    }
    return filled;
  }

  /**
   * Candidates ranked per slot of the depth read: the rules (stock, the block's restrictions) and
   * the exclusions take some of the best sums; more are ranked only when these run out.
   */
  static final int CANDIDATES_PER_SLOT = 4;

  private List<Candidate> kept(
      CatalogView catalog, Match match, Ranking ranking, int depth, int limit) {
    SecondOpinion opinion = match.opinion;
    CatalogView.Ranked ranked =
        new CatalogView.Ranked() {
          @Override
          public double score(int position, Item item) {
            int doc = ranking.docs()[position];
            return ranking.sums()[position]
                + popularity(catalog.popularityOfDoc(doc))
                + (opinion == null ? 0 : opinion.of(item, doc));
          }

          @Override
          public String explain(int position, Item item) {
            int reason = ranking.reasons()[position];
            return reason == FILLED ? match.otherReason(item) : match.reason(reason, item);
          }
        };
    return catalog.keepAllowedRescored(ranking.docs(), ranking.count(), ranked, depth, limit);
  }

  /**
   * The popularity term the history query had, saturating at 1 ({@code weight · p / (p + 1)}): a
   * tie-break far below a history match.
   */
  private double popularity(float popularity) {
    return popularityWeight * popularity / (popularity + 1f);
  }

  /**
   * The best candidates of the history as documents of the request's searcher, largest sum first:
   * per clause and history item, the items holding it as an indicator of the clause's name, each
   * adding the indicator's weight times the clause's weight, decayed with the history item's age.
   * Then the best sellers fill a thin history's ranking.
   *
   * @param reasons per place, the first history row that added to the sum (see {@link #row}), or
   *     {@link #FILLED}
   * @param cut whether candidates beyond the ones ranked were left out
   */
  private record Ranking(int[] docs, float[] sums, int[] reasons, int count, boolean cut) {}

  /** The reason of a best seller that filled a thin history's ranking. */
  static final int FILLED = -1;

  /** Marks a reason found in the lists new items borrowed. */
  private static final int BORROWED = 1 << 30;

  /**
   * The code of a history row: its clause and its place in the clause's history (newest first),
   * plus {@link #BORROWED}.
   */
  private static int row(int clause, int position, int borrowed) {
    return borrowed | clause << 16 | position;
  }

  private Ranking rank(CatalogView catalog, List<List<String>> history, int depth) {
    // The excluded are left out when the ranking is read (by the ids of the few read), not looked
    // up here: a profile holds hundreds of seen items, of which the best sums hold a few. So the
    // ranking is as much longer as there are excluded.
    int n = (int) Math.min(ALL, (long) depth + catalog.excludedAtMost());
    // The model's lists and the ones new items borrowed are summed apart (they have no ordinals in
    // common) and merged.
    Ranking own =
        summed(catalog, catalog.reverseIndicators(), catalog.reverseDocs(), history, n, 0);
    Ranking lent =
        summed(
            catalog,
            catalog.borrowedReverseIndicators(),
            catalog.borrowedReverseDocs(),
            history,
            n,
            BORROWED);
    Ranking merged = merged(own, lent, n);
    return filled(catalog, merged, n);
  }

  /** The {@code n} largest sums of one reverse index whose items are in the catalog. */
  private Ranking summed(
      CatalogView catalog,
      ReverseIndicators reverse,
      DocsOfIds docs,
      List<List<String>> history,
      int n,
      int borrowed) {
    if (reverse.size() == 0) return NO_RANKING;
    try (HolderSums holders = HolderSums.open(reverse.size())) {
      add(holders, reverse, history, borrowed);
      int[] best = holders.best(n);
      int[] outDocs = new int[best.length];
      float[] outSums = new float[best.length];
      int[] outReasons = new int[best.length];
      int kept = 0;
      for (int ordinal : best) {
        int doc = docs.doc(ordinal);
        if (doc < 0) continue;
        outDocs[kept] = doc;
        outSums[kept] = holders.sum(ordinal);
        outReasons[kept++] = holders.reason(ordinal);
      }
      return new Ranking(outDocs, outSums, outReasons, kept, best.length == n);
    }
  }

  private static final Ranking NO_RANKING =
      new Ranking(new int[0], new float[0], new int[0], 0, false);

  /** Adds up the history's rows of {@code reverse}, each with its clause's decayed weight. */
  private void add(
      HolderSums holders, ReverseIndicators reverse, List<List<String>> history, int borrowed) {
    for (int c = 0; c < clauses.size(); c++) {
      ReverseIndicators.Rows rows = reverse.rowsOf(clauses.get(c).indicator());
      if (rows == null) continue;
      float factor = clauses.get(c).weight();
      List<String> ids = history.get(c);
      for (int k = 0; k < ids.size(); k++) {
        ReverseIndicators.Holders row = rows.of(reverse.ordinal(ids.get(k)));
        if (row != null) holders.add(row, factor, row(c, k, borrowed));
        factor *= RECENCY_DECAY;
      }
    }
  }

  /** The {@code n} largest of two rankings, largest first (ties: the first ranking's). */
  private static Ranking merged(Ranking a, Ranking b, int n) {
    if (b.count() == 0) return a;
    if (a.count() == 0) return b;
    int count = Math.min(n, a.count() + b.count());
    int[] docs = new int[count];
    float[] sums = new float[count];
    int[] reasons = new int[count];
    int i = 0;
    int j = 0;
    for (int k = 0; k < count; k++) {
      boolean fromA = j == b.count() || (i < a.count() && a.sums()[i] >= b.sums()[j]);
      Ranking from = fromA ? a : b;
      int at = fromA ? i++ : j++;
      docs[k] = from.docs()[at];
      sums[k] = from.sums()[at];
      reasons[k] = from.reasons()[at];
    }
    boolean cut = a.cut() || b.cut() || a.count() + b.count() > n;
    return new Ranking(docs, sums, reasons, count, cut);
  }

  /**
   * Then the best sellers, as the popularity clause of the query had them, to fill a thin history's
   * ranking: the affinity rescoring picks the favourite categories' among them.
   */
  private static Ranking filled(CatalogView catalog, Ranking ranking, int n) {
    DocsOfIds popular = catalog.mostPopularDocs();
    if (ranking.count() == n || popular.size() == 0) return ranking;
    int[] ranked = Arrays.copyOf(ranking.docs(), ranking.count());
    Arrays.sort(ranked);
    int count = ranking.count();
    int size = (int) Math.min(n, (long) count + popular.size());
    int[] docs = Arrays.copyOf(ranking.docs(), size);
    float[] sums = Arrays.copyOf(ranking.sums(), size);
    int[] reasons = Arrays.copyOf(ranking.reasons(), size);
    for (int k = 0; k < popular.size() && count < size; k++) {
      int doc = popular.doc(k);
      if (doc < 0 || Arrays.binarySearch(ranked, doc) >= 0) continue;
      docs[count] = doc;
      reasons[count++] = FILLED;
    }
    return new Ranking(docs, sums, reasons, count, ranking.cut());
  }

  /** The shopper's history as a query and how to explain what it matches. */
  final class Match {
    private final AlgorithmContext context;

    /** Per clause, the history items it read, newest first. */
    private final List<List<String>> history;

    private final AffinityBoost affinity;
    private final SecondOpinion opinion;

    /** Per clause, its history's item ids to their place; made when first asked. */
    private List<Map<String, Integer>> positions;

    private Match(
        AlgorithmContext context,
        List<List<String>> history,
        AffinityBoost affinity,
        SecondOpinion opinion) {
      this.context = context;
      this.history = history;
      this.affinity = affinity;
      this.opinion = opinion;
    }

    /** The affinity boost of the second opinion, or null. */
    AffinityBoost affinity() {
      return affinity;
    }

    String explain(Item item) {
      String why = historyReason(item);
      return why != null ? why : otherReason(item);
    }

    /** Why an item the history's indicators did not reach is a candidate. */
    String otherReason(Item item) {
      String why = affinity == null ? null : affinity.reason(item);
      if (why != null) return why;
      // Matched by the popularity clause alone.
      return context.catalog().hasDemand(item.id()) ? fallbackReason : FeatureRank.NO_DEMAND;
    }

    /** The explanation of an item whose sum a history row began (see {@link #row}). */
    String reason(int row, Item item) {
      int clause = (row & ~BORROWED) >>> 16;
      String newest = history.get(clause).get(row & 0xffff);
      String lender =
          (row & BORROWED) == 0
              ? null
              : context.catalog().lenderOf(clauses.get(clause).indicator(), item.id(), newest);
      return reason(clauses.get(clause), newest, lender);
    }

    private String reason(Clause clause, String newest, String lender) {
      CatalogView catalog = context.catalog();
      return lender == null
          ? Reasons.fill(clause.reason(), catalog.titleOf(newest))
          : Reasons.fill(clause.borrowedReason(), catalog.titleOf(newest), catalog.titleOf(lender));
    }

    /**
     * Names the most recent history item that made this one a match (null when none did): the first
     * clause with a match, and in it the newest history item among the candidate's indicators, as a
     * history sum begins (see {@link HolderSums#reason}). Each clause's history is indexed by place
     * once per request; the candidate's indicator list is walked once per clause, instead of
     * searched once per history item.
     */
    private String historyReason(Item item) {
      if (positions == null) positions = positions(history);
      for (int c = 0; c < clauses.size(); c++) {
        Map<String, Integer> placed = positions.get(c);
        if (placed.isEmpty()) continue;
        String name = clauses.get(c).indicator();
        String newest = null;
        int best = Integer.MAX_VALUE;
        for (Indicator indicator : context.catalog().indicators(name, item.id())) {
          Integer at = placed.get(indicator.itemId());
          if (at != null && at < best) {
            best = at;
            newest = indicator.itemId();
          }
        }
        if (newest != null)
          return reason(
              clauses.get(c), newest, context.catalog().lenderOf(name, item.id(), newest));
      }
      return null;
    }

    /**
     * The items of {@code ids} the history's indicators reach and the rules allow, by their sum
     * (popularity breaks ties, as in the history's ranking), each explained.
     */
    List<Candidate> reached(List<String> ids) {
      CatalogView catalog = context.catalog();
      float[] sums = new float[ids.size()];
      addSums(catalog.reverseIndicators(), ids, sums, 0);
      addSums(catalog.borrowedReverseIndicators(), ids, sums, BORROWED);
      Map<String, Double> scores = new HashMap<>();
      for (int k = 0; k < ids.size(); k++)
        if (sums[k] > 0)
          scores.putIfAbsent(ids.get(k), sums[k] + popularity(catalog.popularity(ids.get(k))));
      List<String> ranked = new ArrayList<>(scores.keySet());
      ranked.sort(Comparator.comparingDouble(scores::get).reversed());
      return catalog.keepAllowed(
          ranked, item -> scores.get(item.id()), this::explain, ranked.size());
    }

    private void addSums(ReverseIndicators reverse, List<String> ids, float[] sums, int borrowed) {
      if (reverse.size() == 0) return;
      try (HolderSums holders = HolderSums.open(reverse.size())) {
        add(holders, reverse, history, borrowed);
        for (int k = 0; k < ids.size(); k++) {
          int ordinal = reverse.ordinal(ids.get(k));
          if (ordinal >= 0) sums[k] += holders.sum(ordinal);
        }
      }
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
    return new Match(context, history, affinity, rescore(context, affinity));
  }

  /**
   * The second opinion on the best history matches: the affinity boost plus the factor model's
   * weighted score of the item for the shopper's vector; null when there is neither.
   */
  private SecondOpinion rescore(AlgorithmContext context, AffinityBoost affinity) {
    float[] shopper =
        rescoring.factors() > 0
            ? ShopperVector.of(context.profile(), context.cart(), context.vectors())
            : null;
    if (shopper == null) return affinity == null ? null : (item, doc) -> affinity.score(item);
    ItemVectors vectors = context.vectors();
    CatalogView catalog = context.catalog();
    float weight = rescoring.factors();
    return (item, doc) -> {
      float factors =
          doc < 0
              ? vectors.score(shopper, item.id())
              : vectors.scoreOfRow(shopper, catalog.vectorRowOfDoc(vectors, doc));
      return (affinity == null ? 0 : affinity.score(item)) + weight * factors;
    };
  }

  /** What {@link Rescoring} adds to an item's score; its document when known, else -1. */
  private interface SecondOpinion {
    double of(Item item, int doc);
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
