package io.vitrina.server.experiments;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Experiments through the real API and PostgreSQL: validated when saved, started, paused and
 * stopped, and served by the block they run on, each shopper in their arm.
 */
class ExperimentsApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 6; i++) items.add(item("phone-" + i, "Phones", 300 + i, 5));
    server.upsertItems(items);
    JsonArray events = new JsonArray();
    for (int i = 1; i <= 6; i++)
      for (int v = 0; v < i; v++)
        events.add(event("purchase", "buyer-" + i + "-" + v, "phone-" + i));
    assertEquals(202, server.postEvents(events.encode()).status());
    server.rebuildModel();
    for (String block : List.of("home", "cart", "other"))
      assertEquals(
          201,
          server
              .admin(
                  "PUT",
                  "/v1/admin/blocks/" + block,
                  "application/json",
                  new JsonObject().put("algorithm", "popular").put("limit", 4).encode())
              .status());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonObject twoArms(String id, String block) {
    return new JsonObject()
        .put("id", id)
        .put("placement", new JsonObject().put("block", block))
        .put(
            "arms",
            new JsonArray()
                .add(new JsonObject().put("key", "control").put("weight", 1).put("holdout", true))
                .add(new JsonObject().put("key", "popular").put("weight", 1)))
        .put("primary_metric", "revenue_per_shopper")
        .put("guardrails", new JsonArray().add("ctr"));
  }

  private static Response post(String path, JsonObject body) {
    return server.admin("POST", path, "application/json", body == null ? null : body.encode());
  }

  private static List<String> fields(Response r) {
    return r.json().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field"))
        .toList();
  }

  @Test
  void aDraftWithProblemsIsRefusedWithEveryProblemAtOnce() {
    JsonObject bad =
        new JsonObject()
            .put("id", "bad")
            .put("placement", new JsonObject().put("block", "no-such-block"))
            .put(
                "arms",
                new JsonArray()
                    .add(new JsonObject().put("key", "a").put("weight", -1))
                    .add(
                        new JsonObject()
                            .put("key", "a")
                            .put(
                                "block",
                                new JsonObject().put("algorithm", "nope").put("limit", 0))))
            .put("traffic", 2)
            .put("primary_metric", "happiness")
            .put("colour", "red");
    Response r = post("/v1/admin/experiments", bad);
    assertEquals(400, r.status(), r.body());
    assertEquals(
        List.of(
            "placement.block",
            "arms[0].weight",
            "arms[1].block.limit",
            "arms[1].block.algorithm",
            "primary_metric",
            "colour",
            "arms[1].key",
            "traffic"),
        fields(r),
        r.body());
  }

  @Test
  void aPlacementNamesOneBlockOrOneTriggerKindThatExists() {
    JsonArray arms =
        new JsonArray()
            .add(new JsonObject().put("key", "holdout").put("holdout", true))
            .add(
                new JsonObject()
                    .put("key", "sent")
                    .put("block", new JsonObject().put("algorithm", "popular")));
    Response both =
        post(
            "/v1/admin/experiments",
            new JsonObject()
                .put("id", "both")
                .put("placement", new JsonObject().put("block", "home").put("trigger", "x"))
                .put("arms", arms));
    assertEquals(400, both.status(), both.body());
    assertEquals(List.of("placement"), fields(both), both.body());
    Response trigger =
        post(
            "/v1/admin/experiments",
            new JsonObject()
                .put("id", "cart-messages")
                .put("placement", new JsonObject().put("trigger", "no_such_kind"))
                .put("arms", arms));
    assertEquals(400, trigger.status(), trigger.body());
    assertEquals(List.of("placement.trigger", "arms[1].block"), fields(trigger), trigger.body());
  }

  @Test
  void aRunningExperimentServesEachShopperTheirArm() {
    assertEquals(201, post("/v1/admin/experiments", twoArms("home-holdout", "home")).status());
    Response started = post("/v1/admin/experiments/home-holdout/start", null);
    assertEquals(200, started.status(), started.body());
    assertEquals(
        List.of("no-store"),
        started.headers().get("cache-control"),
        "an admin answer is kept by no cache");
    assertEquals("running", started.json().getString("status"));
    assertEquals(1, started.json().getJsonArray("phases").size());

    Map<String, Integer> arms = new HashMap<>();
    for (int v = 0; v < 200; v++) {
      Response r = server.get("/v1/blocks/home?visitor=shopper-" + v);
      assertEquals(200, r.status(), r.body());
      JsonObject experiment = r.json().getJsonObject("experiment");
      assertEquals("home-holdout", experiment.getString("id"), r.body());
      String arm = experiment.getString("arm");
      arms.merge(arm, 1, Integer::sum);
      assertFalse(r.json().getString("token").isEmpty(), "a token, holdout or not");
      if (arm.equals("control")) assertTrue(r.items().isEmpty(), "a holdout shows nothing");
      else assertEquals(4, r.items().size(), r.body());
      assertEquals(
          arm,
          server
              .get("/v1/blocks/home?visitor=shopper-" + v + "&customer=c" + v)
              .json()
              .getJsonObject("experiment")
              .getString("arm"),
          "the same arm again, after login too");
    }
    assertEquals(100, arms.get("control"), 30, arms.toString());

    Response paused = post("/v1/admin/experiments/home-holdout/pause", null);
    assertEquals(200, paused.status(), paused.body());
    Response asSaved = server.get("/v1/blocks/home?visitor=shopper-1");
    assertNull(asSaved.json().getJsonObject("experiment"), "paused: the block as saved");
    assertEquals(4, asSaved.items().size());
    assertEquals(200, post("/v1/admin/experiments/home-holdout/stop", null).status());
    Response again = post("/v1/admin/experiments/home-holdout/start", null);
    assertEquals(409, again.status(), "a stopped experiment is over");
  }

  @Test
  void oneExperimentRunsOnAPlacementAtATime() {
    assertEquals(201, post("/v1/admin/experiments", twoArms("cart-1", "cart")).status());
    assertEquals(201, post("/v1/admin/experiments", twoArms("cart-2", "cart")).status());
    assertEquals(409, post("/v1/admin/experiments", twoArms("cart-2", "cart")).status());
    assertEquals(200, post("/v1/admin/experiments/cart-1/start", null).status());
    Response second = post("/v1/admin/experiments/cart-2/start", null);
    assertEquals(409, second.status(), second.body());
    assertEquals("placement_taken", second.json().getString("error"), second.body());
  }

  @Test
  void newWeightsStartANewPhaseAndWhatArmsShowStaysFixed() {
    assertEquals(201, post("/v1/admin/experiments", twoArms("other-1", "other")).status());
    assertEquals(200, post("/v1/admin/experiments/other-1/start", null).status());
    JsonObject reweighted = twoArms("other-1", "other");
    reweighted.getJsonArray("arms").getJsonObject(0).put("weight", 3);
    Response edited =
        server.admin(
            "PUT", "/v1/admin/experiments/other-1", "application/json", reweighted.encode());
    assertEquals(200, edited.status(), edited.body());
    JsonArray phases = edited.json().getJsonArray("phases");
    assertEquals(2, phases.size(), edited.body());
    assertEquals(
        new JsonArray().add(3.0).add(1.0), phases.getJsonObject(1).getJsonArray("weights"));

    JsonObject changed = twoArms("other-1", "other");
    changed.getJsonArray("arms").getJsonObject(0).remove("holdout");
    Response refused =
        server.admin("PUT", "/v1/admin/experiments/other-1", "application/json", changed.encode());
    assertEquals(400, refused.status(), refused.body());
    assertEquals(List.of("arms[0]"), fields(refused));
  }

  @Test
  void anExperimentStartedOnOneNodeIsServedByAnother() throws Exception {
    String pgUrl = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pgUrl);
        TestServer b = TestServer.startOn(pgUrl)) {
      a.upsertItems(new JsonArray().add(item("i1", "Phones", 10, 5)));
      assertEquals(
          201,
          a.admin(
                  "PUT",
                  "/v1/admin/blocks/home",
                  "application/json",
                  new JsonObject().put("algorithm", "popular").encode())
              .status());
      JsonObject all = twoArms("everyone", "home");
      all.getJsonArray("arms").getJsonObject(1).put("weight", 0.0001);
      assertEquals(
          201, a.admin("POST", "/v1/admin/experiments", "application/json", all.encode()).status());
      assertEquals(
          200, a.admin("POST", "/v1/admin/experiments/everyone/start", null, null).status());
      String arm = null;
      for (int attempt = 0; attempt < 100 && arm == null; attempt++) {
        JsonObject experiment =
            b.get("/v1/blocks/home?visitor=v1").json().getJsonObject("experiment");
        if (experiment != null) arm = experiment.getString("arm");
        else Thread.sleep(20);
      }
      assertEquals("control", arm, "node B serves the experiment node A started");
    }
  }
}
