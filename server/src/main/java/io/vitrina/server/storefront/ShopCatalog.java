package io.vitrina.server.storefront;

import io.vitrina.engine.catalog.Item;
import java.util.List;
import java.util.Optional;

/**
 * What the demo store's pages read of the catalog, as a store's own backend reads its product
 * database: its departments, an item, a page of a category's items, a page of search results.
 */
public interface ShopCatalog {
  /** The top categories with their subcategories, biggest first. */
  List<Department> departments();

  Optional<Item> item(String id);

  /** A page of the category's items, most popular first. */
  Listing category(String name, int offset, int limit);

  /** A page of the items the text finds (the store's search, as {@code /v1/search} answers). */
  Listing search(String query, int offset, int limit);

  /** A category of the catalog, addressed in the store's URLs by its slug. */
  record Category(String name, String slug, int items) {}

  /** A top category and the subcategories under it. */
  record Department(Category category, List<Category> aisles) {}

  /** One page of items and how many there are in all. */
  record Listing(List<Item> items, long total) {
    static final Listing EMPTY = new Listing(List.of(), 0);
  }

  /** The category of that slug, among the departments and their aisles. */
  default Optional<Category> categoryBySlug(String slug) {
    for (Department d : departments()) {
      if (d.category().slug().equals(slug)) return Optional.of(d.category());
      for (Category aisle : d.aisles()) if (aisle.slug().equals(slug)) return Optional.of(aisle);
    }
    return Optional.empty();
  }

  /** The department a category is or belongs to, if any. */
  default Optional<Department> departmentOf(String name) {
    for (Department d : departments()) {
      if (d.category().name().equals(name)) return Optional.of(d);
      for (Category aisle : d.aisles()) if (aisle.name().equals(name)) return Optional.of(d);
    }
    return Optional.empty();
  }

  /** "Home & Kitchen" is "home-kitchen" in a URL. */
  static String slug(String name) {
    String slug =
        name.toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-|-$", "");
    return slug.isEmpty() ? "category" : slug;
  }
}
