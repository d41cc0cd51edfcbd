package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.DocsOfIds;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import io.vitrina.engine.catalog.ItemNeighbours;
import io.vitrina.engine.model.Indicator;
import io.vitrina.engine.model.ItemVectors;
import io.vitrina.engine.model.ReverseIndicators;
import io.vitrina.engine.profile.SeenItems;
import io.vitrina.engine.rule.Filters;
import io.vitrina.engine.rule.PropertyRule;
import io.vitrina.engine.rule.Rules;
import io.vitrina.engine.search.SearchFacets;
import io.vitrina.engine.search.SearchQuery;
import io.vitrina.engine.search.Spelling;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * The catalog as one request sees it: one searcher held for the whole request (so all its queries
 * see the same catalog), and the only way algorithms reach the index. Every query passes the rules
 * (stock, the request's filters) and leaves out what the request has excluded so far.
 */
public final class CatalogView {
  private final IndexSearcher searcher;
  private final Analyzer analyzer;
  private final Filters filters;
  private final Exclusions excluded = new Exclusions();
  private List<BooleanClause> restrictions = List.of();
  private List<PropertyRule> boosts = List.of();

  /** The rules as a filter, made when first needed after the restrictions are set. */
  private Weight rules;

  private Query rulesQuery;

  /** The request's text queries, rewritten, by strictness and text. */
  private final Map<String, Optional<Query>> textQueries = new HashMap<>(4);

  CatalogView(IndexSearcher searcher, Analyzer analyzer, Filters filters) {
    this.searcher = searcher;
    this.analyzer = analyzer;
    this.filters = filters;
  }

  /** Item ids no algorithm may return any more in this request. */
  public Set<String> excluded() {
    return excluded;
  }

  /** Leaves {@code itemId} out of every later query of this request, fallbacks included. */
  public void exclude(String itemId) {
    excluded.add(itemId);
  }

  /** Leaves every item the shopper has seen out of every later query of this request. */
  public void excludeSeen(SeenItems seen) {
    excluded.addSeen(seen);
  }

  /** At least as many as are {@link #excluded}, counted without reading them. */
  int excludedAtMost() {
    return excluded.atMost();
  }

  /** Sets the algorithm restrictions every later query of this request honours. */
  void restrict(List<BooleanClause> clauses) {
    restrictions = List.copyOf(clauses);
    rules = null;
    rulesQuery = null;
  }

  /** Sets the property rules whose matches score {@code bias} times higher. */
  void boost(List<PropertyRule> rules) {
    boosts = List.copyOf(rules);
  }

  private Query ruled(Query candidates) {
    Query boosted = candidates;
    for (PropertyRule rule : boosts)
      boosted = FunctionScoreQuery.boostByQuery(boosted, rule.matching(), (float) rule.bias());
    return Rules.apply(boosted, filters, excluded, restrictions);
  }

  /**
   * Runs {@code candidates} under the rules, minus everything excluded so far, and explains each
   * hit.
   */
  public List<Candidate> search(Query candidates, int limit, Function<Item, String> explain) {
    try {
      return candidates(searcher.search(ruled(candidates), limit), explain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Candidate> candidates(TopDocs top, Function<Item, String> explain) {
    List<Candidate> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc hit : top.scoreDocs) {
      Item item = CatalogIndex.item(searcher, hit.doc);
      out.add(new Candidate(item, hit.score, explain.apply(item)));
    }
    return out;
  }

  /**
   * Every item {@code candidates} matches under the rules, minus everything excluded so far,
   * counted by {@link SearchFacets}: one pass over the matches, counting categories and brands by
   * their doc-value ordinals per segment (named once per segment, not per item) and prices from the
   * items in memory.
   */
  public SearchFacets facets(Query candidates) {
    try {
      return searcher.search(ruled(candidates), new FacetCounting(searcher)).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts the matches of each slice of the index apart, then adds them up. */
  private record FacetCounting(IndexSearcher searcher)
      implements CollectorManager<FacetCounting.Counting, SearchFacets.Counter> {
    @Override
    public Counting newCollector() {
      return new Counting(searcher, new SearchFacets.Counter());
    }

    @Override
    public SearchFacets.Counter reduce(Collection<Counting> collectors) {
      SearchFacets.Counter all = new SearchFacets.Counter();
      for (Counting one : collectors) all.add(one.counter());
      return all;
    }

    record Counting(IndexSearcher searcher, SearchFacets.Counter counter) implements Collector {
      @Override
      public LeafCollector getLeafCollector(LeafReaderContext leaf) throws IOException {
        int base = leaf.docBase;
        SortedSetDocValues categories = DocValues.getSortedSet(leaf.reader(), ItemFields.CATEGORY);
        SortedSetDocValues brands = DocValues.getSortedSet(leaf.reader(), ItemFields.BRAND);
        int[] byCategory = new int[Math.toIntExact(categories.getValueCount())];
        int[] byBrand = new int[Math.toIntExact(brands.getValueCount())];
        return new LeafCollector() {
          @Override
          public void setScorer(Scorable scorer) {}

          @Override
          public void collect(int doc) throws IOException {
            counter.matched(CatalogIndex.item(searcher, base + doc).price());
            count(categories, byCategory, doc);
            count(brands, byBrand, doc);
          }

          @Override
          public void finish() throws IOException {
            for (int ord = 0; ord < byCategory.length; ord++)
              if (byCategory[ord] > 0)
                counter.category(categories.lookupOrd(ord).utf8ToString(), byCategory[ord]);
            for (int ord = 0; ord < byBrand.length; ord++)
              if (byBrand[ord] > 0)
                counter.brand(brands.lookupOrd(ord).utf8ToString(), byBrand[ord]);
          }
        };
      }

      private static void count(SortedSetDocValues values, int[] counts, int doc)
          throws IOException {
        if (!values.advanceExact(doc)) return;
        for (int k = values.docValueCount(); k > 0; k--) counts[(int) values.nextOrd()]++;
      }

      @Override
      public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
      }
    }
  }

  /**
   * The items whose {@code name} lists hold {@code held} (their own lists or borrowed ones) that
   * pass the rules, by the weight of that indicator, best first (ties by document), each explained.
   * Read from the lists turned around in memory, which keep an item's {@value
   * ReverseIndicators#MAX_HOLDERS} strongest holders: under rules that keep a small part of the
   * catalog, a block may come back shorter than a query of every holder would make it.
   */
  public List<Candidate> heldBy(
      String name, String held, int limit, Function<Item, String> explain) {
    ReverseIndicators.Holders own = reverseIndicators().holdersOf(name, held);
    ReverseIndicators.Holders lent = borrowedReverseIndicators().holdersOf(name, held);
    int size = (own == null ? 0 : own.size()) + (lent == null ? 0 : lent.size());
    if (size == 0) return List.of();
    long[] byWeight = new long[size];
    int count = 0;
    count = weighed(own, reverseDocs(), byWeight, count);
    count = weighed(lent, borrowedReverseDocs(), byWeight, count);
    Arrays.sort(byWeight, 0, count);
    int[] docs = new int[count];
    float[] weights = new float[count];
    for (int k = 0; k < count; k++) {
      long key = byWeight[k];
      weights[k] = Float.intBitsToFloat(Integer.MAX_VALUE - (int) (key >>> 32));
      docs[k] = (int) key;
    }
    return keepAllowed(docs, Ranked.byPlace(position -> weights[position], explain), limit);
  }

  /**
   * Packs each holder in the catalog as its weight over its document, so that an ascending sort
   * puts the largest weight first: a positive float's bits order as the float does.
   */
  private static int weighed(
      ReverseIndicators.Holders holders, DocsOfIds docs, long[] out, int count) {
    if (holders == null) return count;
    for (int k = holders.from(); k < holders.to(); k++) {
      int doc = docs.doc(holders.holders()[k]);
      if (doc < 0) continue;
      int weight = Float.floatToIntBits(Math.max(0f, holders.weights()[k]));
      out[count++] = ((long) (Integer.MAX_VALUE - weight) << 32) | doc;
    }
    return count;
  }

  /**
   * Like {@link #search}, ordered by {@code sort} instead of by score; a candidate's score is then
   * its place from the end (the first of ten scores 10).
   */
  public List<Candidate> searchSorted(
      Query candidates, Sort sort, int limit, Function<Item, String> explain) {
    try {
      TopDocs top = searcher.search(ruled(candidates), limit, sort);
      List<Candidate> out = new ArrayList<>(top.scoreDocs.length);
      int rank = top.scoreDocs.length;
      for (ScoreDoc hit : top.scoreDocs) {
        Item item = CatalogIndex.item(searcher, hit.doc);
        out.add(new Candidate(item, rank--, explain.apply(item)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Keeps the ids that pass the rules, in the order given: for algorithms whose ranking is known
   * before the index is asked (recency, indicator strength). The ids are looked up in memory and
   * checked against the rules a batch at a time from the head of the list, so a long list costs
   * what its head does; only the kept items are loaded.
   */
  public List<Item> keepAllowed(List<String> orderedIds, int limit) {
    Kept kept = kept(orderedIds, limit);
    List<Item> items = new ArrayList<>(kept.count());
    for (int k = 0; k < kept.count(); k++) items.add(kept.item(k));
    return items;
  }

  private Kept kept(List<String> orderedIds, int limit) {
    return kept(orderedIds.size(), k -> CatalogIndex.docOf(searcher, orderedIds.get(k)), limit);
  }

  /**
   * The places (in a ranking) and items of what passed the rules, in the ranking's order.
   *
   * @param count how many of {@code positions} and {@code items} hold one
   */
  private record Kept(int[] positions, Item[] items, int count) {
    Item item(int k) {
      return items[k];
    }
  }

  /**
   * Up to {@code limit} of the {@code size} places of a ranking whose documents pass the rules and
   * are not excluded, in order, checked a batch at a time from the head. The excluded are looked up
   * by the ids of the allowed: a profile's seen items are hundreds, a batch's allowed a few dozen.
   *
   * @param docAt the document at a place of the ranking, or -1 to skip it (not in the catalog)
   */
  private Kept kept(int size, IntUnaryOperator docAt, int limit) {
    int[] positions = new int[Math.min(limit, size)];
    Item[] items = new Item[positions.length];
    int count = 0;
    int from = 0;
    for (int batch = 2 * limit + 16; from < size && count < limit; batch *= 4) {
      int to = (int) Math.min(size, (long) from + batch);
      int[] docs = new int[to - from];
      int[] at = new int[to - from];
      int found = 0;
      for (int k = from; k < to; k++) {
        int doc = docAt.applyAsInt(k);
        if (doc < 0) continue;
        docs[found] = doc;
        at[found++] = k;
      }
      IntPredicate allowed = allowedAmong(docs, found);
      for (int k = 0; k < found && count < limit; k++) {
        if (!allowed.test(docs[k])) continue;
        Item item = CatalogIndex.item(searcher, docs[k]);
        if (excluded.contains(item.id())) continue;
        positions[count] = at[k];
        items[count++] = item;
      }
      from = to;
    }
    return new Kept(positions, items, count);
  }

  /**
   * Which of the first {@code count} of {@code docs} pass the rules: a bit test against the
   * in-stock documents kept per searcher when the request adds no filters and the block no
   * restrictions, else {@link #allowed}. Restrictions often depend on the page's item (its
   * category, a price above its own): a set of documents made for one would serve one request.
   */
  private IntPredicate allowedAmong(int[] docs, int count) {
    if (filters.equals(Filters.NONE) && restrictions.isEmpty())
      return CatalogIndex.docSet(searcher, rulesQuery())::get;
    int[] allowed = allowed(docs, count);
    return doc -> Arrays.binarySearch(allowed, doc) >= 0;
  }

  /**
   * The docs among the first {@code count} of {@code docs} that pass the rules, ascending: each
   * segment's rule iterator is advanced to the candidates in doc order, so a check costs a skip per
   * candidate rather than a term lookup per id (the id filter this replaced).
   */
  private int[] allowed(int[] docs, int count) {
    int[] sorted = Arrays.copyOf(docs, count);
    Arrays.sort(sorted);
    int[] out = new int[count];
    int kept = 0;
    try {
      Weight rules = rules();
      int at = 0;
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        int end = leaf.docBase + leaf.reader().maxDoc();
        int until = at;
        while (until < count && sorted[until] < end) until++;
        if (until > at) kept = allowedIn(leaf, rules, sorted, at, until, out, kept);
        at = until;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Arrays.copyOf(out, kept);
  }

  private static int allowedIn(
      LeafReaderContext leaf, Weight rules, int[] sorted, int from, int to, int[] out, int kept)
      throws IOException {
    ScorerSupplier supplier = rules.scorerSupplier(leaf);
    if (supplier == null) return kept;
    Scorer scorer = supplier.get(to - from);
    TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
    DocIdSetIterator iterator = twoPhase == null ? scorer.iterator() : twoPhase.approximation();
    int previous = -1;
    for (int k = from; k < to; k++) {
      int global = sorted[k];
      if (global == previous) continue;
      previous = global;
      int doc = global - leaf.docBase;
      int on = iterator.docID() < doc ? iterator.advance(doc) : iterator.docID();
      if (on == DocIdSetIterator.NO_MORE_DOCS) break;
      if (on == doc && (twoPhase == null || twoPhase.matches())) out[kept++] = global;
    }
    return kept;
  }

  /** The rules of this request without its exclusions (checked in memory), made once per set. */
  private Weight rules() throws IOException {
    if (rules == null)
      rules =
          searcher.createWeight(searcher.rewrite(rulesQuery()), ScoreMode.COMPLETE_NO_SCORES, 1f);
    return rules;
  }

  private Query rulesQuery() {
    if (rulesQuery == null)
      rulesQuery = Rules.apply(MatchAllDocsQuery.INSTANCE, filters, List.of(), restrictions);
    return rulesQuery;
  }

  /**
   * The ids that pass the rules as candidates, for algorithms whose ranking is known before the
   * index is asked (recency, indicator strength): each scored by {@code score} times the bias of
   * the boosting property rules it matches, as a query's score is, best first (equal scores keep
   * the order given). Only the kept items are loaded.
   */
  public List<Candidate> keepAllowed(
      List<String> orderedIds,
      ToDoubleFunction<Item> score,
      Function<Item, String> explain,
      int limit) {
    return keepAllowed(orderedIds, Ranked.of(score, explain), limit);
  }

  /** The same, scored and explained by place in the list (see {@link Ranked}). */
  public List<Candidate> keepAllowed(List<String> orderedIds, Ranked ranked, int limit) {
    // Without boosts the order given is the answer; with them, any allowed item may move up.
    int read = boosts.isEmpty() ? limit : orderedIds.size();
    return scored(kept(orderedIds, read), ranked, limit, !boosts.isEmpty());
  }

  /** The same for a list of this view's documents (-1: none), see {@link #contentNeighbours}. */
  public List<Candidate> keepAllowed(int[] docs, Ranked ranked, int limit) {
    int read = boosts.isEmpty() ? limit : docs.length;
    return scored(kept(docs.length, k -> docs[k], read), ranked, limit, !boosts.isEmpty());
  }

  /**
   * Like {@link #keepAllowed(List, ToDoubleFunction, Function, int)}, but the first {@code depth}
   * allowed ids (all of them under boosting rules) are ordered by {@code score}, which may differ
   * from the order given: a second opinion on the head of a ranking.
   */
  public List<Candidate> keepAllowedRescored(
      List<String> orderedIds,
      ToDoubleFunction<Item> score,
      Function<Item, String> explain,
      int depth,
      int limit) {
    int read = boosts.isEmpty() ? Math.max(depth, limit) : orderedIds.size();
    return scored(kept(orderedIds, read), Ranked.of(score, explain), limit, true);
  }

  /**
   * A ranking made in advance by places: what {@link #keepAllowedRescored(int[], int, Ranked, int,
   * int)} and {@link #keepAllowed(List, Ranked, int)} score and explain each kept item by, knowing
   * where it stood.
   */
  public interface Ranked {
    double score(int position, Item item);

    String explain(int position, Item item);

    private static Ranked byPlace(IntToDoubleFunction score, Function<Item, String> explain) {
      return scoredBy((position, item) -> score.applyAsDouble(position), explain);
    }

    private static Ranked of(ToDoubleFunction<Item> score, Function<Item, String> explain) {
      return scoredBy((position, item) -> score.applyAsDouble(item), explain);
    }

    /** A ranking scored by {@code score}, each item explained by {@code explain}. */
    private static Ranked scoredBy(Scoring score, Function<Item, String> explain) {
      return new Ranked() {
        @Override
        public double score(int position, Item item) {
          return score.of(position, item);
        }

        @Override
        public String explain(int position, Item item) {
          return explain.apply(item);
        }
      };
    }

    /** {@link #score} as a lambda. */
    @FunctionalInterface
    interface Scoring {
      double of(int position, Item item);
    }
  }

  /**
   * The same for a ranking of this view's documents (see {@link #reverseDocs}): the first {@code
   * count} of {@code docs}, best first, whose places {@code ranked} scores and explains. What the
   * request excluded is left out here.
   */
  public List<Candidate> keepAllowedRescored(
      int[] docs, int count, Ranked ranked, int depth, int limit) {
    int read = boosts.isEmpty() ? Math.max(depth, limit) : count;
    Kept kept = kept(count, k -> docs[k], read);
    return scored(kept, ranked, limit, true);
  }

  private List<Candidate> scored(Kept kept, Ranked ranked, int limit, boolean sort) {
    int n = kept.count();
    double[] scores = new double[n];
    for (int k = 0; k < n; k++) {
      Item item = kept.item(k);
      scores[k] = boosted(ranked.score(kept.positions()[k], item), item);
    }
    int[] top = sort ? best(scores, limit) : firsts(Math.min(limit, n));
    List<Candidate> out = new ArrayList<>(top.length);
    for (int k : top) {
      Item item = kept.item(k);
      out.add(new Candidate(item, scores[k], ranked.explain(kept.positions()[k], item)));
    }
    return out;
  }

  /**
   * The places of the {@code limit} largest scores, largest first; equal scores keep the order
   * given. An insertion into the few kept so far: a block keeps ten of a few dozen.
   */
  static int[] best(double[] scores, int limit) {
    int[] top = new int[Math.max(0, Math.min(limit, scores.length))];
    if (top.length == 0) return top;
    int size = 0;
    for (int k = 0; k < scores.length; k++) {
      if (size == top.length && scores[k] <= scores[top[size - 1]]) continue;
      int at = size == top.length ? size - 1 : size++;
      while (at > 0 && scores[top[at - 1]] < scores[k]) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = k;
    }
    return top;
  }

  private static int[] firsts(int n) {
    int[] places = new int[n];
    for (int k = 0; k < n; k++) places[k] = k;
    return places;
  }

  /**
   * Whether the request's filters or the block's restrictions keep only part of the catalog (a
   * category, discounts, a price range): then most of a ranking made in advance fails them, and a
   * query, which intersects the candidates with the rules, does better.
   */
  public boolean narrowed() {
    if (!filters.equals(Filters.NONE)) return true;
    for (BooleanClause clause : restrictions)
      if (clause.occur() == BooleanClause.Occur.FILTER
          || clause.occur() == BooleanClause.Occur.MUST) return true;
    return false;
  }

  /** Whether property rules boost some items: then a ranking known in advance may change. */
  public boolean boosting() {
    return !boosts.isEmpty();
  }

  /** A score with the boosts of the rules the item matches; a negative one moves up too. */
  private double boosted(double score, Item item) {
    double factor = 1;
    for (PropertyRule rule : boosts) if (rule.matches(item)) factor *= rule.bias();
    return score >= 0 ? score * factor : score / factor;
  }

  /**
   * The distinctive terms of {@code texts} as a query over {@code fields} (Lucene's MoreLikeThis),
   * weighed by this catalog's term statistics; run it through {@link #search}.
   */
  public Query likeText(String[] fields, int maxTerms, String... texts) {
    try {
      MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
      mlt.setAnalyzer(analyzer);
      mlt.setFieldNames(fields);
      // Catalogs are small next to text corpora: a term seen twice is already telling.
      mlt.setMinTermFreq(1);
      mlt.setMinDocFreq(2);
      // Brand and category words are in most documents of their kind; the caller boosts those
      // facets itself, so text terms that common only lengthen the query.
      mlt.setMaxDocFreqPct(5);
      mlt.setMaxQueryTerms(maxTerms);
      mlt.setBoost(true);
      Reader[] readers = new Reader[texts.length];
      for (int i = 0; i < texts.length; i++) readers[i] = new StringReader(texts[i]);
      return mlt.like(fields[0], readers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The shopper's search text as a query (see {@link SearchQuery}); empty when it holds no
   * searchable word.
   */
  public Optional<Query> textQuery(String text, boolean strict) {
    // Rewritten once per request: expanding the fuzzy words against the term dictionary is most of
    // a text query's cost, and a search page runs the strict one twice (the block, the counts).
    return textQueries.computeIfAbsent(
        (strict ? "strict:" : "any:") + text,
        key -> SearchQuery.parse(text, analyzer, strict).map(this::rewritten));
  }

  private Query rewritten(Query query) {
    try {
      return searcher.rewrite(query);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The item's indicators of that name, the model's or borrowed; empty when it has none. */
  public List<Indicator> indicators(String name, String itemId) {
    return CatalogIndex.indicators(searcher, name, itemId);
  }

  /**
   * The look-alike whose indicator {@code indicated} the item borrowed into its list {@code name};
   * null when that list is the item's own (see {@link #indicators}).
   */
  public String lenderOf(String name, String itemId, String indicated) {
    return CatalogIndex.lenderOf(searcher, name, itemId, indicated);
  }

  /** Some item with this value of a keyword field (in stock or not), if any. */
  public Optional<Item> anyItemWith(String field, String value) {
    try {
      TopDocs top = searcher.search(new TermQuery(new Term(field, value)), 1);
      return top.scoreDocs.length == 0
          ? Optional.empty()
          : Optional.of(CatalogIndex.item(searcher, top.scoreDocs[0].doc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * How rare a value of a keyword field (a category, a brand) is in the catalog: ln(documents / (1
   * + documents with it)), at least 0; like a term's idf, near 0 for a root that holds everything.
   */
  public double rarity(String field, String value) {
    return rarity(CatalogIndex.count(searcher, new TermQuery(new Term(field, value))));
  }

  /**
   * The same for the items a query matches (a price range), counted from the index once per
   * searcher: a price band's count was a fifth of a personal request.
   */
  public double rarity(Query matching) {
    return rarity(CatalogIndex.count(searcher, matching));
  }

  private double rarity(int documents) {
    return Math.max(0, Math.log((double) searcher.getIndexReader().numDocs() / (1 + documents)));
  }

  /**
   * The model's indicators turned around (per item, the items whose lists hold it): what a
   * shopper's history sums over; borrowed lists are in {@link #borrowedReverseIndicators}.
   */
  public ReverseIndicators reverseIndicators() {
    return CatalogIndex.reverseIndicators(searcher);
  }

  /** The same for the lists new items borrowed from look-alikes. */
  public ReverseIndicators borrowedReverseIndicators() {
    return CatalogIndex.borrowedReverseIndicators(searcher);
  }

  /** The documents of {@link #reverseIndicators}' ordinals in this view. */
  public DocsOfIds reverseDocs() {
    return CatalogIndex.reverseDocs(searcher);
  }

  /** The documents of {@link #borrowedReverseIndicators}' ordinals in this view. */
  public DocsOfIds borrowedReverseDocs() {
    return CatalogIndex.borrowedReverseDocs(searcher);
  }

  /** The items most alike by content to this one, made in the background; null when none. */
  public ItemNeighbours.Listed contentNeighbours(String itemId) {
    return CatalogIndex.contentNeighbours(searcher, itemId);
  }

  /** The documents of {@link #mostPopular}, in its order, in this view. */
  public DocsOfIds mostPopularDocs() {
    return CatalogIndex.mostPopularDocs(searcher);
  }

  /**
   * The items of most demand in this searcher's model, most first (in stock or not: pass them to
   * {@link #keepAllowed}); a bounded head, see {@link CatalogIndex#MOST_POPULAR}.
   */
  public List<String> mostPopular() {
    return CatalogIndex.mostPopular(searcher);
  }

  /** The decayed demand of a document's item (see {@link #reverseDocs}), 0 without any. */
  public float popularityOfDoc(int doc) {
    return CatalogIndex.popularityOfDoc(searcher, doc);
  }

  /** The row of a document's item in {@code vectors}, or -1 (see {@link ItemVectors#row}). */
  public int vectorRowOfDoc(ItemVectors vectors, int doc) {
    return CatalogIndex.vectorRowOfDoc(searcher, vectors, doc);
  }

  /** The item's decayed demand in this searcher's model (0 without any). */
  public float popularity(String itemId) {
    return CatalogIndex.modelOf(searcher).popularity().getOrDefault(itemId, 0f);
  }

  /** The best sellers of a group of shoppers in this searcher's model, best first. */
  public List<String> bestSellers(String group) {
    return CatalogIndex.modelOf(searcher).bestSellers(group);
  }

  /** Whether the model recorded demand for the item: only then is it "popular". */
  public boolean hasDemand(String itemId) {
    return CatalogIndex.hasDemand(searcher, itemId);
  }

  /** When the item last came back in stock, or null. */
  public Instant restockedAt(String itemId) {
    return CatalogIndex.restockedAt(searcher, itemId);
  }

  /**
   * The catalog's spellings of a category name, matched without regard to case ({@code phones}
   * finds {@code Phones}), the one with the most items first; empty when no item is under it.
   */
  public List<String> categorySpellings(String name) {
    return CatalogIndex.categorySpellings(searcher, name);
  }

  /**
   * Up to {@code max} categories of the catalog nearest a name it does not have, by the typo rule
   * of search ({@link Spelling}), nearest first; empty when none is that close.
   */
  public List<String> categoriesNear(String name, int max) {
    return Spelling.nearest(name, CatalogIndex.categoryNames(searcher), Integer.MAX_VALUE).stream()
        .filter(near -> categorySpellings(near).contains(near))
        .limit(max)
        .toList();
  }

  /** An item by id (in stock or not); for context and explanations. */
  public Optional<Item> item(String itemId) {
    return CatalogIndex.find(searcher, itemId);
  }

  /** "“Title”" of an item for explanations, or its id when it is gone from the catalog. */
  public String titleOf(String itemId) {
    return "“" + item(itemId).map(Item::title).filter(t -> !t.isBlank()).orElse(itemId) + "”";
  }
}
