package io.vitrina.server.demo;

import io.vitrina.engine.block.Block;
import io.vitrina.engine.rule.BusinessRules;
import java.util.List;

/**
 * The demo store's blocks, one set per page type, as a store would configure them: the home page,
 * an item page, a category page, the search page and the cart.
 */
final class DemoBlocks {
  private DemoBlocks() {}

  private static final BusinessRules TWO_PER_BRAND =
      new BusinessRules(List.of(), List.of(), List.of(), 2, null, 0);

  private static final BusinessRules VARIED =
      new BusinessRules(List.of(), List.of(), List.of(), 3, 2, 0);

  static final List<Block> ALL =
      List.of(
          block("home-for-you", "personal", "Home page: picked for the shopper", 8, VARIED),
          block("home-new", "new_arrivals", "Home page: new in the store", 8, TWO_PER_BRAND),
          block("home-trending", "trending", "Home page: rising demand", 8, VARIED),
          block("item-bought-together", "also_bought", "Item page: bought together", 6, null),
          block("item-accessories", "cross_sell", "Item page: goes well with it", 6, null),
          block("item-alternatives", "alternatives", "Item page: alternatives", 6, null),
          block("item-upgrade", "upsell", "Item page: a step up", 4, null),
          block(
              "category-top", "category_popular", "Category page: best sellers", 12, TWO_PER_BRAND),
          block("category-for-you", "category_personal", "Category page: for the shopper", 8, null),
          block("category-sale", "category_sale", "Category page: on sale", 8, null),
          block("search-results", "search_personal", "Search page: the results", 24, null),
          block("search-led-to", "search_to_items", "Search page: where this search led", 6, null),
          block("cart-complements", "cart_cross_sell", "Cart page: complete the order", 6, null),
          block("cart-left-behind", "abandoned_cart", "Any page: still in the cart", 6, null));

  private static Block block(
      String name, String algorithm, String description, int limit, BusinessRules rules) {
    return new Block(name, algorithm, description, limit, rules);
  }
}
