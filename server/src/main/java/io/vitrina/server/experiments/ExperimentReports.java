package io.vitrina.server.experiments;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.experiment.ArmTotals;
import io.vitrina.engine.experiment.Experiment;
import io.vitrina.engine.experiment.ExperimentReport;
import io.vitrina.engine.experiment.Phase;
import io.vitrina.engine.stats.Effect;
import io.vitrina.engine.stats.TwoSidedTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * An experiment's report as the admin API answers it: the phase's report from its arms' totals now,
 * and the primary metric's lift at each snapshot before, each computed from totals alone.
 */
final class ExperimentReports {
  private final ExperimentCounts counts;

  ExperimentReports(ExperimentCounts counts) {
    this.counts = counts;
  }

  Future<JsonObject> report(Experiment experiment, Phase phase, TwoSidedTest test, Instant now) {
    return counts
        .totals(experiment.id())
        .compose(
            all -> {
              Map<String, ArmTotals> byArm = new HashMap<>();
              all.forEach(
                  (key, totals) -> {
                    if (key.phase() == phase.number()) byArm.put(key.arm(), totals);
                  });
              ExperimentReport report = ExperimentReport.of(experiment, phase, byArm, test);
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
                        return ReportJson.toJson(report).put("history", history);
                      });
            });
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
