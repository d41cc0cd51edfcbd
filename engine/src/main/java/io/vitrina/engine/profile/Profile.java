package io.vitrina.engine.profile;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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

  private final Deque<String> views = new ArrayDeque<>();
  private final LinkedHashSet<String> cart = new LinkedHashSet<>();
  private final Deque<String> purchases = new ArrayDeque<>();
  private final Deque<String> searches = new ArrayDeque<>();
  private Instant lastSeen = Instant.EPOCH;

  synchronized void apply(Event event) {
    if (event.occurredAt().isAfter(lastSeen)) lastSeen = event.occurredAt();
    switch (event.type()) {
      case VIEW_ITEM, SELECT_ITEM ->
          event.items().forEach(item -> pushDistinct(views, item.itemId(), MAX_VIEWS));
      case ADD_TO_CART -> event.items().forEach(item -> cart.add(item.itemId()));
      case REMOVE_FROM_CART -> event.items().forEach(item -> cart.remove(item.itemId()));
      case PURCHASE -> {
        for (EventItem item : event.items()) {
          pushDistinct(purchases, item.itemId(), MAX_PURCHASES);
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
    reverse(other.recentViews()).forEach(id -> pushDistinct(views, id, MAX_VIEWS));
    reverse(other.purchases()).forEach(id -> pushDistinct(purchases, id, MAX_PURCHASES));
    reverse(other.searches()).forEach(q -> pushDistinct(searches, q, MAX_SEARCHES));
    reverse(other.cart()).forEach(cart::add);
  }

  synchronized ProfileView view() {
    List<String> cartNewestFirst = reverse(new ArrayList<>(cart));
    return new ProfileView(
        List.copyOf(views), cartNewestFirst, List.copyOf(purchases), List.copyOf(searches));
  }

  synchronized Instant lastSeen() {
    return lastSeen;
  }

  /** Keeps {@code value} once, at the front (most recent), and the deque within {@code max}. */
  private static void pushDistinct(Deque<String> deque, String value, int max) {
    deque.remove(value);
    deque.addFirst(value);
    while (deque.size() > max) deque.removeLast();
  }

  private static List<String> reverse(List<String> list) {
    List<String> out = new ArrayList<>(list.size());
    for (Iterator<String> it = new ArrayDeque<>(list).descendingIterator(); it.hasNext(); )
      out.add(it.next());
    return out;
  }
}
