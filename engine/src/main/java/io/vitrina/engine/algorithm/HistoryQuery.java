package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.TermQuery;

/**
 * Family: the shopper's history as a query against the items' indicator fields (correlated
 * cross-occurrence, the search-engine way). Each {@link Clause} sends one profile list to one
 * indicator with a weight; newer history weighs more; popularity breaks ties and fills a thin block
 * in the same query. What the history holds is excluded from the block, fallbacks included.
 *
 * @param clauses in the order explanations look for a reason
 */
public record HistoryQuery(List<Clause> clauses, float popularityWeight, String fallbackReason)
    implements CandidateSource {
  /** Each older history item weighs this much of the one after it. */
  static final float RECENCY_DECAY = 0.93f;

  /**
   * @param maxTerms history terms are bounded: popular items have long postings, and old history
   *     says little
   * @param reason explanation when this clause matched, with {@code %s} for the history item's
   *     title
   */
  public record Clause(
      ProfileList list, String indicator, float weight, int maxTerms, String reason) {}

  public HistoryQuery {
    clauses = List.copyOf(clauses);
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    List<List<String>> history = new ArrayList<>(clauses.size());
    boolean empty = true;
    for (Clause clause : clauses) {
      List<String> ids = head(clause.list().of(context), clause.maxTerms());
      history.add(ids);
      empty &= ids.isEmpty();
    }
    if (empty) return List.of();

    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (int c = 0; c < clauses.size(); c++) {
      float boost = clauses.get(c).weight();
      String field = ItemFields.indicator(clauses.get(c).indicator());
      for (String id : history.get(c)) {
        query.add(new BoostQuery(new TermQuery(new Term(field, id)), boost), Occur.SHOULD);
        boost *= RECENCY_DECAY;
      }
    }
    // Popularity is one more SHOULD clause of the same disjunction (which the rules wrap in a
    // MUST): measured on 100k items it lets dynamic pruning skip all but ~1.2k documents, where
    // MUST(history) + SHOULD(popularity) scored ~55k. Its weight is below one history match, so
    // history ranks first and popularity fills the rest of a thin block in the same query.
    query.add(
        FeatureField.newSaturationQuery(
            ItemFields.FEATURES, ItemFields.POPULARITY, popularityWeight, 1f),
        Occur.SHOULD);
    // What the shopper already has or just saw stays out of this block, fallbacks included.
    history.forEach(ids -> ids.forEach(context.catalog()::exclude));
    return context.catalog().search(query.build(), limit, item -> explain(context, item, history));
  }

  /** Names the most recent history item that made this one a match. */
  private String explain(AlgorithmContext context, Item item, List<List<String>> history) {
    for (int c = 0; c < clauses.size(); c++) {
      Clause clause = clauses.get(c);
      for (String id : history.get(c)) {
        if (context.model().indicator(clause.indicator(), item.id(), id) != null) {
          return clause.reason().formatted(context.catalog().titleOf(id));
        }
      }
    }
    return fallbackReason;
  }

  private static List<String> head(List<String> list, int max) {
    return list.size() <= max ? list : list.subList(0, max);
  }
}
