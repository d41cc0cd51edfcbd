package io.vitrina.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.profile.KeptProfile;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static final Map<String, ItemFacts> CATALOG =
      Map.of(
          "teapot", item("teapot", "Teapots", "Clay", 40, "gift"),
          "kettle", item("kettle", "Kettles", "Steel", 70, "sale"),
          "cup", item("cup", "Cups", "Clay", 8, "gift"));

  private final ProfileStore store = new ProfileStore();
  private final SegmentContext context =
      new SegmentContext(NOW, CATALOG::get, RfmScale.NONE, Lifecycle.Settings.DEFAULT);

  static ItemFacts item(String id, String category, String brand, double price, String tag) {
    return new ItemFacts(List.of("Kitchen", category), brand, price, List.of(tag));
  }

  private void event(EventType type, String visitor, Duration ago, String... items) {
    store.apply(
        new Event(
            type,
            visitor,
            null,
            List.of(items).stream().map(EventItem::of).toList(),
            type == EventType.SEARCH ? "green tea" : null,
            null,
            null,
            NOW.minus(ago),
            type == EventType.PAGE_VIEW ? "Moscow" : null,
            type == EventType.PURCHASE
                ? new Transaction("T-" + ago.toMinutes(), 48.0, "EUR")
                : null));
  }

  private KeptProfile ann() {
    return store.kept(store.resolve("ann", null)).orElseThrow();
  }

  private boolean holds(Condition condition) {
    return condition.holds(ann(), context);
  }

  @Test
  void viewedCountsViewsOfTheCategoryWithinTheWindow() {
    event(EventType.VIEW_ITEM, "ann", Duration.ofDays(1), "teapot");
    event(EventType.VIEW_ITEM, "ann", Duration.ofDays(10), "kettle");
    ItemMatch kitchen = new ItemMatch(null, "kitchen", null, null);
    assertFalse(holds(new Condition.Viewed(kitchen, 2, Duration.ofDays(7))), "one in 7 days");
    assertTrue(holds(new Condition.Viewed(kitchen, 2, Duration.ofDays(14))));
    event(EventType.VIEW_ITEM, "ann", Duration.ofHours(1), "teapot");
    assertTrue(holds(new Condition.Viewed(kitchen, 2, Duration.ofDays(7))), "twice: teapot");
    ItemMatch teapots = new ItemMatch(null, "Teapots", null, null);
    assertTrue(holds(new Condition.Viewed(teapots, 2, null)));
    assertFalse(holds(new Condition.Viewed(new ItemMatch(null, null, "Steel", null), 2, null)));
  }

  @Test
  void boughtAndNeverBoughtReadPurchases() {
    event(EventType.PURCHASE, "ann", Duration.ofDays(3), "teapot", "cup");
    ItemMatch clay = new ItemMatch(null, null, "clay", null);
    assertTrue(holds(new Condition.Bought(clay, 2, Duration.ofDays(7))));
    assertFalse(holds(new Condition.Bought(clay, 1, Duration.ofDays(1))), "not in the last day");
    assertFalse(holds(new Condition.Bought(new ItemMatch("kettle", null, null, null), 1, null)));
    assertTrue(holds(new Condition.OrderCount(new Range(1.0, 1.0))));
    assertFalse(holds(new Condition.OrderCount(new Range(null, 0.0))), "at_most 0: never bought");
    assertTrue(holds(new Condition.Revenue(new Range(40.0, null))));
    assertFalse(holds(new Condition.Revenue(new Range(null, 20.0))));
  }

  @Test
  void cartConditionsReadTheCartAtCatalogPrices() {
    event(EventType.ADD_TO_CART, "ann", Duration.ofHours(2), "kettle", "cup");
    assertTrue(holds(new Condition.CartValue(new Range(77.0, null))), "70 + 8");
    assertFalse(holds(new Condition.CartValue(new Range(100.0, null))));
    assertTrue(holds(new Condition.InCart(new ItemMatch(null, null, null, "sale"), 1)));
    assertFalse(holds(new Condition.InCart(ItemMatch.ANY, 3)));
  }

  @Test
  void regionSearchesAndSeenTimes() {
    event(EventType.PAGE_VIEW, "ann", Duration.ofDays(20));
    event(EventType.SEARCH, "ann", Duration.ofDays(2));
    assertTrue(holds(new Condition.Region(Set.of("moscow"))));
    assertFalse(holds(new Condition.Region(Set.of("Kazan"))));
    assertTrue(holds(new Condition.Searched("TEA")));
    assertFalse(holds(new Condition.Searched("coffee")));
    assertTrue(holds(new Condition.LastSeen(Duration.ofDays(3))));
    assertFalse(holds(new Condition.FirstSeen(Duration.ofDays(7))), "first seen 20 days ago");
    assertTrue(holds(new Condition.FirstSeen(Duration.ofDays(30))));
  }

  @Test
  void lifecycleAndRfmConditions() {
    event(EventType.VIEW_ITEM, "ann", Duration.ofDays(1), "teapot");
    assertTrue(holds(new Condition.InLifecycle(Set.of(Lifecycle.NEVER_BOUGHT))));
    assertFalse(holds(new Condition.InRfmGroup(Set.of(RfmGroup.NEW_CUSTOMERS))), "no orders");
    event(EventType.PURCHASE, "ann", Duration.ofHours(1), "teapot");
    assertTrue(holds(new Condition.InLifecycle(Set.of(Lifecycle.NEW))));
    assertTrue(holds(new Condition.InRfmGroup(Set.of(RfmGroup.NEW_CUSTOMERS))));
  }

  @Test
  void aRuleNeedsAllOfItsAllOneOfItsAnyAndNoneOfItsNone() {
    event(EventType.VIEW_ITEM, "ann", Duration.ofDays(1), "teapot");
    event(EventType.VIEW_ITEM, "ann", Duration.ofDays(1), "teapot");
    ItemMatch teapots = new ItemMatch(null, "Teapots", null, null);
    SegmentRule browsers =
        new SegmentRule(
            "teapot-browsers",
            "Viewed teapots twice this week and never bought",
            List.of(new Condition.Viewed(teapots, 2, Duration.ofDays(7))),
            List.of(),
            List.of(new Condition.OrderCount(new Range(1.0, null))));
    assertTrue(browsers.holds(ann(), context));
    event(EventType.PURCHASE, "ann", Duration.ofHours(1), "cup");
    assertFalse(browsers.holds(ann(), context), "bought: out");
    SegmentRule either =
        new SegmentRule(
            "either",
            "Moscow or a searcher",
            List.of(),
            List.of(new Condition.Region(Set.of("Moscow")), new Condition.Searched("tea")),
            List.of());
    assertFalse(either.holds(ann(), context));
    event(EventType.SEARCH, "ann", Duration.ofMinutes(5));
    assertTrue(either.holds(ann(), context));
  }

  @Test
  void historyAndSegmentsFollowTheShopperAfterLogin() {
    event(EventType.VIEW_ITEM, "ann", Duration.ofDays(1), "teapot");
    event(EventType.VIEW_ITEM, "ann", Duration.ofDays(1), "teapot");
    store.apply(
        new Event(EventType.IDENTIFY, "ann", "customer-7", List.of(), null, null, null, NOW));
    KeptProfile customer = store.kept(store.resolve(null, "customer-7")).orElseThrow();
    assertEquals("c:customer-7", customer.key());
    ItemMatch teapots = new ItemMatch(null, "Teapots", null, null);
    assertTrue(new Condition.Viewed(teapots, 2, Duration.ofDays(7)).holds(customer, context));
    assertEquals(NOW.minus(Duration.ofDays(1)), customer.activity().firstSeen());
  }
}
