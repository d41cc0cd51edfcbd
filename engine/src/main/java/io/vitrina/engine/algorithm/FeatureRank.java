package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.ItemFields;
import java.util.List;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.search.Query;

/**
 * Family: items ranked by one model feature of their documents (popularity, …), under the rules and
 * the request's filters.
 *
 * @param reason explanation in the whole store
 * @param categoryReason explanation when the request is for a category
 */
public record FeatureRank(String feature, String reason, String categoryReason)
    implements CandidateSource {
  @Override
  public boolean sameForEveryShopper() {
    return true;
  }

  /**
   * Why an item with no recorded demand is in a block ranked by popularity: every item has the
   * feature's floor, so a quiet store's best sellers end in items nobody looked at yet.
   */
  static final String NO_DEMAND = "in the store, no demand recorded yet";

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    Query byFeature = FeatureField.newLinearQuery(ItemFields.FEATURES, feature, 1f);
    String why = context.request().page().category() != null ? categoryReason : reason;
    CatalogView catalog = context.catalog();
    boolean byDemand = feature.equals(ItemFields.POPULARITY);
    return catalog.search(
        byFeature, limit, item -> byDemand && !catalog.hasDemand(item.id()) ? NO_DEMAND : why);
  }
}
