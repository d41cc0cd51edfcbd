package io.vitrina.engine.algorithm;

import io.vitrina.engine.rule.Filters;
import java.util.List;

/**
 * What a storefront asks: an algorithm and the page context.
 *
 * @param itemId the item of an item page, or null
 * @param category the category of a category page, or null
 * @param query the search text of a search page, or null
 * @param cart item ids in the cart as the storefront sees it (added to the profile's cart)
 * @param limit how many items to return
 */
public record RecommendationRequest(
    String algorithm,
    String visitorId,
    String customerId,
    String itemId,
    String category,
    String query,
    List<String> cart,
    int limit,
    Filters filters) {
  public static final int MAX_LIMIT = 100;

  public RecommendationRequest {
    cart = cart == null ? List.of() : List.copyOf(cart);
    filters = filters == null ? Filters.NONE : filters;
    if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
  }
}
