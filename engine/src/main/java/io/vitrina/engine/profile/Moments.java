package io.vitrina.engine.profile;

import java.time.Instant;
import java.util.Map;

/**
 * When a shopper last did what trigger messages react to, as a profile keeps it: a few times and
 * one watched item, not a log (a typical profile stays under its memory bound). An immutable copy;
 * a time is null when it never happened.
 *
 * @param cartChanged when an item was last added to or removed from the cart
 * @param viewed when an item was last viewed
 * @param searched when the latest search was
 * @param signedUp when the shopper signed up ({@code sign_up}), or null
 * @param watched the latest item the shopper viewed more than once, or null
 * @param cartPrices the unit price of each cart item when it was added, by item id (only the items
 *     whose event carried a price)
 */
public record Moments(
    Instant cartChanged,
    Instant viewed,
    Instant searched,
    Instant signedUp,
    Watched watched,
    Map<String, Double> cartPrices) {
  public static final Moments NONE = new Moments(null, null, null, null, null, Map.of());

  /**
   * An item viewed repeatedly.
   *
   * @param views how many times it was viewed (in a row of other views, since it was first viewed
   *     twice)
   * @param lastViewed when it was viewed last
   * @param price its unit price at that view, 0 when the event did not say
   */
  public record Watched(String itemId, int views, Instant lastViewed, double price) {}

  public Moments {
    cartPrices = cartPrices == null ? Map.of() : Map.copyOf(cartPrices);
  }
}
