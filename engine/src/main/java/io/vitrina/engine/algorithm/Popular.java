package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.ItemFields;
import java.util.List;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.search.Query;

/** #26 {@code popular}: global best sellers by decayed demand; the end of every fallback chain. */
public final class Popular implements Algorithm {
  public static final String NAME = "popular";
  private static final Query BY_POPULARITY = FeatureField.newLinearQuery(ItemFields.FEATURES, ItemFields.POPULARITY, 1f);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Best sellers of the store by recent demand (views, carts and purchases, decayed over days)";
  }

  @Override
  public List<String> fallbacks() {
    return List.of();
  }

  @Override
  public List<Candidate> recommend(AlgorithmContext context, int limit) {
    String reason = context.request().category() != null ? "popular in this category" : "popular in the store";
    return context.search(BY_POPULARITY, limit, item -> reason);
  }
}
