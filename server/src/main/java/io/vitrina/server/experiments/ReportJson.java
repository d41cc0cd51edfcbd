package io.vitrina.server.experiments;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.experiment.ArmTotals;
import io.vitrina.engine.experiment.ExperimentReport;
import io.vitrina.engine.experiment.Metric;
import io.vitrina.engine.stats.Effect;
import io.vitrina.engine.stats.Outcome;
import java.util.Locale;

/** An experiment's report as the JSON of {@code GET /v1/admin/experiments/{id}/report}. */
final class ReportJson {
  private ReportJson() {}

  static JsonObject toJson(ExperimentReport report) {
    JsonArray arms = new JsonArray();
    for (ExperimentReport.ArmReport arm : report.arms()) arms.add(arm(arm));
    JsonArray metrics = new JsonArray();
    for (ExperimentReport.MetricReport m : report.metrics()) {
      JsonArray comparisons = new JsonArray();
      for (ExperimentReport.Comparison c : m.comparisons())
        comparisons.add(
            new JsonObject()
                .put("arm", c.arm())
                .put("absolute", outcome(c.absolute()))
                .put("relative", outcome(c.relative()))
                .put("adjusted_p_value", finite(c.adjustedPValue()))
                .put("variance_reduction", c.varianceReduction()));
      metrics.add(
          new JsonObject()
              .put("metric", m.metric().wireName())
              .put("primary", m.primary())
              .put("comparisons", comparisons));
    }
    JsonObject json =
        new JsonObject()
            .put("experiment", report.experiment())
            .put("phase", report.phase().number())
            .put("phase_started", report.phase().started().toString())
            .put("control", report.control())
            .put("method", report.method() == Effect.Method.SEQUENTIAL ? "sequential" : "fixed")
            .put("arms", arms)
            .put("metrics", metrics);
    if (report.ratioCheck() != null)
      json.put(
          "sample_ratio",
          new JsonObject()
              .put("chi_square", report.ratioCheck().chiSquare())
              .put("p_value", report.ratioCheck().pValue())
              .put("mismatch", report.ratioCheck().mismatched()));
    return json;
  }

  private static JsonObject arm(ExperimentReport.ArmReport arm) {
    ArmTotals t = arm.totals();
    JsonObject values = new JsonObject();
    for (Metric m : Metric.values()) values.put(m.wireName(), arm.values().get(m));
    return new JsonObject()
        .put("key", arm.key())
        .put("holdout", arm.holdout())
        .put("shoppers", t.shoppers())
        .put("buyers", t.buyers())
        .put("crossed", t.crossed())
        .put("orders", t.orders().sum())
        .put("revenue", t.revenue().sum())
        .put("impressions", t.impressions().sum())
        .put("clicks", t.clicks().sum())
        .put("values", values)
        .put(
            "attribution",
            new JsonObject()
                .put("click_through", t.attributed().clickThrough())
                .put("click_through_orders", t.attributed().clickThroughOrders())
                .put("view_through", t.attributed().viewThrough())
                .put("incremental", arm.incrementalRevenue()));
  }

  private static JsonObject outcome(Outcome outcome) {
    if (!(outcome instanceof Effect e))
      return new JsonObject()
          .put(
              "not_computable",
              ((Outcome.NotComputable) outcome).reason().name().toLowerCase(Locale.ROOT));
    return new JsonObject()
        .put("estimate", e.estimate().value())
        .put("standard_error", e.estimate().standardError())
        .put("low", e.interval().low())
        .put("high", e.interval().high())
        .put("p_value", e.pValue())
        .put("significant", e.significant());
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
