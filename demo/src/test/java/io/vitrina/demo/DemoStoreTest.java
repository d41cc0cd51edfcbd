package io.vitrina.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.demo.DemoTaxonomy.Complement;
import io.vitrina.demo.DemoTaxonomy.Subcategory;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.IndicatorSpec;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoStoreTest {
  private static final Instant REFERENCE = Instant.parse("2025-06-01T12:00:00Z");
  private static final Instant WINDOW_START =
      REFERENCE.minus(Duration.ofDays(DemoStore.DEFAULT_DAYS));

  /** Within a session actions are at most 5 minutes apart; sessions at least 30 apart. */
  private static final Duration SESSION_BREAK = Duration.ofMinutes(20);

  private static DemoStore store;
  private static Map<String, Item> itemsById;
  private static Map<String, List<Event>> eventsByVisitor;

  @BeforeAll
  static void generateDefaultStore() {
    store = DemoStore.generate(REFERENCE);
    itemsById = store.items().stream().collect(Collectors.toMap(Item::id, item -> item));
    eventsByVisitor =
        store.events().stream()
            .collect(
                Collectors.groupingBy(Event::visitorId, LinkedHashMap::new, Collectors.toList()));
  }

  // ---- determinism and shape

  @Test
  void everyVisitorIsInOneRegionAndRegionsBuyDifferently() {
    Map<String, Set<String>> regionsOfVisitor = new HashMap<>();
    Map<String, Map<String, Integer>> boughtByRegion = new HashMap<>();
    for (Event e : store.events()) {
      assertNotNull(e.region(), e.toString());
      regionsOfVisitor.computeIfAbsent(e.visitorId(), v -> new HashSet<>()).add(e.region());
      if (e.type() == EventType.PURCHASE)
        for (String id : e.itemIds())
          boughtByRegion
              .computeIfAbsent(e.region(), r -> new HashMap<>())
              .merge(id, 1, Integer::sum);
    }
    assertTrue(regionsOfVisitor.values().stream().allMatch(r -> r.size() == 1));
    assertEquals(Set.copyOf(DemoTraffic.REGIONS), boughtByRegion.keySet());
    Set<List<String>> bestSellers =
        boughtByRegion.values().stream()
            .map(
                counts ->
                    counts.entrySet().stream()
                        .sorted(
                            Map.Entry.<String, Integer>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(5)
                        .map(Map.Entry::getKey)
                        .toList())
            .collect(Collectors.toSet());
    assertTrue(bestSellers.size() > 1, "regions' best sellers: " + bestSellers);
  }

  @Test
  void sameSeedGivesIdenticalStore() {
    DemoStore again = DemoStore.generate(REFERENCE);
    assertEquals(store.items(), again.items());
    assertEquals(store.events(), again.events());
  }

  @Test
  void differentSeedGivesDifferentStore() {
    DemoStore other = DemoStore.generate(DemoStore.DEFAULT_SEED + 1, 600, 300, 3, REFERENCE);
    DemoStore same = DemoStore.generate(DemoStore.DEFAULT_SEED, 600, 300, 3, REFERENCE);
    assertNotEquals(same.items(), other.items());
    assertNotEquals(same.events(), other.events());
  }

  @Test
  void addingVisitorsKeepsCatalogAndEarlierVisitorsUnchanged() {
    DemoStore small = DemoStore.generate(7, 500, 200, 3, REFERENCE);
    DemoStore large = DemoStore.generate(7, 500, 300, 3, REFERENCE);
    assertEquals(small.items(), large.items());
    Predicate<Event> early = e -> e.visitorId().compareTo(DemoTraffic.visitorId(200)) <= 0;
    assertEquals(small.events(), large.events().stream().filter(early).toList());
  }

  @Test
  void defaultStoreHasRequestedCatalogSizeAndEventVolume() {
    assertEquals(DemoStore.DEFAULT_ITEMS, store.items().size());
    for (int i = 0; i < store.items().size(); i++) {
      assertEquals("sku-%05d".formatted(i + 1), store.items().get(i).id());
    }
    int events = store.events().size();
    assertTrue(events >= 90_000 && events <= 160_000, "event count " + events);
    assertTrue(
        eventsByVisitor.size() > DemoStore.DEFAULT_VISITORS * 0.98,
        "visitors with events: " + eventsByVisitor.size());
    assertTrue(eventsByVisitor.keySet().stream().allMatch(id -> id.matches("demo-visitor-\\d{4}")));
  }

  @Test
  void rejectsArgumentsThatCannotMakeAStore() {
    assertThrows(IllegalArgumentException.class, () -> DemoStore.generate(1, 0, 10, 7, REFERENCE));
    assertThrows(IllegalArgumentException.class, () -> DemoStore.generate(1, 10, -1, 7, REFERENCE));
    assertThrows(IllegalArgumentException.class, () -> DemoStore.generate(1, 10, 10, 0, REFERENCE));
  }

  @Test
  void tinyCatalogStillGivesConsistentTraffic() {
    DemoStore tiny = DemoStore.generate(3, 5, 50, 1, REFERENCE);
    Set<String> ids = tiny.items().stream().map(Item::id).collect(Collectors.toSet());
    assertFalse(tiny.events().isEmpty());
    assertTrue(tiny.events().stream().flatMap(e -> e.itemIds().stream()).allMatch(ids::contains));
  }

  // ---- catalog

  @Test
  void catalogHasEightCategoriesWithThreeToFiveSubcategoriesEach() {
    Map<String, Set<String>> subcategories = new LinkedHashMap<>();
    for (Item item : store.items()) {
      assertEquals(2, item.categories().size(), item.id());
      subcategories
          .computeIfAbsent(item.categories().get(0), k -> new HashSet<>())
          .add(item.categories().get(1));
    }
    assertEquals(8, subcategories.size(), subcategories.keySet().toString());
    subcategories.forEach(
        (category, subs) ->
            assertTrue(subs.size() >= 3 && subs.size() <= 5, category + " has " + subs));
    assertTrue(subcategories.get("Electronics").contains("Phones"));
    assertTrue(subcategories.get("Accessories").containsAll(List.of("Phone Cases", "Chargers")));
  }

  @Test
  void brandsAreTiedToAFewSubcategories() {
    Map<String, Set<String>> subcategoriesByBrand = new HashMap<>();
    for (Item item : store.items()) {
      subcategoriesByBrand
          .computeIfAbsent(item.brand(), k -> new HashSet<>())
          .add(item.leafCategory());
    }
    assertTrue(
        subcategoriesByBrand.size() >= 35 && subcategoriesByBrand.size() <= 45,
        subcategoriesByBrand.size() + " brands");
    subcategoriesByBrand.forEach(
        (brand, subs) -> assertTrue(subs.size() <= 3, brand + " sells in " + subs));
  }

  @Test
  void pricesFollowTheirSubcategoryRange() {
    for (Item item : store.items()) {
      Subcategory sub = DemoTaxonomy.subcategory(item.leafCategory());
      assertTrue(
          item.price() >= sub.minPrice() && item.price() <= sub.maxPrice(),
          item.id() + " " + item.leafCategory() + " at " + item.price());
      assertEquals(99, Math.round(item.price() * 100) % 100, "charm price " + item.price());
    }
    List<Double> phones = pricesOf("Phones");
    List<Double> cables = pricesOf("Cables");
    assertTrue(phones.stream().allMatch(p -> p >= 150 && p <= 1500));
    assertTrue(cables.stream().allMatch(p -> p >= 5 && p <= 30));
    // Log-normal, not uniform: the median phone is mid-range, and prices spread out.
    double medianPhone = phones.stream().sorted().toList().get(phones.size() / 2);
    assertTrue(medianPhone > 300 && medianPhone < 800, "median phone price " + medianPhone);
    assertTrue(phones.stream().distinct().count() > 20, "phone prices barely vary");
  }

  @Test
  void aboutFifteenPercentAreDiscountedAndFivePercentSoldOut() {
    List<Item> items = store.items();
    double discounted = share(items, item -> item.oldPrice() != null);
    double soldOut = share(items, item -> item.stock() == 0);
    assertTrue(discounted >= 0.12 && discounted <= 0.18, "discounted share " + discounted);
    assertTrue(soldOut >= 0.03 && soldOut <= 0.07, "sold-out share " + soldOut);
    for (Item item : items) {
      if (item.oldPrice() != null) assertTrue(item.oldPrice() > item.price(), item.toString());
      assertEquals(item.stock() > 0, item.inStock(), item.id());
    }
  }

  @Test
  void itemsLookLikeAStoresProducts() {
    for (Item item : store.items()) {
      assertTrue(item.title().startsWith(item.brand() + " "), item.title());
      assertTrue(item.title().split(" ").length >= 4, item.title());
      assertTrue(item.description().endsWith(".") && item.description().contains(item.brand()));
      assertEquals("/demo/item/" + item.id(), item.url());
      assertEquals("/demo/images/" + item.id() + ".svg", item.image());
      assertFalse(item.tags().isEmpty(), item.id());
      assertFalse(item.attributes().isEmpty(), item.id());
      assertTrue(
          !item.createdAt().isAfter(REFERENCE)
              && item.createdAt().isAfter(REFERENCE.minus(Duration.ofDays(181))),
          item.id() + " created " + item.createdAt());
    }
    assertTrue(share(store.items(), i -> i.attributes().containsKey("color")) > 0.8);
    long distinctTitles = store.items().stream().map(Item::title).distinct().count();
    assertTrue(distinctTitles > store.items().size() * 0.95, distinctTitles + " distinct titles");
  }

  // ---- events

  @Test
  void everyEventItemExistsInCatalogAtItsPrice() {
    for (Event event : store.events()) {
      if (event.type().requiresItems()) assertFalse(event.items().isEmpty(), event::toString);
      for (EventItem line : event.items()) {
        Item item = itemsById.get(line.itemId());
        assertNotNull(item, () -> "unknown item in " + event);
        assertEquals(item.price(), line.price(), event::toString);
        assertFalse(
            item.createdAt().isAfter(event.occurredAt()), () -> "item not yet created: " + event);
      }
    }
  }

  @Test
  void eventsAreSortedByTimeInsideTheWindow() {
    Instant previous = WINDOW_START;
    for (Event event : store.events()) {
      assertFalse(event.occurredAt().isBefore(previous), () -> "out of order at " + event);
      assertTrue(event.occurredAt().isBefore(REFERENCE), () -> "after the reference: " + event);
      previous = event.occurredAt();
    }
  }

  @Test
  void shoppersViewBeforeCartingAndCartBeforeBuying() {
    eventsByVisitor.forEach(
        (visitor, events) -> {
          Set<String> viewed = new HashSet<>();
          Set<String> carted = new HashSet<>();
          Event previous = null;
          for (Event event : events) {
            switch (event.type()) {
              case VIEW_ITEM -> viewed.addAll(event.itemIds());
              case ADD_TO_CART ->
                  assertTrue(viewed.containsAll(event.itemIds()), () -> "carted unseen: " + event);
              case PURCHASE -> {
                assertTrue(carted.containsAll(event.itemIds()), () -> "bought uncarted: " + event);
                assertNotNull(previous);
                assertEquals(EventType.BEGIN_CHECKOUT, previous.type());
                assertEquals(previous.items(), event.items());
                int lines = event.items().size();
                assertTrue(lines >= 1 && lines <= DemoTraffic.MAX_ORDER_ITEMS, event::toString);
              }
              default -> {}
            }
            if (event.type() == EventType.ADD_TO_CART) carted.addAll(event.itemIds());
            previous = event;
          }
        });
  }

  @Test
  void sessionsHaveRealisticLengthsAndPurchaseRate() {
    int sessions = 0;
    int buyingSessions = 0;
    int views = 0;
    for (List<Event> events : eventsByVisitor.values()) {
      List<List<Event>> visits = sessions(events);
      // One to four sessions a week; a shopper comes back in a further week for as many.
      assertTrue(
          visits.size() <= 4 * DemoStore.DEFAULT_DAYS / 7,
          events.getFirst().visitorId() + " has " + visits.size());
      for (List<Event> session : visits) {
        sessions++;
        views += (int) session.stream().filter(e -> e.type() == EventType.VIEW_ITEM).count();
        if (session.stream().anyMatch(e -> e.type() == EventType.PURCHASE)) buyingSessions++;
      }
    }
    double purchaseRate = (double) buyingSessions / sessions;
    double viewsPerSession = (double) views / sessions;
    // First visits buy 15% of the time, returning ones 40%.
    assertTrue(purchaseRate >= 0.20 && purchaseRate <= 0.35, "purchase rate " + purchaseRate);
    assertTrue(viewsPerSession >= 5 && viewsPerSession <= 10, "views/session " + viewsPerSession);
    double perVisitor = (double) sessions / eventsByVisitor.size();
    // Two in the first week, and 0.4 × 2 in each of the three others.
    assertTrue(perVisitor >= 3.5 && perVisitor <= 5.5, "sessions per visitor " + perVisitor);
  }

  @Test
  void someSessionsStartWithASearchForASubcategoryOrBrand() {
    Set<String> searchable = new HashSet<>();
    DemoTaxonomy.SUBCATEGORIES.forEach(s -> searchable.add(s.name().toLowerCase(Locale.ROOT)));
    DemoTaxonomy.BRANDS.forEach(b -> searchable.add(b.name().toLowerCase(Locale.ROOT)));
    int searches = 0;
    int sessions = 0;
    for (List<Event> events : eventsByVisitor.values()) {
      for (List<Event> session : sessions(events)) {
        sessions++;
        for (int i = 0; i < session.size(); i++) {
          Event event = session.get(i);
          if (event.type() != EventType.SEARCH) continue;
          assertEquals(0, i, () -> "search mid-session: " + event);
          assertTrue(searchable.contains(event.query()), () -> "query " + event.query());
          searches++;
        }
      }
    }
    double share = (double) searches / sessions;
    assertTrue(share >= 0.15 && share <= 0.25, "search share " + share);
  }

  @Test
  void eventsAfterIdentifyCarryTheCustomerId() {
    int identified = 0;
    for (List<Event> events : eventsByVisitor.values()) {
      String customer = null;
      for (Event event : events) {
        if (event.type() == EventType.IDENTIFY) {
          assertNull(customer, () -> "identified twice: " + event);
          assertNotNull(event.customerId());
          assertTrue(event.customerId().matches("cust-\\d{4}"), event.customerId());
          customer = event.customerId();
          identified++;
        }
        assertEquals(customer, event.customerId(), event::toString);
      }
    }
    double share = (double) identified / eventsByVisitor.size();
    // A third log in while browsing; half of the buyers who have not, at checkout.
    assertTrue(share >= 0.45 && share <= 0.75, "identified share " + share);
  }

  @Test
  void popularityIsSkewedWithinASubcategory() {
    Map<String, Long> phoneViews =
        store.events().stream()
            .filter(e -> e.type() == EventType.VIEW_ITEM)
            .map(e -> itemsById.get(e.itemIds().getFirst()))
            .filter(item -> item.leafCategory().equals("Phones"))
            .collect(Collectors.groupingBy(Item::id, Collectors.counting()));
    List<Long> counts = phoneViews.values().stream().sorted(Comparator.reverseOrder()).toList();
    long total = counts.stream().mapToLong(Long::longValue).sum();
    long topTenth = counts.stream().limit(Math.max(1, counts.size() / 10)).mapToLong(c -> c).sum();
    // Uniform popularity would give the top tenth about 10% of the views.
    assertTrue(topTenth > total * 0.35, "top tenth of phones got " + topTenth + " of " + total);
  }

  @Test
  void demoVisitorHasViewsASearchALoginAndAPhoneOrder() {
    List<Event> events = eventsByVisitor.get(DemoStore.DEMO_VISITOR_ID);
    assertNotNull(events);
    assertTrue(count(events, EventType.VIEW_ITEM) >= 10, "demo visitor views");
    assertTrue(count(events, EventType.SEARCH) >= 1, "demo visitor searches");
    assertEquals(1, count(events, EventType.IDENTIFY));
    assertEquals(DemoStore.DEMO_CUSTOMER_ID, events.getLast().customerId());
    List<Event> orders = events.stream().filter(e -> e.type() == EventType.PURCHASE).toList();
    assertFalse(orders.isEmpty(), "demo visitor bought nothing");
    assertTrue(
        orders.stream().anyMatch(order -> subcategories(order).contains("Phones")),
        "demo visitor bought no phone");
    // The last session leaves a laptop in the cart, for abandoned-cart demos.
    Set<String> leftInCart = new HashSet<>();
    for (Event event : events) {
      if (event.type() == EventType.ADD_TO_CART) leftInCart.addAll(event.itemIds());
      if (event.type() == EventType.PURCHASE) event.itemIds().forEach(leftInCart::remove);
    }
    assertTrue(
        leftInCart.stream().anyMatch(id -> itemsById.get(id).leafCategory().equals("Laptops")),
        "no laptop left in the demo visitor's cart: " + leftInCart);
  }

  // ---- "also bought" structure

  @Test
  void phoneBuyersOftenAlsoBuyACaseOrCharger() {
    Set<String> phoneAccessories = Set.of("Phone Cases", "Chargers", "Cables");
    List<Set<String>> orders = orders();
    List<Set<String>> phoneOrders = orders.stream().filter(o -> o.contains("Phones")).toList();
    List<Set<String>> otherOrders = orders.stream().filter(o -> !o.contains("Phones")).toList();
    Predicate<Set<String>> withAccessory = o -> o.stream().anyMatch(phoneAccessories::contains);
    double withPhone = share(phoneOrders, withAccessory);
    double withoutPhone = share(otherOrders, withAccessory);
    assertTrue(phoneOrders.size() >= 30, phoneOrders.size() + " phone orders");
    assertTrue(withPhone >= 0.5, "phone orders with an accessory: " + withPhone);
    assertTrue(
        withPhone >= 4 * withoutPhone,
        "accessory share with phone " + withPhone + " vs without " + withoutPhone);
  }

  @Test
  void everyComplementPairCoOccursFarMoreThanChance() {
    List<Set<String>> orders = orders();
    int checked = 0;
    for (Complement pair : DemoTaxonomy.COMPLEMENTS) {
      List<Set<String>> withAnchor =
          orders.stream().filter(o -> o.contains(pair.anchor())).toList();
      List<Set<String>> withoutAnchor =
          orders.stream().filter(o -> !o.contains(pair.anchor())).toList();
      if (withAnchor.size() < 20) continue; // too few orders to judge this pair
      checked++;
      double lifted = share(withAnchor, o -> o.contains(pair.complement()));
      double baseline = share(withoutAnchor, o -> o.contains(pair.complement()));
      assertTrue(
          lifted >= 3 * baseline && lifted >= pair.probability() / 2,
          pair + ": " + lifted + " with anchor vs " + baseline + " without");
    }
    assertTrue(checked >= 8, "only " + checked + " complement pairs had enough orders");
  }

  /**
   * A complement is mostly the one item that goes with the anchor, so specific pairs recur across
   * orders and a model learns purchase indicators for the catalog's head: 56 of 3,000 items here,
   * where picking any item of the complementing shelf gave 26. A week of 3,000 visitors (867
   * orders) cannot teach more than the head.
   */
  @Test
  void boughtTogetherPairsRecurSoPurchasesAreLearnable() {
    ModelBuilder builder = new ModelBuilder(IndicatorSpec.standard());
    for (Event e : store.events()) builder.add(e, Map.of());
    int withBuyIndicators = builder.build(Map.of(), REFERENCE).stats().itemsWith(IndicatorSpec.BUY);
    assertTrue(
        withBuyIndicators >= 45,
        withBuyIndicators + " of " + store.items().size() + " items have purchase indicators");
  }

  // ---- helpers

  /** Each order as the set of its items' subcategories. */
  private static List<Set<String>> orders() {
    return store.events().stream()
        .filter(e -> e.type() == EventType.PURCHASE)
        .map(DemoStoreTest::subcategories)
        .toList();
  }

  private static Set<String> subcategories(Event event) {
    return event.itemIds().stream()
        .map(id -> itemsById.get(id).leafCategory())
        .collect(Collectors.toSet());
  }

  /** A visitor's events split where the shopper was away for a while. */
  private static List<List<Event>> sessions(List<Event> events) {
    List<List<Event>> sessions = new ArrayList<>();
    Instant previous = null;
    for (Event event : events) {
      if (previous == null
          || Duration.between(previous, event.occurredAt()).compareTo(SESSION_BREAK) > 0) {
        sessions.add(new ArrayList<>());
      }
      sessions.getLast().add(event);
      previous = event.occurredAt();
    }
    return sessions;
  }

  private static List<Double> pricesOf(String subcategory) {
    return store.items().stream()
        .filter(item -> item.leafCategory().equals(subcategory))
        .map(Item::price)
        .toList();
  }

  private static long count(List<Event> events, EventType type) {
    return events.stream().filter(e -> e.type() == type).count();
  }

  private static <T> double share(List<T> values, Predicate<T> test) {
    return values.isEmpty() ? 0 : (double) values.stream().filter(test).count() / values.size();
  }
}
