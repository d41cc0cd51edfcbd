package io.vitrina.engine.audience;

import io.vitrina.engine.model.ItemVectors;
import io.vitrina.engine.profile.ProfileView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A shopper's vector in the factor model, folded in from what they viewed, carted and bought. */
public final class ShopperVector {
  /** How much a view counts, against a purchase's or a cart item's 1. */
  public static final float VIEW_STRENGTH = 0.2f;

  private ShopperVector() {}

  /**
   * @param cart the cart to count (a request's may hold more than the profile's)
   * @return null without a trained model or without a history item that has a vector
   */
  public static float[] of(ProfileView profile, List<String> cart, ItemVectors vectors) {
    if (vectors.isEmpty()) return null;
    Map<String, Float> history = new HashMap<>();
    for (String id : profile.recentViews()) history.put(id, VIEW_STRENGTH);
    for (String id : profile.purchases()) history.put(id, 1f);
    for (String id : cart) history.put(id, 1f);
    return history.isEmpty() ? null : vectors.shopperVector(history);
  }
}
