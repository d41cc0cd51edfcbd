package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.TermQuery;

/**
 * Family: best sellers of the shopper's favourite values of one facet (brand, leaf category). The
 * facet's values are counted over the shopper's history, a purchase {@value #PURCHASE} times, a
 * cart item {@value #CART}, a view once; the {@code top} values become the query, each boosted by
 * its share, and popularity orders the items within a value.
 *
 * @param field the index field of the facet
 * @param facet the facet's value of an item, or null
 * @param reason explanation, with {@code %s} for the item's value of the facet
 */
public record FavoriteFacet(String field, Function<Item, String> facet, int top, String reason)
    implements CandidateSource {
  static final int PURCHASE = 3;
  static final int CART = 2;

  /** Facet matches count in whole steps; popularity (below 1) only orders within a step. */
  private static final float STEP = 10f;

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    Map<String, Integer> counts = counts(context);
    if (counts.isEmpty()) return List.of();
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    BooleanQuery.Builder favourites = new BooleanQuery.Builder();
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .forEach(
            e ->
                favourites.add(
                    new BoostQuery(
                        new ConstantScoreQuery(new TermQuery(new Term(field, e.getKey()))),
                        STEP * e.getValue() / total),
                    Occur.SHOULD));
    BooleanQuery query =
        new BooleanQuery.Builder()
            .add(favourites.build(), Occur.MUST)
            .add(
                FeatureField.newSaturationQuery(ItemFields.FEATURES, ItemFields.POPULARITY, 1f, 1f),
                Occur.SHOULD)
            .build();
    return context.catalog().search(query, limit, item -> reason.formatted(facet.apply(item)));
  }

  private Map<String, Integer> counts(AlgorithmContext context) {
    Map<String, Integer> counts = new HashMap<>();
    count(context, context.profile().purchases(), PURCHASE, counts);
    count(context, context.cart(), CART, counts);
    count(context, context.profile().recentViews(), 1, counts);
    return counts;
  }

  private void count(
      AlgorithmContext context, List<String> itemIds, int weight, Map<String, Integer> counts) {
    for (String id : itemIds) {
      context
          .catalog()
          .item(id)
          .map(facet)
          .filter(value -> !value.isBlank())
          .ifPresent(value -> counts.merge(value, weight, Integer::sum));
    }
  }
}
