package io.vitrina.demo;

import io.vitrina.demo.DemoCatalog.Shelf;
import io.vitrina.demo.DemoTaxonomy.Category;
import io.vitrina.demo.DemoTaxonomy.Complement;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/**
 * Simulated shoppers: each visitor has one or two preferred categories and a price sensitivity, and
 * comes back for a few sessions. A session browses mostly one "focus" subcategory, sometimes starts
 * with a search, adds a few items to the cart and sometimes buys — and a buyer of an anchor item (a
 * phone) often buys its complements (a case, a charger) in the same order.
 */
final class DemoTraffic {
  static final double PURCHASE_RATE = 0.15;
  static final double SEARCH_RATE = 0.20;
  static final double IDENTIFY_RATE = 0.30;
  static final int MAX_ORDER_ITEMS = 3;

  /**
   * A shopper comes back in each further week of the window this often (for one to four more
   * sessions), and a returning shopper converts more than a first visit, as in stores: repeat
   * buyers are what purchase-based blocks learn from.
   */
  static final double RETURN_RATE = 0.4;

  static final double RETURNING_PURCHASE_RATE = 0.4;

  /** Share of complements that are one of the anchor's companions rather than any shelf item. */
  static final double COMPANION_SHARE = 0.9;

  /** Share of views that are followed by an add-to-cart, besides the items bought. */
  private static final double CART_RATE = 0.08;

  /** Where a view comes from: the session's focus, the shopper's other interests, anywhere. */
  private static final double FOCUS_SHARE = 0.65;

  private static final double PREFERRED_SHARE = 0.20;

  /** A buyer who has not logged in yet does so at checkout this often (no guest checkout). */
  private static final double IDENTIFY_AT_CHECKOUT = 0.5;

  /** Room left before the window's end for a whole session: its events never cross the end. */
  private static final Duration SESSION_ROOM = Duration.ofHours(3);

  private static final Duration BETWEEN_SESSIONS = Duration.ofMinutes(30);

  /** Relative traffic per UTC hour: quiet nights, busy evenings. */
  private static final double[] HOUR_WEIGHT = {
    0.25, 0.15, 0.1, 0.1, 0.1, 0.15, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 1.0, 0.95, 0.9, 0.85, 0.9, 1.0,
    1.1, 1.2, 1.2, 1.1, 0.8, 0.5
  };

  private static final double MAX_HOUR_WEIGHT = Arrays.stream(HOUR_WEIGHT).max().orElseThrow();

  private final DemoCatalog catalog;
  private final long seed;
  private final Instant windowStart;
  private final Instant windowEnd;
  private final List<Shelf> shelves;
  private final double[] shelfCumulative;

  /**
   * Shelves of each category (by name: record hash codes walk every field) with running weights,
   * drawn from on every other view.
   */
  private final Map<String, WeightedShelves> shelvesByCategory = new HashMap<>();

  /** Categories that have items, with running demand: what shoppers come to prefer. */
  private final List<Category> stockedCategories;

  private final double[] demandCumulative;

  DemoTraffic(DemoCatalog catalog, long seed, Instant windowStart, Instant windowEnd) {
    if (Duration.between(windowStart, windowEnd).compareTo(SESSION_ROOM) <= 0) {
      throw new IllegalArgumentException("the traffic window must be longer than " + SESSION_ROOM);
    }
    this.catalog = catalog;
    this.seed = seed;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.shelves = catalog.shelves();
    this.shelfCumulative = cumulative(shelves.stream().mapToDouble(s -> s.subcategory().weight()));
    for (Category category : DemoTaxonomy.CATEGORIES) {
      List<Shelf> inCategory =
          shelves.stream().filter(s -> s.subcategory().category() == category).toList();
      if (!inCategory.isEmpty()) {
        shelvesByCategory.put(
            category.name(),
            new WeightedShelves(
                inCategory,
                cumulative(inCategory.stream().mapToDouble(s -> s.subcategory().weight()))));
      }
    }
    this.stockedCategories =
        DemoTaxonomy.CATEGORIES.stream()
            .filter(c -> shelvesByCategory.containsKey(c.name()))
            .toList();
    this.demandCumulative = cumulative(stockedCategories.stream().mapToDouble(Category::demand));
  }

