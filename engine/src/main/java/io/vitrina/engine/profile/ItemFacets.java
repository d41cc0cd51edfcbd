package io.vitrina.engine.profile;

import java.util.List;

/**
 * What the affinities count of an item: its category path, brand, {@link PriceBand} label and tags
 * (brand and band null when it has none). The profile's own view of a catalog item, so that
 * profiles need not know the catalog.
 */
public record ItemFacets(
    List<String> categories, String brand, String priceBand, List<String> tags) {
  public ItemFacets {
    categories = List.copyOf(categories);
    tags = List.copyOf(tags);
    brand = brand == null || brand.isBlank() ? null : brand;
  }

  public static ItemFacets of(
      List<String> categories, String brand, double price, List<String> tags) {
    return new ItemFacets(
        categories, brand, PriceBand.of(price).map(PriceBand::label).orElse(null), tags);
  }
}
