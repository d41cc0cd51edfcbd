package io.vitrina.engine.profile;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The online state of one shopper: bounded recency lists and their orders ({@link OrderHistory}),
 * updated by each event. Mutable and guarded by its own monitor, because events of one shopper may
 * arrive on several event loops.
 *
 * <p>Compact, because a store keeps hundreds of thousands: items are the store's {@link ItemIds}
 * ints in {@link ItemRecency} arrays (4 bytes an item, 24 a purchase), times are longs, orders are
 * rows of three longs, and the affinities keep shared facet names. README.md gives the measured
 * cost per shopper.
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

  private static final String[] NO_SEARCHES = {};

  // Columns of a purchase row: how many times, then when first and last (nanoseconds, two ints
  // each).
  private static final int TIMES = 0;
  private static final int FIRST = 1;
  private static final int LAST = 3;

  // Columns of a view row: how many times (TIMES), then when last (two ints).
  private static final int VIEWED_LAST = 1;

  // Column of an unclicked row: how many times shown.
  private static final int SHOWN = 0;

  private final ItemIds ids;

  // Each list oldest first: moving an item to the newest end is a shift of a short array.
  /** Viewed items, with how many times and when last (the TIMES and VIEWED_LAST columns). */
  private final ItemRecency views = new ItemRecency(3);

  /** Cart items with their unit price when added (float bits, 0 when the event gave none). */
  private final ItemRecency cart = new ItemRecency(1);

  private static final int CART_PRICE = 0;

  /** Bought items, oldest first, with how often and when first and last: their purchase cycle. */
  private final ItemRecency purchases = new ItemRecency(5);

  /** Items shown in lists and not clicked since, with how many times, oldest first. */
  private final ItemRecency unclicked = new ItemRecency(1);

  private final ItemRecency seen = new ItemRecency(0);

  /** Search texts, oldest first. */
  private String[] searches = NO_SEARCHES;

  /** When the shopper was first and last seen, in {@link ItemRecency#nanos} (0 when never). */
  private long firstSeen;

  private long lastSeen;

  /** The region of the shopper's latest event that named one, or null. */
  private String region;

  /** The shopper's orders, from their first purchase (null before: most shoppers never buy). */
  private OrderHistory orders;

  private final AffinityCounter affinities;

  // What trigger messages react to (Moments), in ItemRecency#nanos, 0 when never: a few fields,
  // not a log, so a typical profile stays small.
  private long cartChanged;
  private long viewed;
  private long searched;
  private long signedUp;

  /** The latest item viewed more than once (-1: none), how often, when last, at what price. */
  private int watchedItem = -1;

  private int watchedViews;
  private long watchedAt;
  private float watchedPrice;

  /**
   * @param ids the store's item ints, shared by its profiles
   * @param canonical the one instance of a facet name that profiles share
   */
  Profile(ItemIds ids, Duration affinityHalfLife, UnaryOperator<String> canonical) {
    this.ids = ids;
    affinities = new AffinityCounter(affinityHalfLife, canonical);
  }

  /** What a profile does with a line whose item the catalog lacks. */
  interface MissingItem {
    /** The item's facets after all (it arrived meanwhile), or null: the line is left to wait. */
    ItemFacets facets(String itemId, double weight, Instant at);
  }

  /**
   * @param catalog the facets of an item id, or null when the catalog does not have it
   * @param missing asked for the facets of the lines the catalog lacked
   */
  synchronized void apply(Event event, Function<String, ItemFacets> catalog, MissingItem missing) {
    long at = ItemRecency.nanos(event.occurredAt());
    if (at > lastSeen) lastSeen = at;
    if (firstSeen == 0 || at < firstSeen) firstSeen = at;
    if (!countOrder(event)) return; // the same order again: counted once, items and all
    countAffinities(event, catalog, missing);
    if (event.region() != null) region = event.region();
    if (event.type() != EventType.VIEW_ITEM_LIST && !unclicked.isEmpty())
      for (EventItem item : event.items()) {
        int known = ids.find(item.itemId());
        if (known >= 0) unclicked.remove(known);
      }
    switch (event.type()) {
      case VIEW_ITEM_LIST -> {
        for (EventItem item : event.items()) countShown(ids.intern(item.itemId()));
      }
      case VIEW_ITEM, SELECT_ITEM, ADD_TO_WISHLIST -> {
        if (at > viewed) viewed = at;
        for (EventItem item : event.items()) {
          int id = ids.intern(item.itemId());
          watch(id, item.price(), at);
          viewed(id, 1, at);
          seen.touch(id, MAX_SEEN);
        }
      }
      case ADD_TO_CART -> {
        for (EventItem item : event.items()) {
          int id = ids.intern(item.itemId());
          if (!cart.contains(id)) addToCart(id, Float.floatToIntBits((float) item.price()));
          seen.touch(id, MAX_SEEN);
        }
        if (at > cartChanged) cartChanged = at;
      }
      case REMOVE_FROM_CART -> {
        if (at > cartChanged) cartChanged = at;
        for (EventItem item : event.items()) {
          int known = ids.find(item.itemId());
          if (known >= 0) cart.remove(known);
        }
      }
      case PURCHASE -> {
        for (EventItem item : event.items()) {
          int id = ids.intern(item.itemId());
          bought(id, 1, at, at);
          seen.touch(id, MAX_SEEN);
          cart.remove(id);
        }
      }
      case SEARCH -> {
        if (event.query() != null && !event.query().isBlank()) {
          searched(event.query());
          if (at > searched) searched = at;
        }
      }
      case SIGN_UP -> {
        if (signedUp == 0 || at < signedUp) signedUp = at;
      }
      default -> {}
    }
  }

  /**
   * Counts a purchase as an order and takes a refund off revenue.
   *
   * @return false for a purchase whose transaction was counted already
   */
  private boolean countOrder(Event event) {
    switch (event.type()) {
      case PURCHASE -> {
        if (orders == null) orders = new OrderHistory();
        return orders.purchased(event);
      }
      case REFUND -> {
        if (orders != null) orders.refunded(event);
      }
      default -> {}
    }
    return true;
  }

  /** Counts a line whose item arrived after its event was applied. */
  synchronized void countArrived(ItemFacets item, double weight, Instant at) {
    affinities.add(item, weight, at);
  }

  /**
   * A purchase counts two views, a cart item one and a half (on MovieLens, where a high rating is a
   * purchase, 2 gave a better NDCG@10 of {@code personal} than 1 or 3 on the validation split); a
   * wish lies between a view and a cart (untuned: no public dataset here has wishlists).
   */
  private static double affinityWeight(EventType type) {
    return switch (type) {
      case VIEW_ITEM, SELECT_ITEM -> 1;
      case ADD_TO_WISHLIST -> 1.25;
      case ADD_TO_CART -> 1.5;
      case PURCHASE -> 2;
      default -> 0;
    };
  }

  private void countAffinities(
      Event event, Function<String, ItemFacets> catalog, MissingItem missing) {
    double weight = affinityWeight(event.type());
    if (weight == 0) return;
    for (EventItem line : event.items()) {
      ItemFacets item = catalog.apply(line.itemId());
      if (item == null) item = missing.facets(line.itemId(), weight, event.occurredAt());
      if (item != null) affinities.add(item, weight, event.occurredAt());
    }
  }

  /**
   * Folds another profile (an anonymous visitor's, at login) into this one; the other is no longer
   * reachable by new events when this runs. Both share the store's item ints.
   */
  void absorb(Profile other) {
    synchronized (this) {
      synchronized (other) {
        affinities.absorb(other.affinities);
        if (other.lastSeen > lastSeen) lastSeen = other.lastSeen;
        if (firstSeen == 0 || (other.firstSeen != 0 && other.firstSeen < firstSeen))
          firstSeen = other.firstSeen;
        if (other.orders != null) {
          if (orders == null) orders = new OrderHistory();
          orders.absorb(other.orders);
        }
        // Oldest first, so that the other's newest end up newest here.
        for (int row = 0; row < other.views.size(); row++)
          viewed(
              other.views.item(row),
              other.views.column(row, TIMES),
              other.views.longColumn(row, VIEWED_LAST));
        for (int row = 0; row < other.purchases.size(); row++)
          bought(
              other.purchases.item(row),
              other.purchases.column(row, TIMES),
              other.purchases.longColumn(row, FIRST),
              other.purchases.longColumn(row, LAST));
        for (String query : other.searches) searched(query);
        for (int row = 0; row < other.cart.size(); row++) {
          int id = other.cart.item(row);
          if (!cart.contains(id)) addToCart(id, other.cart.column(row, CART_PRICE));
        }
        absorbMoments(other);
        for (int row = 0; row < other.seen.size(); row++)
          seen.touch(other.seen.item(row), MAX_SEEN);
      }
    }
  }

  synchronized ProfileView view() {
    return new ProfileView(
        List.of(views.newestFirst(ids)),
        List.of(cart.newestFirst(ids)),
        List.of(purchases.newestFirst(ids)),
        searchesNewestFirst(),
        new SeenItems(ids, seen.itemsNewestFirst()),
        repurchases(),
        shownUnclicked(),
        orders == null ? Orders.NONE : orders.view(),
        region,
        affinities.vector(),
        moments());
  }

  private void addToCart(int id, int priceBits) {
    int row = cart.touch(id, Integer.MAX_VALUE);
    cart.setColumn(row, CART_PRICE, priceBits);
  }

  /**
   * Counts a view towards the watched item: its next view, or a second view of an item already in
   * the recent views (which makes it the watched one). Called before the view is recorded.
   */
  private void watch(int id, double price, long at) {
    if (id == watchedItem) watchedViews++;
    else if (views.contains(id)) {
      watchedItem = id;
      watchedViews = 2;
    } else return;
    if (at > watchedAt) watchedAt = at;
    if (price > 0) watchedPrice = (float) price;
  }

  private void absorbMoments(Profile other) {
    cartChanged = Math.max(cartChanged, other.cartChanged);
    viewed = Math.max(viewed, other.viewed);
    searched = Math.max(searched, other.searched);
    if (other.signedUp != 0 && (signedUp == 0 || other.signedUp < signedUp))
      signedUp = other.signedUp;
    if (other.watchedItem >= 0 && other.watchedAt > watchedAt) {
      watchedItem = other.watchedItem;
      watchedViews = other.watchedViews;
      watchedAt = other.watchedAt;
      watchedPrice = other.watchedPrice;
    }
  }

  private Moments moments() {
    Map<String, Double> cartPrices = new HashMap<>();
    for (int row = 0; row < cart.size(); row++) {
      float price = Float.intBitsToFloat(cart.column(row, CART_PRICE));
      if (price > 0) cartPrices.put(ids.name(cart.item(row)), (double) price);
    }
    return new Moments(
        instantOrNull(cartChanged),
        instantOrNull(viewed),
        instantOrNull(searched),
        instantOrNull(signedUp),
        watchedItem < 0
            ? null
            : new Moments.Watched(
                ids.name(watchedItem), watchedViews, instantOrNull(watchedAt), watchedPrice),
        cartPrices);
  }

  private static Instant instantOrNull(long nanos) {
    return nanos == 0 ? null : ItemRecency.instant(nanos);
  }

  /** Keeps the item viewed {@code times} more, as the newest, with its latest view. */
  private void viewed(int id, int times, long at) {
    int row = views.touch(id, MAX_VIEWS);
    views.setColumn(row, TIMES, views.column(row, TIMES) + times);
    views.setLongColumn(row, VIEWED_LAST, Math.max(at, views.longColumn(row, VIEWED_LAST)));
  }

  /** What segment rules read: see {@link Activity}. */
  synchronized Activity activity() {
    return new Activity(
        visits(views, VIEWED_LAST),
        visits(purchases, LAST),
        List.of(cart.newestFirst(ids)),
        searchesNewestFirst(),
        orders == null ? Orders.NONE : orders.view(),
        region,
        firstSeen == 0 ? null : ItemRecency.instant(firstSeen),
        lastSeen == 0 ? null : ItemRecency.instant(lastSeen));
  }

  private List<Activity.Visit> visits(ItemRecency list, int lastColumn) {
    Activity.Visit[] out = new Activity.Visit[list.size()];
    for (int row = 0; row < out.length; row++)
      out[out.length - 1 - row] =
          new Activity.Visit(
              ids.name(list.item(row)),
              list.column(row, TIMES),
              ItemRecency.instant(list.longColumn(row, lastColumn)));
    return List.of(out);
  }

  /** Keeps the item bought once more, as the newest, merged with what it had. */
  private void bought(int id, int times, long first, long last) {
    int row = purchases.touch(id, MAX_PURCHASES);
    int had = purchases.column(row, TIMES);
    if (had > 0) {
      // Events may arrive out of order: the first and last purchases are kept, not the latest.
      first = Math.min(first, purchases.longColumn(row, FIRST));
      last = Math.max(last, purchases.longColumn(row, LAST));
    }
    purchases.setColumn(row, TIMES, had + times);
    purchases.setLongColumn(row, FIRST, first);
    purchases.setLongColumn(row, LAST, last);
  }

  private void countShown(int id) {
    int row = unclicked.touch(id, MAX_UNCLICKED);
    unclicked.setColumn(row, SHOWN, unclicked.column(row, SHOWN) + 1);
  }

  /** Keeps {@code query} once, as the newest, and the searches within their bound. */
  private void searched(String query) {
    int at = Arrays.asList(searches).indexOf(query);
    String[] next;
    if (at >= 0) {
      next = searches;
      System.arraycopy(next, at + 1, next, at, next.length - at - 1);
    } else {
      int kept = Math.min(searches.length, MAX_SEARCHES - 1);
      next = new String[kept + 1];
      System.arraycopy(searches, searches.length - kept, next, 0, kept);
    }
    next[next.length - 1] = query;
    searches = next;
  }

  private List<String> searchesNewestFirst() {
    String[] out = new String[searches.length];
    for (int i = 0; i < out.length; i++) out[i] = searches[searches.length - 1 - i];
    return List.of(out);
  }

  private Map<String, Integer> shownUnclicked() {
    if (unclicked.isEmpty()) return Map.of();
    @SuppressWarnings("unchecked")
    Map.Entry<String, Integer>[] entries =
        (Map.Entry<String, Integer>[]) new Map.Entry<?, ?>[unclicked.size()];
    for (int row = 0; row < entries.length; row++)
      entries[row] = Map.entry(ids.name(unclicked.item(row)), unclicked.column(row, SHOWN));
    return Map.ofEntries(entries);
  }

  /** Items bought more than once on different days, with the shopper's own average cycle. */
  private List<Repurchase> repurchases() {
    List<Repurchase> out = new ArrayList<>();
    for (int row = 0; row < purchases.size(); row++) {
      int times = purchases.column(row, TIMES);
      if (times < 2) continue;
      Instant last = ItemRecency.instant(purchases.longColumn(row, LAST));
      Duration cycle =
          Duration.between(ItemRecency.instant(purchases.longColumn(row, FIRST)), last)
              .dividedBy(times - 1);
      if (cycle.compareTo(Repurchase.MIN_CYCLE) >= 0)
        out.add(new Repurchase(ids.name(purchases.item(row)), last, cycle));
    }
    return out;
  }

  /** Items bought at or after {@code since}, most recent first. */
  synchronized List<String> purchasesSince(Instant since) {
    long from = ItemRecency.nanos(since);
    List<String> out = new ArrayList<>();
    for (int row = purchases.size() - 1; row >= 0; row--)
      if (purchases.longColumn(row, LAST) >= from) out.add(ids.name(purchases.item(row)));
    return out;
  }

  /** When the shopper was last seen, in {@link ItemRecency#nanos}. */
  synchronized long lastSeen() {
    return lastSeen;
  }
}
