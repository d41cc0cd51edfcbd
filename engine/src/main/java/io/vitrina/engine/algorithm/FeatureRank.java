package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import java.util.List;
import java.util.function.Function;
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
    Function<Item, String> explain =
        item -> byDemand && !catalog.hasDemand(item.id()) ? NO_DEMAND : why;
    if (byDemand && !catalog.boosting() && !catalog.narrowed()) {
      List<Candidate> head = mostPopular(catalog, limit, explain);
      if (head != null) return head;
    }
    return catalog.search(byFeature, limit, explain);
  }

  /**
   * Best sellers read from the model's popularity ranking instead of a query, when its head holds
   * enough allowed items: what a whole-store block needs, at the cost of a few lookups; null when
   * it does not. A block restricted to a category or to discounts asks the index at once.
   */
  private static List<Candidate> mostPopular(
      CatalogView catalog, int limit, Function<Item, String> explain) {
    List<String> ranked = catalog.mostPopular();
    List<String> head = ranked.subList(0, Math.min(ranked.size(), HEAD_PER_SLOT * limit + 32));
    List<Candidate> out =
        catalog.keepAllowed(head, item -> catalog.popularity(item.id()), explain, limit);
    // Past the head only the index knows what is allowed, items without demand among them.
    return out.size() == limit ? out : null;
  }

  /** Best sellers read per slot before the index is asked instead. */
  static final int HEAD_PER_SLOT = 8;
}
