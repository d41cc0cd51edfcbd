package io.vitrina.engine.algorithm;

import java.util.List;
import java.util.Objects;

/**
 * A store's own listing (a category page, its search results) to re-order for one shopper.
 *
 * @param itemIds the listing in the store's order
 * @param personalization how much the shopper's history counts against the store's order: 0 keeps
 *     the store's order, 1 weighs them alike
 */
public record RankRequest(Shopper shopper, List<String> itemIds, double personalization) {
  public static final int MAX_ITEMS = 1_000;
  public static final double DEFAULT_PERSONALIZATION = 1;

  public RankRequest {
    Objects.requireNonNull(shopper, "shopper");
    itemIds = List.copyOf(itemIds);
    if (itemIds.isEmpty() || itemIds.size() > MAX_ITEMS)
      throw new IllegalArgumentException(
          "a listing has 1 to " + MAX_ITEMS + " items, was " + itemIds.size());
    if (!(personalization >= 0 && personalization <= 10))
      throw new IllegalArgumentException("personalization must be 0..10, was " + personalization);
  }
}
