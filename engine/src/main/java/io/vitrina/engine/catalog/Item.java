package io.vitrina.engine.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One product of a store's catalog, as the store describes it.
 *
 * <p>{@code categories} is the category path from the root to the leaf (names or the store's
 * category ids); an item is found under every element of its path. Prices are in the store's
 * currency. {@code oldPrice} is the crossed-out price of a discounted item, or null.
 */
public record Item(
    String id,
    String title,
    String description,
    String url,
    String image,
    List<String> categories,
    String brand,
    double price,
    Double oldPrice,
    int stock,
    boolean available,
    List<String> tags,
    Map<String, String> attributes,
    Instant createdAt) {

  public Item {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) throw new IllegalArgumentException("item id is blank");
    title = title == null ? "" : title;
    description = description == null ? "" : description;
    categories = categories == null ? List.of() : List.copyOf(categories);
    tags = tags == null ? List.of() : List.copyOf(tags);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    createdAt = createdAt == null ? Instant.EPOCH : createdAt;
  }

  /** The same item with another {@code createdAt}. */
  public Item withCreatedAt(Instant at) {
    return new Item(
        id,
        title,
        description,
        url,
        image,
        categories,
        brand,
        price,
        oldPrice,
        stock,
        available,
        tags,
        attributes,
        at);
  }

  /** Whether a shopper can buy it now: the rules show only such items. */
  public boolean inStock() {
    return available && stock > 0;
  }

  /** Whether the item is discounted: the store sent an old price above the price. */
  public boolean onSale() {
    return oldPrice != null && oldPrice > price;
  }

  /** The deepest category of the path, or null when the item has none. */
  public String leafCategory() {
    return categories.isEmpty() ? null : categories.get(categories.size() - 1);
  }
}
