package io.vitrina.engine.algorithm;

import java.util.List;

/**
 * The page a block is shown on.
 *
 * @param itemId the item of an item page, or null
 * @param category the category of a category page, or null
 * @param query the search text of a search page, or null
 * @param cart item ids in the cart as the storefront sees it (added to the profile's cart)
 */
public record PageContext(String itemId, String category, String query, List<String> cart) {
  public static final PageContext NONE = new PageContext(null, null, null, List.of());

  public PageContext {
    cart = cart == null ? List.of() : List.copyOf(cart);
  }

  /** Whether the page gives this kind of context (the shopper is not the page's: always false). */
  public boolean has(ContextKind kind) {
    return switch (kind) {
      case ITEM -> itemId != null;
      case CATEGORY -> category != null;
      case SEARCH -> query != null;
      case CART -> !cart.isEmpty();
      case SHOPPER -> false;
    };
  }
}
