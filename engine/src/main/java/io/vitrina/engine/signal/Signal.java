package io.vitrina.engine.signal;

import java.util.EnumSet;
import java.util.Set;

/**
 * A kind of interaction the models learn from, and the events that count as it. Models are
 * configured over signals, not event names, so a new signal (carts, searches, wishlists) is a new
 * constant here and a new indicator spec, not an edit of the model build.
 *
 * @param name short name, used in indicator names and logs
 * @param events the events that count as this signal
 */
public record Signal(String name, Set<EventType> events) {
  /**
   * Looking at an item. A wishlist, a cart or a purchase implies a look, even when the view was not
   * tracked.
   */
  public static final Signal VIEW =
      new Signal(
          "view",
          EnumSet.of(
              EventType.VIEW_ITEM,
              EventType.SELECT_ITEM,
              EventType.ADD_TO_WISHLIST,
              EventType.ADD_TO_CART,
              EventType.PURCHASE));

  /** Buying an item. */
  public static final Signal BUY = new Signal("buy", EnumSet.of(EventType.PURCHASE));

  /** Acting on an item beyond a look: clicking it in a list, wishing for it, carting, buying it. */
  public static final Signal ENGAGE =
      new Signal(
          "engage",
          EnumSet.of(
              EventType.SELECT_ITEM,
              EventType.ADD_TO_WISHLIST,
              EventType.ADD_TO_CART,
              EventType.PURCHASE));

  /**
   * Searching: its "items" are the searched texts, as {@link #searchTerm} keys, so a search and the
   * items engaged with form a cross-occurrence like any other.
   */
  public static final Signal SEARCH = new Signal("search", EnumSet.of(EventType.SEARCH));

  /**
   * The key of a searched text among a shopper's search "items": trimmed, lower case, one space.
   */
  public static String searchTerm(String query) {
    String normalized = query.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
    if (normalized.length() > 100) normalized = normalized.substring(0, 100);
    return "q:" + normalized;
  }

  public Signal {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a signal needs a name");
    events = Set.copyOf(events);
  }

  public boolean countsAs(EventType type) {
    return events.contains(type);
  }
}