  private record WeightedShelves(List<Shelf> shelves, double[] cumulative) {}

  /** All visitors' events, sorted by time. */
  List<Event> simulate(int visitors) {
    List<Event> events = new ArrayList<>();
    for (int index = 1; index <= visitors; index++) {
      events.addAll(new Visit(index).run());
    }
    return sortedByTime(events);
  }

  /**
   * Sorts by time, ties in generation order so that a visitor's own events keep their order.
   * Sorting packed primitive keys (millis into the window, then position) instead of comparing
   * {@code Instant}s keeps a cold start fast: this runs once, before the JIT has warmed up.
   */
  private List<Event> sortedByTime(List<Event> events) {
    int positionBits = 64 - Long.numberOfLeadingZeros(Math.max(1, events.size()));
    long windowMillis = Duration.between(windowStart, windowEnd).toMillis();
    if (Long.numberOfLeadingZeros(windowMillis) <= positionBits) {
      throw new IllegalArgumentException("the traffic window is too long to sort");
    }
    long[] keys = new long[events.size()];
    long origin = windowStart.toEpochMilli();
    for (int i = 0; i < keys.length; i++) {
      long millis = events.get(i).occurredAt().toEpochMilli() - origin;
      keys[i] = (millis << positionBits) | i;
    }
    Arrays.sort(keys);
    long positionMask = (1L << positionBits) - 1;
    List<Event> sorted = new ArrayList<>(keys.length);
    for (long key : keys) sorted.add(events.get((int) (key & positionMask)));
    return sorted;
  }

  /**
   * Where visitors are. Half of a region's visitors share its favourite category (the category of
   * their first preference picks the region), so regions' best sellers differ, as {@code
   * geo_popular} should show.
   */
  static final List<String> REGIONS =
      List.of("Moscow", "Saint Petersburg", "Kazan", "Novosibirsk", "Yekaterinburg");

  private static final long REGION_SALT = 0x7E610AL;

  static String visitorId(int index) {
    return DemoCatalog.numbered("demo-visitor-", index, 4);
  }

  static String customerId(int index) {
    return DemoCatalog.numbered("cust-", index, 4);
  }

  /** What a session is about, decided before it is played. */
  record SessionPlan(
      Shelf focus, int views, boolean purchase, String query, boolean identify, boolean abandon) {}

  /** The fixed traits of one simulated shopper. */
  record Shopper(List<Category> preferred, double priceSensitivity, List<SessionPlan> plans) {}

  /** One visitor's whole history: identity and clock carry over from session to session. */
  private final class Visit {
    private final int index;
    private final String visitorId;
    private final RandomGenerator rnd;
    private final List<Event> events = new ArrayList<>();
    private Shopper shopper;
    private String customerId; // null until the shopper identifies
    private Instant clock;
    private String region;
    private final List<Item> cart = new ArrayList<>();
    private final List<Item> viewed = new ArrayList<>();

    Visit(int index) {
      this.index = index;
      this.visitorId = visitorId(index);
      this.rnd = new SplittableRandom(DemoRandom.mix(seed, index));
    }

    List<Event> run() {
      shopper = index == 1 ? demoShopper() : randomShopper();
      region = region();
      Instant latestStart = windowEnd.minus(SESSION_ROOM);
      List<Instant> starts = sessionStarts(shopper.plans().size(), latestStart);
      Instant earliest = windowStart;
      for (int s = 0; s < starts.size(); s++) {
        Instant start = starts.get(s).isBefore(earliest) ? earliest : starts.get(s);
        if (start.isAfter(latestStart)) break; // the window is full: drop the later sessions
        clock = start;
        playSession(shopper.plans().get(s));
        earliest = clock.plus(BETWEEN_SESSIONS);
      }
      return events;
    }

    // ---- shoppers and plans

