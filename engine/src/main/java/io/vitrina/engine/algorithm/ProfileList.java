package io.vitrina.engine.algorithm;

import java.util.List;

/** A list of item ids the request knows about the shopper or the page, most recent first. */
public enum ProfileList {
  RECENT_VIEWS,
  PURCHASES,
  /** The storefront's cart and the profile's, each item once. */
  CART,
  /** The page's item, when the page has one. */
  PAGE_ITEM;

  public List<String> of(AlgorithmContext context) {
    return switch (this) {
      case RECENT_VIEWS -> context.profile().recentViews();
      case PURCHASES -> context.profile().purchases();
      case CART -> context.cart();
      case PAGE_ITEM ->
          context.request().page().itemId() == null
              ? List.of()
              : List.of(context.request().page().itemId());
    };
  }
}
