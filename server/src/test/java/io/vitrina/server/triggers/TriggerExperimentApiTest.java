package io.vitrina.server.triggers;

import static io.vitrina.server.triggers.TriggersApiTest.eventAt;
import static io.vitrina.server.triggers.TriggersApiTest.firedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.experiment.Arm;
import io.vitrina.engine.experiment.Assignment;
import io.vitrina.engine.experiment.Experiment;
import io.vitrina.engine.experiment.Metric;
import io.vitrina.engine.experiment.Placement;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trigger kind measured like a block: an experiment placed on the kind holds out its holdout's
 * messages (recorded, never listed or sent) and counts the shoppers of both arms in its report.
 */
class TriggerExperimentApiTest {
  @Test
  void anExperimentOnAKindHoldsOutItsHoldoutsMessagesAndCountsBothArms() throws Exception {
    try (TestServer server = TestServer.start("--triggers-scan-interval", "PT0.5S")) {
      JsonObject experiment =
          new JsonObject()
              .put("id", "welcome-messages")
              .put("placement", new JsonObject().put("trigger", "welcome"))
              .put(
                  "arms",
                  new JsonArray()
                      .add(new JsonObject().put("key", "holdout").put("holdout", true))
                      .add(new JsonObject().put("key", "sent")));
      Response created =
          server.admin("POST", "/v1/admin/experiments", "application/json", experiment.encode());
      assertEquals(201, created.status(), created.body());
      Response started =
          server.admin("POST", "/v1/admin/experiments/welcome-messages/start", null, null);
      assertEquals(200, started.status(), started.body());

      Instant ago = Instant.now().minus(Duration.ofHours(1));
      JsonArray events = new JsonArray();
      for (int i = 0; i < 20; i++) events.add(eventAt("sign_up", "new-" + i, ago));
      assertEquals(202, server.postEvents(events.encode()).status());
      for (int attempt = 0;
          attempt < 100
              && server.sqlLong(
                      "SELECT count(*) FROM trigger_messages WHERE shopper LIKE 'v:new-%'")
                  < 20;
          attempt++) Thread.sleep(100);

      // The same experiment as saved: its arms, weights and salt decide each shopper's arm.
      Experiment running =
          Experiment.draft(
                  "welcome-messages",
                  Placement.trigger("welcome"),
                  List.of(
                      new Arm("holdout", 1, new Arm.Holdout()),
                      new Arm("sent", 1, new Arm.AsSaved())),
                  new Experiment.Traffic(1, "welcome-messages"),
                  new Experiment.Goals(Metric.REVENUE_PER_SHOPPER, List.of()))
              .started(Instant.now());
      int held = 0;
      for (int i = 0; i < 20; i++) {
        Arm arm = Assignment.arm(running, Assignment.shopperId("new-" + i, null)).orElseThrow();
        if (arm.holdout()) held++;
        assertEquals(arm.holdout() ? 0 : 1, firedFor(server, "new-" + i).size(), "new-" + i);
      }
      assertTrue(held > 0 && held < 20, held + " held out");
      assertEquals(
          held,
          server.sqlLong(
              "SELECT count(*) FROM trigger_messages WHERE shopper LIKE 'v:new-%' AND status = 'holdout'"));

      JsonObject report = null;
      for (int attempt = 0; attempt < 200; attempt++) {
        report =
            server.admin("GET", "/v1/admin/experiments/welcome-messages/report", null, null).json();
        if (shoppers(report, "holdout") + shoppers(report, "sent") >= 20) break;
        Thread.sleep(50);
      }
      assertEquals(held, shoppers(report, "holdout"), report.encode());
      assertEquals(20 - held, shoppers(report, "sent"), report.encode());
    }
  }

  private static long shoppers(JsonObject report, String arm) {
    for (Object o : report.getJsonArray("arms"))
      if (((JsonObject) o).getString("key").equals(arm))
        return ((JsonObject) o).getLong("shoppers");
    return 0;
  }
}
