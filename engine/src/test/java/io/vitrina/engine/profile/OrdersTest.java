package io.vitrina.engine.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vitrina.engine.segment.Lifecycle;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A profile counts orders, not lines, and keeps their dates and revenue net of refunds. */
class OrdersTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private final ProfileStore store = new ProfileStore();

  private static Event event(
      EventType type,
      String visitor,
      String customer,
      Transaction order,
      Instant at,
      EventItem... lines) {
    return new Event(type, visitor, customer, List.of(lines), null, null, null, at, null, order);
  }

  private static Event purchase(String visitor, String order, Double value, Instant at) {
    return event(
        EventType.PURCHASE,
        visitor,
        null,
        new Transaction(order, value, "EUR"),
        at,
        new EventItem("teapot", 1, 12),
        new EventItem("cup", 2, 4));
  }

  private Orders ordersOf(String visitor) {
    return store.view(visitor, null).orders();
  }

  @Test
  void aFirstOrderOfTwoItemsMakesANewCustomer() {
    store.apply(purchase("ann", "T-1", null, NOW.minusSeconds(60)));
    ProfileView profile = store.view("ann", null);
    assertEquals(1, profile.orders().count());
    assertEquals(2, profile.purchases().size(), "two items bought");
    assertEquals(Lifecycle.NEW, Lifecycle.of(profile.orders(), NOW));
  }

  @Test
  void aSecondOrderMakesAnActiveCustomer() {
    store.apply(purchase("ann", "T-1", null, NOW.minus(Duration.ofDays(3))));
    store.apply(purchase("ann", "T-2", null, NOW.minusSeconds(60)));
    assertEquals(Lifecycle.ACTIVE, Lifecycle.of(ordersOf("ann"), NOW));
  }

  @Test
  void theSameTransactionTwiceIsOneOrder() {
    store.apply(purchase("ann", "T-1", 20.0, NOW.minusSeconds(60)));
    store.apply(purchase("ann", "T-1", 20.0, NOW.minusSeconds(30)));
    Orders orders = ordersOf("ann");
    assertEquals(1, orders.count());
    assertEquals(20.0, orders.revenue());
    assertEquals(NOW.minusSeconds(60), orders.last(), "the order's own time, not the resend's");
    assertEquals(Lifecycle.NEW, Lifecycle.of(ordersOf("ann"), NOW));
  }

  @Test
  void purchasesWithoutATransactionIdAreEachAnOrder() {
    store.apply(purchase("ann", null, 5.0, NOW.minusSeconds(60)));
    store.apply(purchase("ann", null, 5.0, NOW.minusSeconds(30)));
    assertEquals(2, ordersOf("ann").count());
    assertEquals(10.0, ordersOf("ann").revenue());
  }

  @Test
  void anOrderIsWorthItsValueElseItsLinesPriceTimesQuantity() {
    store.apply(purchase("ann", "T-1", 30.0, NOW.minus(Duration.ofDays(2))));
    store.apply(purchase("ann", "T-2", null, NOW.minus(Duration.ofDays(1))));
    Orders orders = ordersOf("ann");
    assertEquals(30.0 + (12 + 2 * 4), orders.revenue());
    assertEquals(
        List.of(
            new Orders.Order(NOW.minus(Duration.ofDays(1)), 20.0),
            new Orders.Order(NOW.minus(Duration.ofDays(2)), 30.0)),
        orders.recent(),
        "most recent first");
    assertEquals(NOW.minus(Duration.ofDays(2)), orders.first());
  }

  @Test
  void aWholeOrderRefundTakesBackWhatTheOrderWasWorth() {
    store.apply(purchase("ann", "T-1", 30.0, NOW.minus(Duration.ofDays(2))));
    store.apply(purchase("ann", "T-2", 20.0, NOW.minus(Duration.ofDays(1))));
    Transaction whole = new Transaction("T-1", null, null);
    store.apply(event(EventType.REFUND, "ann", null, whole, NOW));
    Orders orders = ordersOf("ann");
    assertEquals(20.0, orders.revenue());
    assertEquals(0.0, orders.recent().get(1).value(), "the refunded order is worth nothing now");
    assertEquals(2, orders.count(), "it was still an order");
    store.apply(event(EventType.REFUND, "ann", null, whole, NOW));
    assertEquals(20.0, ordersOf("ann").revenue(), "a refund sent twice takes nothing more");
  }

  @Test
  void aPartialRefundTakesBackItsLines() {
    store.apply(purchase("ann", "T-1", null, NOW.minusSeconds(60)));
    store.apply(
        event(
            EventType.REFUND,
            "ann",
            null,
            new Transaction("T-1", null, null),
            NOW,
            new EventItem("cup", 1, 4)));
    assertEquals(16.0, ordersOf("ann").revenue());
    assertEquals(16.0, ordersOf("ann").recent().get(0).value());
  }

  @Test
  void aRefundOfAnOrderNotKeptStillReducesRevenueButNeverBelowZero() {
    store.apply(purchase("ann", "T-1", 10.0, NOW.minusSeconds(60)));
    store.apply(event(EventType.REFUND, "ann", null, new Transaction("T-0", 4.0, null), NOW));
    assertEquals(6.0, ordersOf("ann").revenue());
    store.apply(event(EventType.REFUND, "ann", null, new Transaction("T-9", 40.0, null), NOW));
    assertEquals(0.0, ordersOf("ann").revenue());
  }

  @Test
  void stitchingKeepsAnOrderBothProfilesHeldOnce() {
    // The same order reached the visitor's profile and, sent again by the store's back end, the
    // customer's, before any event named both.
    store.apply(purchase("ann", "T-1", 30.0, NOW.minus(Duration.ofDays(9))));
    store.apply(purchase("ann", "T-2", 10.0, NOW.minus(Duration.ofDays(2))));
    Event backEnd =
        event(
            EventType.PURCHASE,
            null,
            "C-7",
            new Transaction("T-1", 30.0, "EUR"),
            NOW.minus(Duration.ofDays(9)),
            EventItem.of("teapot"));
    store.apply(backEnd);
    store.apply(
        event(
            EventType.PURCHASE,
            null,
            "C-7",
            new Transaction("T-3", 5.0, "EUR"),
            NOW.minus(Duration.ofDays(5)),
            EventItem.of("spoon")));
    store.apply(event(EventType.IDENTIFY, "ann", "C-7", null, NOW));

    Orders orders = store.view(null, "C-7").orders();
    assertEquals(3, orders.count(), "T-1 once, T-2 and T-3");
    assertEquals(45.0, orders.revenue());
    assertEquals(NOW.minus(Duration.ofDays(9)), orders.first());
    assertEquals(NOW.minus(Duration.ofDays(2)), orders.last());
    assertEquals(
        List.of(
            NOW.minus(Duration.ofDays(2)),
            NOW.minus(Duration.ofDays(5)),
            NOW.minus(Duration.ofDays(9))),
        orders.recent().stream().map(Orders.Order::at).toList());
  }

  @Test
  void theUsualIntervalIsTheMedianGapBetweenRecentOrders() {
    for (int day : new int[] {40, 30, 10, 0})
      store.apply(purchase("ann", "T-" + day, 1.0, NOW.minus(Duration.ofDays(day))));
    // Gaps of 10, 20 and 10 days.
    assertEquals(Duration.ofDays(10), ordersOf("ann").medianInterval());
    store.apply(purchase("ann", "T-late", 1.0, NOW.plus(Duration.ofDays(30))));
    // 10, 20, 10, 30: the middle two averaged.
    assertEquals(Duration.ofDays(15), ordersOf("ann").medianInterval());
    store.apply(purchase("bob", "T-1", 1.0, NOW));
    assertNull(ordersOf("bob").medianInterval(), "one order has no interval");
  }

  @Test
  void onlyTheLatestOrdersAreKeptWhateverOrderTheyArriveIn() {
    List<Integer> days = new ArrayList<>();
    for (int day = 0; day < OrderHistory.MAX_RECENT + 8; day++) days.add(day);
    java.util.Collections.shuffle(days, new java.util.Random(3));
    for (int day : days)
      store.apply(purchase("ann", "T-" + day, 1.0, NOW.minus(Duration.ofDays(day))));
    Orders orders = ordersOf("ann");
    assertEquals(OrderHistory.MAX_RECENT + 8, orders.count());
    assertEquals(OrderHistory.MAX_RECENT + 8.0, orders.revenue());
    assertEquals(NOW.minus(Duration.ofDays(OrderHistory.MAX_RECENT + 7)), orders.first());
    assertEquals(NOW, orders.last());
    List<Instant> latest = new ArrayList<>();
    for (int day = 0; day < OrderHistory.MAX_RECENT; day++)
      latest.add(NOW.minus(Duration.ofDays(day)));
    assertEquals(latest, orders.recent().stream().map(Orders.Order::at).toList());
    assertEquals(Duration.ofDays(1), orders.medianInterval());
  }

  @Test
  void aShopperWhoNeverOrderedHasNoOrders() {
    store.apply(event(EventType.VIEW_ITEM, "ann", null, null, NOW, EventItem.of("teapot")));
    assertEquals(Orders.NONE, ordersOf("ann"));
    assertEquals(Lifecycle.NEVER_BOUGHT, Lifecycle.of(ordersOf("ann"), NOW));
  }
}
