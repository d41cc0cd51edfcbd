package io.vitrina.engine.rule;

import java.util.List;

/**
 * Filters a request may add to the rules every block honours.
 *
 * @param minPrice lowest price shown, or null
 * @param maxPrice highest price shown, or null
 * @param categories only items under one of these categories (any level of the path), or empty
 * @param brands only items of one of these brands, or empty
 */
public record Filters(
    Double minPrice, Double maxPrice, List<String> categories, List<String> brands) {
  public static final Filters NONE = new Filters(null, null, List.of(), List.of());

  public Filters {
    categories = categories == null ? List.of() : List.copyOf(categories);
    brands = brands == null ? List.of() : List.copyOf(brands);
    if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
      throw new IllegalArgumentException(
          "price_min " + minPrice + " is above price_max " + maxPrice);
    }
  }
}
