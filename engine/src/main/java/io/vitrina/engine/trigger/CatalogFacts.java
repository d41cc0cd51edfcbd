package io.vitrina.engine.trigger;

import java.time.Instant;

/**
 * What trigger rules need to know of the catalog now: a narrow function, so that the rules stay
 * pure and a test passes a map.
 */
@FunctionalInterface
public interface CatalogFacts {
  /** The facts of an item, or null when the catalog does not have it. */
  ItemFact item(String itemId);

  /**
   * @param price the unit price now
   * @param oldPrice the store's crossed-out price, or null
   * @param inStock whether it can be bought now
   * @param category its first (main) category, or null
   * @param restockedAt when it last came back in stock, or null
   */
  record ItemFact(
      double price, Double oldPrice, boolean inStock, String category, Instant restockedAt) {}
}
