package io.vitrina.engine.segment;

import java.util.function.Function;

/**
 * Which items a behaviour condition counts: each part given must hold (an item id, a category
 * anywhere in the item's path, a brand, a tag; case-insensitive); none given matches every item.
 */
public record ItemMatch(String itemId, String category, String brand, String tag) {
  public static final ItemMatch ANY = new ItemMatch(null, null, null, null);

  /**
   * @param catalog the catalog's item of an id, or null when it lacks it (then only an item id can
   *     match); asked only when a category, brand or tag is to match
   */
  public boolean matches(String id, Function<String, ItemFacts> catalog) {
    if (itemId != null && !itemId.equals(id)) return false;
    if (category == null && brand == null && tag == null) return true;
    ItemFacts item = catalog.apply(id);
    if (item == null) return false;
    if (category != null && item.categories().stream().noneMatch(category::equalsIgnoreCase))
      return false;
    if (brand != null && !brand.equalsIgnoreCase(item.brand())) return false;
    return tag == null || item.tags().stream().anyMatch(tag::equalsIgnoreCase);
  }
}
