package io.vitrina.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArmTotalsTest {
  private static ShopperOutcome shopper(String arm, double revenue, double preRevenue) {
    return new ShopperOutcome(
        arm,
        1,
        Instant.EPOCH,
        new ShopperOutcome.Counts(
            revenue > 0 ? 1 : 0, revenue, revenue > 0 ? 1 : 0, 2, 1, preRevenue),
        ShopperOutcome.Attributed.NONE,
        List.of(),
        Map.of(),
        false);
  }

  private static final List<ShopperOutcome> SHOPPERS =
      List.of(
          shopper("a", 0, 0),
          shopper("a", 10, 0),
          shopper("a", 20, 500),
          shopper("b", 30, 0),
          shopper("b", 1000, 40),
          shopper("b", 0, 0));

  @Test
  void capsRevenueAtThePercentileOfTheShoppersWhoBoughtIgnoringTheOthers() {
    ArmTotals.Capped capped = ArmTotals.capped(SHOPPERS, 0.5);
    // Non-zero revenues 10, 20, 30, 1000: the median between 20 and 30.
    assertEquals(25, capped.cap().value(), 1e-12);
    assertEquals(10 + 20, capped.byArm().get("a").revenue().sum(), 1e-12);
    assertEquals(25 + 25, capped.byArm().get("b").revenue().sum(), 1e-12);
    assertEquals(25 * 25 + 25 * 25, capped.byArm().get("b").revenue().sumSquares(), 1e-12);
    assertEquals(25, capped.byArm().get("a").preRevenue().sum(), 1e-12, "the covariate too");
    assertEquals(25 * 25, capped.byArm().get("b").products().revenuePre(), 1e-12);
    assertEquals(3, capped.byArm().get("b").shoppers());
  }

  @Test
  void aCapAtTheLargestRevenueChangesNothing() {
    ArmTotals.Capped capped = ArmTotals.capped(SHOPPERS, 1);
    assertEquals(1000, capped.cap().value(), 1e-12);
    ArmTotals b = ArmTotals.EMPTY;
    for (ShopperOutcome o : SHOPPERS) if (o.arm().equals("b")) b = b.plus(ArmTotals.of(o));
    assertEquals(b, capped.byArm().get("b"));
  }
}
