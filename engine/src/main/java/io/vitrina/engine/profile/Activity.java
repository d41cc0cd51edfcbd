package io.vitrina.engine.profile;

import java.time.Instant;
import java.util.List;

/**
 * What segment rules read of a shopper: how often and when they viewed and bought each item, their
 * cart, searches, orders and region, and when they were first and last seen. An immutable copy,
 * made only when asked (requests read {@link ProfileView}), and lighter than a view: none of the
 * lists that only blocks read (items seen, shown unclicked, affinities).
 *
 * @param views viewed items (up to the profile's bound), most recently viewed first
 * @param purchases bought items (up to the profile's bound), most recently bought first
 * @param cart item ids in the cart, most recently added first
 * @param searches recent search texts, most recent first
 * @param orders the shopper's orders
 * @param region the region of the shopper's latest event that named one, or null
 * @param firstSeen the shopper's earliest event the profile holds, or null
 * @param lastSeen their latest, or null
 */
public record Activity(
    List<Visit> views,
    List<Visit> purchases,
    List<String> cart,
    List<String> searches,
    Orders orders,
    String region,
    Instant firstSeen,
    Instant lastSeen) {
  public static final Activity NONE =
      new Activity(List.of(), List.of(), List.of(), List.of(), Orders.NONE, null, null, null);

  /** An item the shopper viewed or bought {@code times} times, the latest at {@code last}. */
  public record Visit(String itemId, int times, Instant last) {}

  public Activity {
    views = List.copyOf(views);
    purchases = List.copyOf(purchases);
    cart = List.copyOf(cart);
    searches = List.copyOf(searches);
    orders = orders == null ? Orders.NONE : orders;
  }
}