    /** Drawn from a generator of its own: the rest of the traffic stays what it was without it. */
    private String region() {
      if (index == 1) return REGIONS.getFirst();
      RandomGenerator where = new SplittableRandom(DemoRandom.mix(seed ^ REGION_SALT, index));
      if (where.nextDouble() < 0.5) {
        int favourite = DemoTaxonomy.CATEGORIES.indexOf(shopper.preferred().getFirst());
        return REGIONS.get(Math.floorMod(favourite, REGIONS.size()));
      }
      return REGIONS.get(where.nextInt(REGIONS.size()));
    }

    /**
     * demo-visitor-0001, the visitor the README points at: an electronics fan who browses phones,
     * buys one with its accessories, logs in, and leaves a laptop in the cart.
     */
    private Shopper demoShopper() {
      Category electronics = DemoTaxonomy.CATEGORIES.getFirst();
      List<Category> preferred =
          stockedCategories.contains(electronics) ? List.of(electronics) : preferredCategories();
      List<SessionPlan> plans =
          List.of(
              new SessionPlan(shelfOr("Phones", preferred), 8, false, "phones", false, false),
              new SessionPlan(shelfOr("Phones", preferred), 10, true, null, true, false),
              new SessionPlan(shelfOr("Laptops", preferred), 9, false, null, false, true));
      return new Shopper(preferred, 0.4, plans);
    }

    private Shopper randomShopper() {
      List<Category> preferred = preferredCategories();
      double priceSensitivity = rnd.nextDouble() * 1.5;
      int sessions = sessionCount();
      int identifyIn = rnd.nextDouble() < IDENTIFY_RATE ? rnd.nextInt(sessions) : -1;
      List<SessionPlan> plans = new ArrayList<>(sessions);
      for (int s = 0; s < sessions; s++)
        plans.add(session(preferred, PURCHASE_RATE, s == identifyIn));
      // Drawn after the first week's plans, so that a week-long window is what it always was.
      for (long week = 1; week < weeks(); week++) {
        if (rnd.nextDouble() >= RETURN_RATE) continue;
        for (int s = sessionCount(); s > 0; s--)
          plans.add(session(preferred, RETURNING_PURCHASE_RATE, false));
      }
      return new Shopper(preferred, priceSensitivity, plans);
    }

    /** Sessions in a week: one is common, four are rare. */
    private int sessionCount() {
      return weightedIndex(DoubleStream.of(0.4, 0.3, 0.2, 0.1)) + 1;
    }

    private long weeks() {
      return Duration.between(windowStart, windowEnd).toDays() / 7;
    }

    private SessionPlan session(List<Category> preferred, double purchaseRate, boolean identify) {
      Shelf focus = focusShelf(preferred);
      // Views skew short: 3 is common, 15 is rare.
      int views = 3 + (int) (13 * Math.pow(rnd.nextDouble(), 1.6));
      boolean purchase = rnd.nextDouble() < purchaseRate;
      String query = rnd.nextDouble() < SEARCH_RATE ? query(focus) : null;
      return new SessionPlan(focus, views, purchase, query, identify, false);
    }

    /** One category for most shoppers, two for some; popular categories are preferred more. */
    private List<Category> preferredCategories() {
      List<Category> chosen = new ArrayList<>(2);
      int wanted = Math.min(stockedCategories.size(), rnd.nextDouble() < 0.6 ? 1 : 2);
      while (chosen.size() < wanted) {
        Category c = stockedCategories.get(drawCumulative(demandCumulative));
        if (!chosen.contains(c)) chosen.add(c);
      }
      return chosen;
    }

    private Shelf focusShelf(List<Category> preferred) {
      Category category = preferred.get(rnd.nextInt(preferred.size()));
      WeightedShelves inCategory = shelvesByCategory.get(category.name());
      return inCategory.shelves().get(drawCumulative(inCategory.cumulative()));
    }

    /** A search for the subcategory itself, or for one of its brands — as shoppers type it. */
    private String query(Shelf focus) {
      String text =
          rnd.nextDouble() < 0.7
              ? focus.subcategory().name()
              : pick(DemoTaxonomy.brandsOf(focus.subcategory())).name();
      return text.toLowerCase(Locale.ROOT);
    }

