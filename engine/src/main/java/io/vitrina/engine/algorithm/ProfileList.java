package io.vitrina.engine.algorithm;

import java.util.List;

/** A list of item ids the request knows about the shopper, most recent first. */
public enum ProfileList {
  RECENT_VIEWS,
  PURCHASES,
  /** The storefront's cart and the profile's, each item once. */
  CART;

  public List<String> of(AlgorithmContext context) {
    return switch (this) {
      case RECENT_VIEWS -> context.profile().recentViews();
      case PURCHASES -> context.profile().purchases();
      case CART -> context.cart();
    };
  }
}
