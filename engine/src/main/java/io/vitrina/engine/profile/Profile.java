package io.vitrina.engine.profile;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The online state of one shopper: bounded recency lists updated by each event. Mutable and guarded
 * by its own monitor, because events of one shopper may arrive on several event loops.
 */
final class Profile {
  static final int MAX_VIEWS = 50;
  static final int MAX_PURCHASES = 100;
  static final int MAX_SEARCHES = 10;

  /**
   * Items interacted with (viewed, carted, bought) kept to leave out of blocks that propose new
   * things: far more than the recency lists, so a long history is not shown back to its shopper.
   */
  static final int MAX_SEEN = 1000;

  // Recency lists keep insertion order, oldest first: moving an item to the newest end is O(1),
  // where a deque's remove scanned the whole list on every event (a fifth of the event loop's
  // time under event load).
  private final LinkedHashSet<String> views = new LinkedHashSet<>();
  private final LinkedHashSet<String> cart = new LinkedHashSet<>();
  private final LinkedHashSet<String> purchases = new LinkedHashSet<>();
  private final LinkedHashSet<String> searches = new LinkedHashSet<>();
  private final LinkedHashSet<String> seen = new LinkedHashSet<>();
  private Instant lastSeen = Instant.EPOCH;

  synchronized void apply(Event event) {
    if (event.occurredAt().isAfter(lastSeen)) lastSeen = event.occurredAt();
    switch (event.type()) {
      case VIEW_ITEM, SELECT_ITEM -> {
        for (EventItem item : event.items()) {
          pushDistinct(views, item.itemId(), MAX_VIEWS);
          pushDistinct(seen, item.itemId(), MAX_SEEN);
        }
      }
      case ADD_TO_CART -> {
        for (EventItem item : event.items()) {
          cart.add(item.itemId());
          pushDistinct(seen, item.itemId(), MAX_SEEN);
        }
      }
      case REMOVE_FROM_CART -> event.items().forEach(item -> cart.remove(item.itemId()));
      case PURCHASE -> {
        for (EventItem item : event.items()) {
          pushDistinct(purchases, item.itemId(), MAX_PURCHASES);
          pushDistinct(seen, item.itemId(), MAX_SEEN);
          cart.remove(item.itemId());
        }
      }
      case SEARCH -> {
        if (event.query() != null && !event.query().isBlank())
          pushDistinct(searches, event.query(), MAX_SEARCHES);
      }
      default -> {}
    }
  }

  /** Folds another profile (an anonymous visitor's, at login) into this one. */
  synchronized void absorb(ProfileView other, Instant otherLastSeen) {
    if (otherLastSeen.isAfter(lastSeen)) lastSeen = otherLastSeen;
    other.recentViews().reversed().forEach(id -> pushDistinct(views, id, MAX_VIEWS));
    other.purchases().reversed().forEach(id -> pushDistinct(purchases, id, MAX_PURCHASES));
    other.searches().reversed().forEach(q -> pushDistinct(searches, q, MAX_SEARCHES));
    other.cart().reversed().forEach(cart::add);
    other.seen().reversed().forEach(id -> pushDistinct(seen, id, MAX_SEEN));
  }

  synchronized ProfileView view() {
    return new ProfileView(
        newestFirst(views),
        newestFirst(cart),
        newestFirst(purchases),
        newestFirst(searches),
        newestFirst(seen));
  }

  synchronized List<String> purchases() {
    return newestFirst(purchases);
  }

  synchronized Instant lastSeen() {
    return lastSeen;
  }

  /** Keeps {@code value} once, as the newest, and the list within {@code max} (the oldest go). */
  private static void pushDistinct(LinkedHashSet<String> recency, String value, int max) {
    recency.remove(value);
    recency.add(value);
    for (Iterator<String> oldest = recency.iterator(); recency.size() > max; ) {
      oldest.next();
      oldest.remove();
    }
  }

  private static List<String> newestFirst(LinkedHashSet<String> recency) {
    return List.copyOf(recency.reversed());
  }
}
