package io.vitrina.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.stats.Effect;
import io.vitrina.engine.stats.TwoSidedTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExperimentReportTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private static Experiment experiment(double holdoutWeight) {
    return Experiment.draft(
            "home",
            Placement.block("home"),
            List.of(
                new Arm("holdout", holdoutWeight, new Arm.Holdout()),
                new Arm("personal", 1, new Arm.AsSaved())),
            new Experiment.Traffic(1, "home"),
            new Experiment.Goals(Metric.REVENUE_PER_SHOPPER, List.of(Metric.CTR)))
        .started(T0);
  }

  /** Shoppers of each arm buy with the arm's probability, orders of 20-80. */
  private static Map<String, ArmTotals> simulate(
      int holdout, int personal, double pHoldout, double pPersonal, long seed) {
    Random random = new Random(seed);
    Map<String, ArmTotals> totals = new HashMap<>();
    for (int s = 0; s < holdout + personal; s++) {
      String arm = s < holdout ? "holdout" : "personal";
      double p = s < holdout ? pHoldout : pPersonal;
      ShopperOutcome o = ShopperOutcome.exposed(arm, 1, T0, random.nextDouble() < 0.3 ? 40 : 0);
      if (random.nextDouble() < p) {
        Event purchase =
            new Event(
                EventType.PURCHASE,
                "v" + s,
                null,
                List.of(new EventItem("i", 1, 20 + random.nextInt(60))),
                null,
                null,
                null,
                T0.plusSeconds(60));
        o = o.after(purchase, false, ShopperOutcome.Rules.DEFAULT);
      }
      totals.merge(arm, ArmTotals.of(o), ArmTotals::plus);
    }
    return totals;
  }

  @Test
  void aBlockThatSellsMoreShowsAPositiveIncrementalLiftWhoseIntervalExcludesZero() {
    Experiment e = experiment(1);
    ExperimentReport report =
        ExperimentReport.of(
            e,
            e.currentPhase().orElseThrow(),
            simulate(3000, 3000, 0.10, 0.15, 1),
            TwoSidedTest.sequential());
    assertEquals("holdout", report.control());
    assertEquals(Effect.Method.SEQUENTIAL, report.method());
    ExperimentReport.MetricReport revenue =
        report.metrics().stream()
            .filter(m -> m.metric() == Metric.REVENUE_PER_SHOPPER)
            .findFirst()
            .orElseThrow();
    assertTrue(revenue.primary());
    Effect lift = revenue.comparisons().get(0).relative().effect().orElseThrow();
    assertTrue(lift.interval().low() > 0, lift.toString());
    assertTrue(revenue.comparisons().get(0).varianceReduction() >= 0);
    assertTrue(report.arms().get(1).incrementalRevenue() > 0);
    assertFalse(report.ratioCheck().mismatched(), report.ratioCheck().toString());
  }

  @Test
  void armsFarFromTheirWeightsAreFlagged() {
    Experiment e = experiment(1);
    ExperimentReport report =
        ExperimentReport.of(
            e,
            e.currentPhase().orElseThrow(),
            simulate(2700, 3300, 0.1, 0.1, 2),
            TwoSidedTest.fixedHorizon());
    assertTrue(report.ratioCheck().mismatched(), report.ratioCheck().toString());
  }

  @Test
  void anArmWithoutShoppersReportsNothingToCompareYet() {
    Experiment e = experiment(1);
    ExperimentReport report =
        ExperimentReport.of(e, e.currentPhase().orElseThrow(), Map.of(), TwoSidedTest.sequential());
    assertEquals(null, report.ratioCheck());
    assertEquals(0, report.arms().get(0).totals().shoppers());
    assertTrue(report.metrics().get(0).comparisons().get(0).relative().effect().isEmpty());
  }
}
