package io.vitrina.engine.segment;

import java.util.List;

/**
 * What rules read of a catalog item: its category path, brand, price and tags. The segments' own
 * view of an item, so that segments need not know the catalog.
 */
public record ItemFacts(List<String> categories, String brand, double price, List<String> tags) {
  public ItemFacts {
    categories = List.copyOf(categories);
    tags = List.copyOf(tags);
  }
}