    private Shelf shelfOr(String subcategory, List<Category> preferred) {
      Shelf shelf = catalog.shelf(subcategory);
      return shelf != null ? shelf : focusShelf(preferred);
    }

    private List<Instant> sessionStarts(int count, Instant latestStart) {
      List<Instant> starts = new ArrayList<>(count);
      for (int i = 0; i < count; i++) starts.add(sessionStart(latestStart));
      starts.sort(Comparator.naturalOrder());
      return starts;
    }

    /** A uniform time in the window, thinned by hour of day. */
    private Instant sessionStart(Instant latestStart) {
      long span = latestStart.toEpochMilli() - windowStart.toEpochMilli();
      while (true) {
        Instant t = windowStart.plusMillis(rnd.nextLong(span));
        int hour = (int) Math.floorMod(t.getEpochSecond(), 86_400L) / 3_600;
        if (rnd.nextDouble() * MAX_HOUR_WEIGHT < HOUR_WEIGHT[hour]) return t;
      }
    }

    // ---- a session

    private void playSession(SessionPlan plan) {
      viewed.clear();
      String brandQuery = null;
      if (plan.query() != null) {
        emit(EventType.SEARCH, List.of(), plan.query());
        brandQuery = isBrand(plan.query()) ? plan.query() : null;
      }
      int identifyAfter = plan.identify() ? rnd.nextInt(plan.views()) : -1;
      for (int i = 0; i < plan.views(); i++) {
        // A brand search leads to that brand's items first, as its results page would.
        Item item =
            brandQuery != null && i < 3 ? brandItem(plan.focus(), brandQuery) : browse(plan);
        if (item != null) {
          view(item);
          if (item.inStock() && rnd.nextDouble() < CART_RATE) addToCart(item);
        }
        if (i == identifyAfter) identify();
      }
      if (plan.abandon()) abandonCart(plan.focus());
      if (plan.purchase()) purchase(plan.focus());
    }

    private Item browse(SessionPlan plan) {
      double r = rnd.nextDouble();
      Shelf shelf;
      if (r < FOCUS_SHARE) shelf = plan.focus();
      else if (r < FOCUS_SHARE + PREFERRED_SHARE) shelf = focusShelf(shopper.preferred());
      else shelf = shelves.get(drawCumulative(shelfCumulative));
      return shelf.pick(rnd, shopper.priceSensitivity(), clock, item -> true);
    }

    private Item brandItem(Shelf focus, String brandQuery) {
      return focus.pick(
          rnd,
          shopper.priceSensitivity(),
          clock,
          item -> item.brand().toLowerCase(Locale.ROOT).equals(brandQuery));
    }

    /** Leaves an in-stock item of the focus subcategory in the cart and walks away. */
    private void abandonCart(Shelf focus) {
      if (cart.stream().anyMatch(i -> catalog.subcategoryOf(i) == focus.subcategory())) return;
      Item item = anchorCandidate(focus);
      if (item != null) addToCart(item);
    }

    /**
     * Buys one item of the focus subcategory (the anchor), then, with each complement's
     * probability, an item of the complementing subcategory, up to {@link #MAX_ORDER_ITEMS}.
     */
    private void purchase(Shelf focus) {
      Item anchor = anchorCandidate(focus);
      if (anchor == null) return;
      List<Item> order = new ArrayList<>();
      order.add(anchor);
      if (!cart.contains(anchor)) addToCart(anchor);
      for (Complement complement : DemoTaxonomy.complementsOf(focus.subcategory())) {
        if (order.size() == MAX_ORDER_ITEMS) break;
        Shelf shelf = catalog.shelf(complement.complement());
        if (shelf == null || rnd.nextDouble() >= complement.probability()) continue;
        Item extra = complementFor(anchor, shelf);
        if (extra == null || order.contains(extra)) continue;
        view(extra);
        if (!cart.contains(extra)) addToCart(extra);
        order.add(extra);
      }
      // Some orders also take something else the shopper had in the cart.
      cart.stream()
          .filter(item -> !order.contains(item))
          .findFirst()
          .filter(item -> order.size() < MAX_ORDER_ITEMS && rnd.nextDouble() < 0.5)
          .ifPresent(order::add);

      if (customerId == null && rnd.nextDouble() < IDENTIFY_AT_CHECKOUT) identify();
      List<EventItem> lines = order.stream().map(this::orderLine).toList();
      emit(EventType.BEGIN_CHECKOUT, lines, null);
      emit(EventType.PURCHASE, lines, null);
      cart.removeAll(order);
    }

