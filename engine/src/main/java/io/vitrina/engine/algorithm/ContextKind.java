package io.vitrina.engine.algorithm;

/**
 * What a page tells about itself, and so what an algorithm may require of a request: an item page
 * names an item, a category page a category, a search page a query, a cart page a cart (or the
 * shopper, whose cart the service knows from their events).
 */
public enum ContextKind {
  ITEM("item", "item=<item id>"),
  CATEGORY("category", "category=<category>"),
  SEARCH("search", "q=<search text>"),
  CART("cart", "cart=<item id>,<item id>… or visitor=<visitor id> (the cart their events built)"),
  SHOPPER("shopper", "visitor=<visitor id> or customer=<customer id>");

  private final String wireName;
  private final String howToPass;

  ContextKind(String wireName, String howToPass) {
    this.wireName = wireName;
    this.howToPass = howToPass;
  }

  /** The name in the API's algorithm list. */
  public String wireName() {
    return wireName;
  }

  /** The request parameter that gives it, for error messages. */
  public String howToPass() {
    return howToPass;
  }
}
