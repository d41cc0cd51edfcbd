package io.vitrina.engine.profile;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedCollection;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The online state of one shopper: bounded recency lists updated by each event. Mutable and guarded
 * by its own monitor, because events of one shopper may arrive on several event loops.
 */
final class Profile {
  static final int MAX_VIEWS = 50;
  static final int MAX_PURCHASES = 100;
  static final int MAX_SEARCHES = 10;
  static final int MAX_UNCLICKED = 300;

  /**
   * Items interacted with (viewed, carted, bought) kept to leave out of blocks that propose new
   * things: far more than the recency lists, so a long history is not shown back to its shopper.
   */
  static final int MAX_SEEN = 500;

  // Recency lists keep insertion order, oldest first: moving an item to the newest end is O(1),
  // where a deque's remove scanned the whole list on every event (a fifth of the event loop's
  // time under event load).
  private final LinkedHashSet<String> views = new LinkedHashSet<>();
  private final LinkedHashSet<String> cart = new LinkedHashSet<>();

  /** Bought items, oldest first, with when and how often each was bought. */
  private final LinkedHashMap<String, Bought> purchases = new LinkedHashMap<>();

  /** When an item was first and last bought, and how many times: its own purchase cycle. */
  private record Bought(Instant first, Instant last, int times) {
    Bought with(Bought other) {
      return new Bought(
          first.isBefore(other.first) ? first : other.first,
          last.isAfter(other.last) ? last : other.last,
          times + other.times);
    }
  }

  private final LinkedHashSet<String> searches = new LinkedHashSet<>();

  /** Items shown in lists and not clicked since, with how many times, oldest first. */
  private final LinkedHashMap<String, Integer> unclicked = new LinkedHashMap<>();

  private final LinkedHashSet<String> seen = new LinkedHashSet<>();
  private Instant lastSeen = Instant.EPOCH;

  /** The region of the shopper's latest event that named one, or null. */
  private String region;

  private final AffinityCounter affinities;

  /**
   * @param canonical the one instance of a facet name that profiles share
   */
  Profile(Duration affinityHalfLife, UnaryOperator<String> canonical) {
    affinities = new AffinityCounter(affinityHalfLife, canonical);
  }

  /**
   * @param catalog the facets of an item id, or null when the catalog does not have it (its facets
   *     are then not counted)
   */
  synchronized void apply(Event event, Function<String, ItemFacets> catalog) {
    if (event.occurredAt().isAfter(lastSeen)) lastSeen = event.occurredAt();
    countAffinities(event, catalog);
    if (event.region() != null) region = event.region();
    if (event.type() != EventType.VIEW_ITEM_LIST)
      event.items().forEach(item -> unclicked.remove(item.itemId()));
    switch (event.type()) {
      case VIEW_ITEM_LIST -> {
        for (EventItem item : event.items()) countShown(item.itemId());
      }
      case VIEW_ITEM, SELECT_ITEM, ADD_TO_WISHLIST -> {
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
          Instant at = event.occurredAt();
          pushDistinct(purchases, item.itemId(), new Bought(at, at, 1), MAX_PURCHASES);
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

  /**
   * A purchase counts two views, a cart item one and a half (on MovieLens, where a high rating is a
   * purchase, 2 gave a better NDCG@10 of {@code personal} than 1 or 3 on the validation split); a
   * wish lies between a view and a cart (untuned: no public dataset here has wishlists).
   */
  private void countAffinities(Event event, Function<String, ItemFacets> catalog) {
    double weight =
        switch (event.type()) {
          case VIEW_ITEM, SELECT_ITEM -> 1;
          case ADD_TO_WISHLIST -> 1.25;
          case ADD_TO_CART -> 1.5;
          case PURCHASE -> 2;
          default -> 0;
        };
    if (weight == 0) return;
    for (EventItem line : event.items()) {
      ItemFacets item = catalog.apply(line.itemId());
      if (item != null) affinities.add(item, weight, event.occurredAt());
    }
  }

  /**
   * Folds another profile (an anonymous visitor's, at login) into this one; the other is no longer
   * reachable by new events when this runs.
   */
  void absorb(Profile other) {
    ProfileView view = other.view();
    Map<String, Bought> boughtAt = other.purchaseTimes();
    Instant otherLastSeen = other.lastSeen();
    synchronized (this) {
      synchronized (other) {
        affinities.absorb(other.affinities);
      }
      absorb(view, boughtAt, otherLastSeen);
    }
  }

  private void absorb(ProfileView other, Map<String, Bought> boughtAt, Instant otherLastSeen) {
    if (otherLastSeen.isAfter(lastSeen)) lastSeen = otherLastSeen;
    other.recentViews().reversed().forEach(id -> pushDistinct(views, id, MAX_VIEWS));
    boughtAt.forEach((id, at) -> pushDistinct(purchases, id, at, MAX_PURCHASES));
    other.searches().reversed().forEach(q -> pushDistinct(searches, q, MAX_SEARCHES));
    other.cart().reversed().forEach(cart::add);
    other.seen().reversed().forEach(id -> pushDistinct(seen, id, MAX_SEEN));
  }

  synchronized ProfileView view() {
    return new ProfileView(
        newestFirst(views),
        newestFirst(cart),
        newestFirst(purchases.sequencedKeySet()),
        newestFirst(searches),
        newestFirst(seen),
        repurchases(),
        Map.copyOf(unclicked),
        purchases.values().stream().mapToInt(Bought::times).sum(),
        purchases.values().stream().map(Bought::last).max(Instant::compareTo).orElse(null),
        region,
        affinities.vector());
  }

  private void countShown(String itemId) {
    Integer times = unclicked.remove(itemId);
    unclicked.put(itemId, times == null ? 1 : times + 1);
    for (Iterator<String> oldest = unclicked.keySet().iterator();
        unclicked.size() > MAX_UNCLICKED; ) {
      oldest.next();
      oldest.remove();
    }
  }

  /** Items bought more than once on different days, with the shopper's own average cycle. */
  private List<Repurchase> repurchases() {
    List<Repurchase> out = new ArrayList<>();
    for (Map.Entry<String, Bought> entry : purchases.entrySet()) {
      Bought bought = entry.getValue();
      if (bought.times() < 2) continue;
      Duration cycle =
          Duration.between(bought.first(), bought.last()).dividedBy(bought.times() - 1);
      if (cycle.compareTo(Repurchase.MIN_CYCLE) >= 0)
        out.add(new Repurchase(entry.getKey(), bought.last(), cycle));
    }
    return out;
  }

  /** Each bought item and when it was bought, oldest first. */
  private synchronized Map<String, Bought> purchaseTimes() {
    return new LinkedHashMap<>(purchases);
  }

  /** Items bought at or after {@code since}, most recent first. */
  synchronized List<String> purchasesSince(Instant since) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Bought> bought : purchases.sequencedEntrySet().reversed()) {
      if (!bought.getValue().last().isBefore(since)) out.add(bought.getKey());
    }
    return out;
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

  /**
   * Keeps {@code key} once, as the newest, merged with what it had (events may arrive out of
   * order), and the map within {@code max}.
   */
  private static void pushDistinct(
      LinkedHashMap<String, Bought> recency, String key, Bought bought, int max) {
    Bought had = recency.remove(key);
    recency.put(key, had == null ? bought : had.with(bought));
    for (Iterator<String> oldest = recency.keySet().iterator(); recency.size() > max; ) {
      oldest.next();
      oldest.remove();
    }
  }

  private static List<String> newestFirst(SequencedCollection<String> recency) {
    return List.copyOf(recency.reversed());
  }
}
