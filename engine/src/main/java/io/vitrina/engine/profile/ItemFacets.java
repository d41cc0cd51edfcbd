package io.vitrina.engine.profile;

import java.util.List;

/**
 * What the affinities count of an item: its category path, brand (or null), price and tags. The
 * profile's own view of a catalog item, so that profiles need not know the catalog.
 */
public record ItemFacets(List<String> categories, String brand, double price, List<String> tags) {
  public ItemFacets {
    categories = List.copyOf(categories);
    tags = List.copyOf(tags);
  }
}
