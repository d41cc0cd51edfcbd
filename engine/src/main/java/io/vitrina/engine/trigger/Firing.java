package io.vitrina.engine.trigger;

import java.util.List;

/**
 * A trigger due for one shopper, on one occasion: what the message is about and the context its
 * items are recommended from.
 *
 * @param occasion what makes this firing once-only, with the kind and the shopper: e.g. the time
 *     the cart last changed; the same occasion never fires twice
 * @param item the item the message is about (a viewed, carted or bought item), or null
 * @param category the category it is about, or null
 * @param query the search it is about, or null
 * @param basket items the recommendation starts from as a cart (the cart, or the latest purchase),
 *     or empty
 */
public record Firing(
    TriggerKind kind,
    String occasion,
    String item,
    String category,
    String query,
    List<String> basket) {
  public Firing {
    basket = basket == null ? List.of() : List.copyOf(basket);
  }

  static Firing on(TriggerKind kind, String occasion) {
    return new Firing(kind, occasion, null, null, null, List.of());
  }

  Firing withItem(String item) {
    return new Firing(kind, occasion, item, category, query, basket);
  }

  Firing withCategory(String category) {
    return new Firing(kind, occasion, item, category, query, basket);
  }

  Firing withQuery(String query) {
    return new Firing(kind, occasion, item, category, query, basket);
  }

  Firing withBasket(List<String> basket) {
    return new Firing(kind, occasion, item, category, query, basket);
  }

  /** The occasion's key among a shopper's: kind and occasion. */
  public String key() {
    return kind.wireName() + "|" + occasion;
  }
}
