package io.vitrina.server.experiments;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.experiment.ArmTotals;
import io.vitrina.engine.experiment.Experiment;
import io.vitrina.engine.experiment.ExperimentReport;
import io.vitrina.engine.experiment.Phase;
import io.vitrina.engine.stats.Cap;
import io.vitrina.engine.stats.Effect;
import io.vitrina.engine.stats.TwoSidedTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * An experiment's report as the admin API answers it: the phase's report from its arms' totals now,
 * and the primary metric's lift at each snapshot before, each computed from totals alone. With
 * revenue capping, the arms' totals are summed again from the phase's shoppers' outcomes, their
 * revenue capped (one row a shopper: slower than totals, never the events); the lift over time
 * stays uncapped, as its snapshots hold totals only.
 */
final class ExperimentReports {
  private final ExperimentCounts counts;

  ExperimentReports(ExperimentCounts counts) {
    this.counts = counts;
  }

  /**
   * @param capPercentile revenue capped at this percentile of the shoppers' non-zero revenues, or
   *     null for none
   */
  Future<JsonObject> report(
      Experiment experiment, Phase phase, TwoSidedTest test, Instant now, Double capPercentile) {
    return counts
        .totals(experiment.id())
        .compose(
            all -> {
              Map<String, ArmTotals> byArm = new HashMap<>();
              all.forEach(
                  (key, totals) -> {
                    if (key.phase() == phase.number()) byArm.put(key.arm(), totals);
                  });
              if (capPercentile == null) return Future.succeededFuture(new Figures(byArm, null));
              return counts
                  .shoppers(experiment.id(), phase.number())
                  .map(shoppers -> ArmTotals.capped(shoppers, capPercentile))
                  .map(capped -> new Figures(capped.byArm(), capped.cap()));
            })
        .compose(
            figures -> {
              ExperimentReport report =
                  ExperimentReport.of(experiment, phase, figures.byArm(), test);
              return counts
                  .snapshots(experiment.id(), phase.number())
                  .map(
                      snapshots -> {
                        JsonArray history = new JsonArray();
                        for (ExperimentCounts.Snapshot s : snapshots)
                          addLift(
                              history,
                              s.at(),
                              ExperimentReport.of(experiment, phase, s.byArm(), test));
                        addLift(history, now, report);
                        JsonObject json = ReportJson.toJson(report).put("history", history);
                        if (figures.cap() != null) json.put("revenue_cap", capJson(figures.cap()));
                        return json;
                      });
            });
  }

  /** The arms' totals a report is computed from, and the revenue cap they were summed under. */
  private record Figures(Map<String, ArmTotals> byArm, Cap cap) {}

  private static JsonObject capJson(Cap cap) {
    return new JsonObject()
        .put("percentile", cap.percentile())
        // No shopper bought anything: nothing to cap.
        .put("value", Double.isFinite(cap.value()) ? cap.value() : null);
  }

  /** A point of each treatment arm's primary lift at {@code at}, when it can be computed. */
  private static void addLift(JsonArray history, Instant at, ExperimentReport report) {
    for (ExperimentReport.Comparison c : report.primaryComparisons())
      if (c.relative() instanceof Effect e)
        history.add(
            new JsonObject()
                .put("at", at.toString())
                .put("arm", c.arm())
                .put("estimate", e.estimate().value())
                .put("low", e.interval().low())
                .put("high", e.interval().high()));
  }
}
