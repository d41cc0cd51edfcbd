package io.vitrina.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vitrina.engine.profile.Orders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  /** Orders placed {@code daysAgo} days before now, most recent first. */
  private static Orders ordersDaysAgo(int... daysAgo) {
    List<Orders.Order> recent = new ArrayList<>();
    for (int days : daysAgo) recent.add(new Orders.Order(NOW.minus(Duration.ofDays(days)), 10));
    return new Orders(
        daysAgo.length,
        recent.getLast().at(),
        recent.getFirst().at(),
        10.0 * daysAgo.length,
        recent);
  }

  @Test
  void aShopperWithoutOrdersNeverBought() {
    assertEquals(Lifecycle.NEVER_BOUGHT, Lifecycle.of(Orders.NONE, NOW));
  }

  @Test
  void oneRecentOrderMakesANewCustomer() {
    assertEquals(Lifecycle.NEW, Lifecycle.of(ordersDaysAgo(10), NOW));
  }

  @Test
  void oneOrderLongerAgoThanTheFirstIntervalTimesTheFactorsIsAtRiskThenLapsed() {
    // One order: the usual interval is the 60 days assumed; at risk past 90, lapsed past 180.
    assertEquals(Lifecycle.NEW, Lifecycle.of(ordersDaysAgo(89), NOW));
    assertEquals(Lifecycle.AT_RISK, Lifecycle.of(ordersDaysAgo(91), NOW));
    assertEquals(Lifecycle.LAPSED, Lifecycle.of(ordersDaysAgo(181), NOW));
  }

  @Test
  void aFewOrdersWithinTheirOwnIntervalAreActiveAndFourAreLoyal() {
    assertEquals(Lifecycle.ACTIVE, Lifecycle.of(ordersDaysAgo(5, 35, 65), NOW));
    assertEquals(Lifecycle.LOYAL, Lifecycle.of(ordersDaysAgo(5, 35, 65, 95), NOW));
  }

  @Test
  void aWeeklyBuyerIsAtRiskAfterTwoWeeksWhereAMonthlyOneIsNot() {
    // Each by their own rhythm: 7 days against 30.
    assertEquals(Lifecycle.AT_RISK, Lifecycle.of(ordersDaysAgo(14, 21, 28, 35), NOW));
    assertEquals(Lifecycle.LOYAL, Lifecycle.of(ordersDaysAgo(14, 44, 74, 104), NOW));
    assertEquals(Lifecycle.LAPSED, Lifecycle.of(ordersDaysAgo(22, 29, 36, 43), NOW));
  }

  @Test
  void theThresholdsAreSettings() {
    Lifecycle.Settings settings =
        new Lifecycle.Settings(Duration.ofDays(10), Duration.ofDays(1), 1, 2, 2);
    assertEquals(Lifecycle.AT_RISK, Lifecycle.of(ordersDaysAgo(11), NOW, settings));
    assertEquals(Lifecycle.LOYAL, Lifecycle.of(ordersDaysAgo(1, 3), NOW, settings));
  }

  @Test
  void ordersDaysApartAreNoRhythmShorterThanAWeek() {
    // Two orders a day apart: the usual interval is taken as 7 days, so at risk after 10.5.
    assertEquals(Lifecycle.ACTIVE, Lifecycle.of(ordersDaysAgo(4, 5), NOW));
    assertEquals(Lifecycle.AT_RISK, Lifecycle.of(ordersDaysAgo(11, 12), NOW));
  }

  @Test
  void keysAreTheApiNames() {
    assertEquals("at_risk", Lifecycle.AT_RISK.key());
    assertEquals(Lifecycle.NEVER_BOUGHT, Lifecycle.byKey("never_bought").orElseThrow());
    assertEquals("segment:lapsed", Lifecycle.LAPSED.groupKey());
  }
}
