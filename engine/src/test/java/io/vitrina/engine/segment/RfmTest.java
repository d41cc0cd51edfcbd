package io.vitrina.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vitrina.engine.profile.Orders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RfmTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static Orders customer(int daysAgo, int orders, double revenue) {
    Instant last = NOW.minus(Duration.ofDays(daysAgo));
    return new Orders(orders, last, last, revenue, List.of(new Orders.Order(last, revenue)));
  }

  @Test
  void quintilesGiveAFifthOfDistinctCustomersEachScore() {
    List<Orders> customers = new ArrayList<>();
    for (int i = 0; i < 100; i++) customers.add(customer(i + 1, i + 1, 10.0 * (i + 1)));
    RfmScale scale = RfmScale.ofQuantiles(customers, NOW);
    Map<Integer, Integer> byRecency = new HashMap<>();
    Map<Integer, Integer> byFrequency = new HashMap<>();
    for (Orders c : customers) {
      RfmScore score = scale.score(c, NOW);
      byRecency.merge(score.recency(), 1, Integer::sum);
      byFrequency.merge(score.frequency(), 1, Integer::sum);
    }
    assertEquals(Map.of(1, 20, 2, 20, 3, 20, 4, 20, 5, 20), byRecency);
    assertEquals(Map.of(1, 20, 2, 20, 3, 20, 4, 20, 5, 20), byFrequency);
    // The least recent is the most frequent and the biggest spender (1, 5, 5); the most recent
    // ordered once, for the least (5, 1, 1).
    assertEquals("155", scale.score(customers.getLast(), NOW).code());
    assertEquals("511", scale.score(customers.getFirst(), NOW).code());
  }

  @Test
  void tiedFrequenciesShareTheLowerScore() {
    List<Orders> customers = new ArrayList<>();
    for (int i = 0; i < 80; i++) customers.add(customer(i + 1, 1, 10));
    for (int i = 0; i < 20; i++) customers.add(customer(i + 1, 2 + i, 10));
    RfmScale scale = RfmScale.ofQuantiles(customers, NOW);
    assertEquals(1, scale.score(customers.getFirst(), NOW).frequency(), "one order: lowest");
    assertEquals(5, scale.score(customers.get(80), NOW).frequency(), "two: top fifth");
  }

  @Test
  void customersTiedAtTheFewestDaysShareTheRankOfTheFirstOfThem() {
    // Half of ten ordered today: ranks 6 to 10 share rank 6, ceil(5 × 6 / 10) = 3.
    List<Orders> customers = new ArrayList<>();
    for (int i = 0; i < 5; i++) customers.add(customer(0, 1, 10));
    for (int i = 0; i < 5; i++) customers.add(customer(10 + i, 1, 10));
    RfmScale scale = RfmScale.ofQuantiles(customers, NOW);
    assertEquals(3, scale.score(customers.getFirst(), NOW).recency(), scale.toString());
    assertEquals(RfmGroup.ABOUT_TO_SLEEP, scale.score(customers.getFirst(), NOW).group());
    assertEquals(Double.NEGATIVE_INFINITY, scale.recencyDays().getFirst(), "5: nobody reaches it");
  }

  @Test
  void aShopperWhoNeverOrderedHasNoScore() {
    assertNull(RfmScale.NONE.score(Orders.NONE, NOW));
    assertEquals(RfmGroup.NEW_CUSTOMERS, RfmScale.NONE.score(customer(3, 1, 5), NOW).group());
  }

  @Test
  void aStoreSetsItsOwnThresholds() {
    RfmScale scale =
        new RfmScale(
            List.of(7.0, 30.0, 90.0, 180.0),
            List.of(2.0, 3.0, 5.0, 8.0),
            List.of(50.0, 100.0, 500.0, 1000.0));
    assertEquals("435", scale.score(customer(20, 4, 1200), NOW).code());
    assertEquals("111", scale.score(customer(400, 1, 10), NOW).code());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RfmScale(
                List.of(1.0, 2.0, 3.0), List.of(1.0, 2.0, 3.0, 4.0), List.of(1.0, 2.0, 3.0, 4.0)));
    assertEquals("must be in ascending order", RfmScale.problem(List.of(3.0, 2.0, 5.0, 6.0)));
  }

  @Test
  void everyRecencyAndFrequencyPairHasOneGroup() {
    Map<String, RfmGroup> grid = new HashMap<>();
    for (int r = 1; r <= 5; r++)
      for (int f = 1; f <= 5; f++) grid.put("" + r + f, RfmGroup.of(r, f));
    assertEquals(RfmGroup.CHAMPIONS, grid.get("55"));
    assertEquals(RfmGroup.CHAMPIONS, grid.get("54"));
    assertEquals(RfmGroup.LOYAL, grid.get("35"));
    assertEquals(RfmGroup.LOYAL, grid.get("44"));
    assertEquals(RfmGroup.POTENTIAL_LOYALISTS, grid.get("52"));
    assertEquals(RfmGroup.NEW_CUSTOMERS, grid.get("51"));
    assertEquals(RfmGroup.PROMISING, grid.get("41"));
    assertEquals(RfmGroup.NEED_ATTENTION, grid.get("33"));
    assertEquals(RfmGroup.ABOUT_TO_SLEEP, grid.get("32"));
    assertEquals(RfmGroup.CANT_LOSE, grid.get("15"));
    assertEquals(RfmGroup.AT_RISK, grid.get("23"));
    assertEquals(RfmGroup.HIBERNATING, grid.get("11"));
    assertEquals(10, new java.util.HashSet<>(grid.values()).size(), "each group is used");
  }
}
