package io.vitrina.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopperOutcomeTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final ShopperOutcome.Rules RULES = ShopperOutcome.Rules.DEFAULT;

  private static Event event(EventType type, Instant at, Transaction tx, EventItem... items) {
    return new Event(type, "v1", null, List.of(items), null, null, null, at, null, tx);
  }

  private static EventItem line(String id, int quantity, double price) {
    return new EventItem(id, quantity, price);
  }

  private static ShopperOutcome exposed() {
    return ShopperOutcome.exposed("personal", 1, T0, 0);
  }

  @Test
  void aPurchaseOfAClickedItemIsCreditedToThePlacementItemByItem() {
    ShopperOutcome o =
        exposed()
            .after(
                event(EventType.VIEW_ITEM_LIST, T0, null, line("a", 1, 0), line("b", 1, 0)),
                true,
                RULES)
            .after(
                event(EventType.SELECT_ITEM, T0.plusSeconds(5), null, line("a", 1, 0)), true, RULES)
            .after(
                event(
                    EventType.PURCHASE,
                    T0.plus(Duration.ofHours(2)),
                    new Transaction("o1", 70.0, "EUR"),
                    line("a", 2, 20),
                    line("b", 1, 10),
                    line("c", 1, 20)),
                false,
                RULES);
    assertEquals(new ShopperOutcome.Counts(1, 70, 4, 1, 1, 0), o.counts());
    assertEquals(40, o.attributed().clickThrough(), "a, clicked: 2 × 20");
    assertEquals(70, o.attributed().clickThroughOrders(), "the whole order held a clicked item");
    assertEquals(50, o.attributed().viewThrough(), "a and b were shown");
  }

  @Test
  void aClickOlderThanTheWindowIsNotCredited() {
    ShopperOutcome o =
        exposed()
            .after(event(EventType.SELECT_ITEM, T0, null, line("a", 1, 0)), true, RULES)
            .after(
                event(EventType.PURCHASE, T0.plus(Duration.ofHours(25)), null, line("a", 1, 30)),
                false,
                RULES);
    assertEquals(30, o.counts().revenue());
    assertEquals(ShopperOutcome.Attributed.NONE, o.attributed());
  }

  @Test
  void eventsFromElsewhereCountOnlyAsPurchases() {
    ShopperOutcome o =
        exposed()
            .after(event(EventType.SELECT_ITEM, T0, null, line("a", 1, 0)), false, RULES)
            .after(
                event(EventType.PURCHASE, T0.plusSeconds(60), null, line("a", 1, 30)),
                false,
                RULES);
    assertEquals(new ShopperOutcome.Counts(1, 30, 1, 0, 0, 0), o.counts());
    assertEquals(0, o.attributed().clickThrough());
  }

  @Test
  void refundsTakeBackRevenue() {
    ShopperOutcome bought =
        exposed()
            .after(
                event(
                    EventType.PURCHASE, T0, new Transaction("o1", 100.0, null), line("a", 1, 100)),
                false,
                RULES);
    ShopperOutcome partly =
        bought.after(event(EventType.REFUND, T0, new Transaction("o1", 30.0, null)), false, RULES);
    assertEquals(70, partly.counts().revenue());
    ShopperOutcome whole =
        bought.after(event(EventType.REFUND, T0, new Transaction("o1", null, null)), false, RULES);
    assertEquals(0, whole.counts().revenue(), "a whole order without a value: what it brought");
    assertEquals(1, whole.counts().orders(), "it was ordered; refunds reduce revenue");
  }

  @Test
  void armTotalsMovedEventByEventEqualTheTotalsOfTheFinalOutcomes() {
    ArmTotals online = ArmTotals.EMPTY;
    ArmTotals recomputed = ArmTotals.EMPTY;
    java.util.Random random = new java.util.Random(7);
    for (int s = 0; s < 200; s++) {
      ShopperOutcome o = ShopperOutcome.exposed("a", 1, T0, random.nextInt(3) * 10);
      online = online.plus(ArmTotals.change(null, o));
      for (int e = 0; e < random.nextInt(6); e++) {
        Event next =
            random.nextBoolean()
                ? event(EventType.SELECT_ITEM, T0.plusSeconds(e), null, line("i" + e, 1, 0))
                : event(
                    EventType.PURCHASE,
                    T0.plusSeconds(e + 1),
                    null,
                    line("i" + (e - 1), 1 + random.nextInt(2), 5 + random.nextInt(50)));
        ShopperOutcome after = o.after(next, true, RULES);
        online = online.plus(ArmTotals.change(o, after));
        o = after;
      }
      recomputed = recomputed.plus(ArmTotals.of(o));
    }
    assertEquals(recomputed.shoppers(), online.shoppers());
    assertEquals(recomputed.buyers(), online.buyers());
    assertEquals(recomputed.revenue().sum(), online.revenue().sum(), 1e-6);
    assertEquals(recomputed.revenue().sumSquares(), online.revenue().sumSquares(), 1e-6);
    assertEquals(recomputed.products().revenueOrders(), online.products().revenueOrders(), 1e-6);
    assertEquals(recomputed.attributed().clickThrough(), online.attributed().clickThrough(), 1e-6);
  }
}