    /**
     * A complement for {@code anchor}: mostly the item of the shelf that goes with it (the case
     * made for that phone), so that the same pairs recur across orders as they do in a store;
     * otherwise any in-stock item of the shelf, by popularity.
     */
    private Item complementFor(Item anchor, Shelf shelf) {
      if (rnd.nextDouble() < COMPANION_SHARE) {
        Item companion = shelf.companionOf(anchor);
        if (companion.inStock() && !companion.createdAt().isAfter(clock)) return companion;
      }
      return shelf.pick(rnd, shopper.priceSensitivity(), clock, Item::inStock);
    }

    /**
     * An in-stock focus item the shopper looked at this session, the most recent first; or, if
     * none, a fresh pick from the focus shelf (viewed before it is bought).
     */
    private Item anchorCandidate(Shelf focus) {
      for (int i = viewed.size() - 1; i >= 0; i--) {
        Item item = viewed.get(i);
        if (item.inStock() && catalog.subcategoryOf(item) == focus.subcategory()) return item;
      }
      Item fresh = focus.pick(rnd, shopper.priceSensitivity(), clock, Item::inStock);
      if (fresh != null) view(fresh);
      return fresh;
    }

    private EventItem orderLine(Item item) {
      // Cheap things are sometimes bought two at a time (socks, cables).
      int quantity = item.price() < 20 && rnd.nextDouble() < 0.2 ? 2 : 1;
      return new EventItem(item.id(), quantity, item.price());
    }

    // ---- events

    private void view(Item item) {
      viewed.add(item);
      emit(EventType.VIEW_ITEM, List.of(line(item)), null);
    }

    private void addToCart(Item item) {
      cart.add(item);
      emit(EventType.ADD_TO_CART, List.of(line(item)), null);
    }

    private void identify() {
      if (customerId != null) return;
      customerId = customerId(index);
      emit(EventType.IDENTIFY, List.of(), null);
    }

    private void emit(EventType type, List<EventItem> items, String query) {
      events.add(new Event(type, visitorId, customerId, items, query, null, null, clock, region));
      // Think time until the next action: mostly under a minute, capped at five.
      long gapMillis = 5_000 + (long) Math.min(295_000, DemoRandom.exponential(rnd, 40_000));
      clock = clock.plusMillis(gapMillis);
    }

    private EventItem line(Item item) {
      return new EventItem(item.id(), 1, item.price());
    }

    // ---- random helpers

    private <T> T pick(List<T> values) {
      return values.get(rnd.nextInt(values.size()));
    }

    private int weightedIndex(DoubleStream weights) {
      return drawCumulative(cumulative(weights));
    }

    /** An index drawn in proportion to the weights whose running sums are given. */
    private int drawCumulative(double[] cumulative) {
      double u = rnd.nextDouble() * cumulative[cumulative.length - 1];
      for (int i = 0; i < cumulative.length; i++) if (u < cumulative[i]) return i;
      return cumulative.length - 1;
    }
  }

  private static final Set<String> BRAND_QUERIES =
      DemoTaxonomy.BRANDS.stream()
          .map(brand -> brand.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());

  private static boolean isBrand(String query) {
    return BRAND_QUERIES.contains(query);
  }

  private static double[] cumulative(DoubleStream weights) {
    double[] values = weights.toArray();
    for (int i = 1; i < values.length; i++) values[i] += values[i - 1];
    return values;
  }
}
