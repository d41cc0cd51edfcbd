package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import io.vitrina.engine.model.Indicator;
import io.vitrina.engine.rule.Filters;
import io.vitrina.engine.rule.PropertyRule;
import io.vitrina.engine.rule.Rules;
import io.vitrina.engine.search.SearchQuery;
import io.vitrina.engine.search.Spelling;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The catalog as one request sees it: one searcher held for the whole request (so all its queries
 * see the same catalog), and the only way algorithms reach the index. Every query passes the rules
 * (stock, the request's filters) and leaves out what the request has excluded so far.
 */
public final class CatalogView {
  private final IndexSearcher searcher;
  private final Analyzer analyzer;
  private final Filters filters;
  private final Set<String> excluded = new LinkedHashSet<>();
  private List<BooleanClause> restrictions = List.of();
  private List<PropertyRule> boosts = List.of();

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

  /** Sets the algorithm restrictions every later query of this request honours. */
  void restrict(List<BooleanClause> clauses) {
    restrictions = List.copyOf(clauses);
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
   * Like {@link #search}, over the best {@code depth} hits of {@code candidates} rescored by adding
   * {@code boost} of each hit's item, computed from the items in memory (no second query: a
   * rescoring query of price ranges collected every matching document of the catalog).
   */
  public List<Candidate> searchRescored(
      Query candidates,
      ToDoubleFunction<Item> boost,
      int depth,
      int limit,
      Function<Item, String> explain) {
    try {
      TopDocs first = searcher.search(ruled(candidates), Math.max(depth, limit));
      List<Candidate> rescored = new ArrayList<>(first.scoreDocs.length);
      for (ScoreDoc hit : first.scoreDocs) {
        Item item = CatalogIndex.item(searcher, hit.doc);
        rescored.add(new Candidate(item, hit.score + boost.applyAsDouble(item), null));
      }
      // Stable: equal scores keep the first pass's order (Lucene's, by doc id).
      rescored.sort(Comparator.comparingDouble(Candidate::score).reversed());
      List<Candidate> out = new ArrayList<>(Math.min(limit, rescored.size()));
      for (Candidate c : rescored.subList(0, Math.min(limit, rescored.size())))
        out.add(new Candidate(c.item(), c.score(), explain.apply(c.item())));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
   * before the index is asked (recency, indicator strength). Only the kept items are loaded.
   */
  public List<Item> keepAllowed(List<String> orderedIds, int limit) {
    if (orderedIds.isEmpty()) return List.of();
    try {
      Query query = ruled(Rules.anyOf(ItemFields.ID, orderedIds));
      Map<String, Item> allowed = new HashMap<>();
      for (ScoreDoc hit : searcher.search(query, orderedIds.size()).scoreDocs) {
        Item item = CatalogIndex.item(searcher, hit.doc);
        allowed.put(item.id(), item);
      }
      List<Item> kept = new ArrayList<>(allowed.size());
      for (String id : orderedIds) {
        Item item = allowed.get(id);
        if (item != null) kept.add(item);
      }
      // The order is the algorithm's; boosted items move ahead of the others, in that order.
      if (!boosts.isEmpty())
        kept.sort(Comparator.comparingDouble((Item item) -> boostOf(item)).reversed());
      return kept.subList(0, Math.min(limit, kept.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private double boostOf(Item item) {
    double factor = 1;
    for (PropertyRule rule : boosts) if (rule.matches(item)) factor *= rule.bias();
    return factor;
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
    return SearchQuery.parse(text, analyzer, strict);
  }

  /** The item's indicators of that name, the model's or borrowed; empty when it has none. */
  public List<Indicator> indicators(String name, String itemId) {
    return CatalogIndex.indicators(searcher, name, itemId);
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
    try {
      return rarity(searcher.getIndexReader().docFreq(new Term(field, value)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same for the items a query matches (a price range), counted from the index. */
  public double rarity(Query matching) {
    try {
      return rarity(searcher.count(matching));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private double rarity(int documents) {
    return Math.max(0, Math.log((double) searcher.getIndexReader().numDocs() / (1 + documents)));
  }

  /** The best sellers of a group of shoppers in this searcher's model, best first. */
  public List<String> bestSellers(String group) {
    return CatalogIndex.modelOf(searcher).bestSellers(group);
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
