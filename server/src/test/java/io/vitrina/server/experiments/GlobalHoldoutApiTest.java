package io.vitrina.server.experiments;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.ServerConfig;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The global holdout through the real API and PostgreSQL: made by the service's setting, it holds
 * its share of shoppers out of every personalization (blocks, algorithms, search) and out of the
 * block experiments, counts them like any experiment, and follows the setting across restarts.
 */
class GlobalHoldoutApiTest {
  private static TestServer server;
  private static final List<String> heldOut = new ArrayList<>();
  private static final List<String> personalized = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = TestServer.start("--experiments-global-holdout", "0.5");
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 6; i++) items.add(item("phone-" + i, "Phones", 300 + i, 5));
    server.upsertItems(items);
    JsonArray history = new JsonArray();
    for (int i = 1; i <= 6; i++)
      for (int v = 0; v < i; v++)
        history.add(event("purchase", "buyer-" + i + "-" + v, "phone-" + i));
    assertEquals(202, server.postEvents(history.encode()).status());
    server.rebuildModel();
    assertEquals(
        201,
        server
            .admin(
                "PUT",
                "/v1/admin/blocks/home",
                "application/json",
                new JsonObject().put("algorithm", "recently_viewed").put("limit", 4).encode())
            .status());
    for (int v = 0; heldOut.size() < 5 || personalized.size() < 5; v++) {
      String visitor = "shopper-" + v;
      String arm =
          server
              .get("/v1/blocks/home?visitor=" + visitor)
              .json()
              .getJsonObject("experiment")
              .getString("arm");
      (arm.equals("holdout") ? heldOut : personalized).add(visitor);
    }
    JsonArray views = new JsonArray();
    for (String visitor : concat(heldOut, personalized)) {
      views.add(event("view_item", visitor, "phone-1"));
      views.add(event("add_to_cart", visitor, "phone-1"));
    }
    assertEquals(202, server.postEvents(views.encode()).status());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @Test
  void itIsFivePercentUnlessTheStoreSaysOtherwise() {
    assertEquals(
        0.05, ServerConfig.parse(new String[0], Map.of()).experiments().globalHoldout(), 1e-12);
    assertEquals(
        0.1,
        ServerConfig.parse(new String[0], Map.of("VITRINA_EXPERIMENTS_GLOBAL_HOLDOUT", "0.1"))
            .experiments()
            .globalHoldout(),
        1e-12);
  }

  @Test
  void theSettingMakesARunningExperimentEverywhere() {
    Response r = server.admin("GET", "/v1/admin/experiments/global-holdout", null, null);
    assertEquals(200, r.status(), r.body());
    JsonObject experiment = r.json();
    assertEquals(new JsonObject().put("everywhere", true), experiment.getJsonObject("placement"));
    assertEquals("running", experiment.getString("status"));
    assertEquals(
        new JsonArray().add(0.5).add(0.5),
        experiment.getJsonArray("phases").getJsonObject(0).getJsonArray("weights"));
  }

  @Test
  void aHeldOutShopperGetsWhatAnAnonymousOneGetsEverywhere() throws InterruptedException {
    awaitCart(personalized.get(0));
    for (String visitor : personalized) {
      Response block = server.get("/v1/blocks/home?visitor=" + visitor);
      assertEquals(List.of("phone-1"), block.itemIds(), block.body());
      assertEquals("personalized", block.json().getJsonObject("experiment").getString("arm"));
      assertEquals(
          List.of("phone-1"),
          server.get("/v1/recommendations/recently_viewed?visitor=" + visitor).itemIds());
      assertTrue(
          !server
              .get("/v1/recommendations/cart_cross_sell?visitor=" + visitor)
              .itemIds()
              .isEmpty());
    }
    for (String visitor : heldOut) {
      Response block = server.get("/v1/blocks/home?visitor=" + visitor);
      assertEquals(200, block.status(), block.body());
      assertEquals(List.of(), block.itemIds(), "nothing they viewed: " + block.body());
      assertEquals("holdout", block.json().getJsonObject("experiment").getString("arm"));
      assertEquals(
          List.of(),
          server.get("/v1/recommendations/recently_viewed?visitor=" + visitor).itemIds());
      Response cart = server.get("/v1/recommendations/cart_cross_sell?visitor=" + visitor);
      assertEquals(200, cart.status(), "their own cart is personal: nothing, not an error");
      assertEquals(List.of(), cart.itemIds(), cart.body());
      Response ranked =
          server.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/v1/rank"))
                  .header("X-Site-Key", TestServer.SITE_KEY)
                  .header("Content-Type", "application/json")
                  .POST(
                      java.net.http.HttpRequest.BodyPublishers.ofString(
                          new JsonObject()
                              .put("visitor", visitor)
                              .put("items", new JsonArray().add("phone-2").add("phone-1"))
                              .encode())));
      assertEquals(200, ranked.status(), ranked.body());
      for (Object o : ranked.json().getJsonArray("items"))
        assertEquals(false, ((JsonObject) o).getBoolean("personal"), ranked.body());
    }
  }

  @Test
  void aHeldOutShopperIsInNoBlockExperiment() {
    assertEquals(
        201,
        server
            .admin(
                "PUT",
                "/v1/admin/blocks/side",
                "application/json",
                new JsonObject().put("algorithm", "popular").put("limit", 2).encode())
            .status());
    JsonObject experiment =
        new JsonObject()
            .put("id", "side-test")
            .put("placement", new JsonObject().put("block", "side"))
            .put(
                "arms",
                new JsonArray()
                    .add(new JsonObject().put("key", "control").put("holdout", true))
                    .add(new JsonObject().put("key", "shown")));
    assertEquals(201, post("/v1/admin/experiments", experiment).status());
    assertEquals(200, post("/v1/admin/experiments/side-test/start", null).status());
    for (String visitor : heldOut)
      assertEquals(
          "global-holdout",
          server
              .get("/v1/blocks/side?visitor=" + visitor)
              .json()
              .getJsonObject("experiment")
              .getString("id"));
    for (String visitor : personalized)
      assertEquals(
          "side-test",
          server
              .get("/v1/blocks/side?visitor=" + visitor)
              .json()
              .getJsonObject("experiment")
              .getString("id"));
    assertEquals(200, post("/v1/admin/experiments/side-test/stop", null).status());
  }

  @Test
  void itsReportCountsItsShoppersLikeAnyExperiment() throws InterruptedException {
    JsonObject report = null;
    for (int attempt = 0; attempt < 200; attempt++) {
      report =
          server.admin("GET", "/v1/admin/experiments/global-holdout/report", null, null).json();
      if (shoppers(report, "holdout") >= heldOut.size()
          && shoppers(report, "personalized") >= personalized.size()) break;
      Thread.sleep(50);
    }
    assertEquals(heldOut.size(), shoppers(report, "holdout"), report.encode());
    assertEquals(personalized.size(), shoppers(report, "personalized"), report.encode());
    assertEquals("holdout", report.getString("control"));
  }

  @Test
  void theAdminApiLeavesItToTheSetting() {
    for (String step : List.of("start", "pause", "stop")) {
      Response r = post("/v1/admin/experiments/global-holdout/" + step, null);
      assertEquals(409, r.status(), r.body());
      assertEquals("global_holdout_configured", r.json().getString("error"));
    }
    Response edit =
        server.admin(
            "PUT",
            "/v1/admin/experiments/global-holdout",
            "application/json",
            server.admin("GET", "/v1/admin/experiments/global-holdout", null, null).body());
    assertEquals(409, edit.status(), edit.body());
    JsonObject another =
        new JsonObject()
            .put("id", "everything")
            .put("placement", new JsonObject().put("everywhere", true))
            .put(
                "arms",
                new JsonArray()
                    .add(new JsonObject().put("key", "a").put("holdout", true))
                    .add(new JsonObject().put("key", "b")));
    Response refused = post("/v1/admin/experiments", another);
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.problem("placement.everywhere") != null, refused.body());
    Response taken =
        post(
            "/v1/admin/experiments",
            another
                .copy()
                .put("id", "global-holdout")
                .put("placement", new JsonObject().put("block", "home")));
    assertEquals(400, taken.status(), taken.body());
    assertTrue(taken.problem("id") != null, taken.body());
  }

  @Test
  void aRestartWithAnotherShareStartsANewPhaseAndZeroPausesIt() {
    // A store of its own: the other tests' server keeps its setting.
    String pgUrl = io.vitrina.server.TestPostgres.newDatabase();
    TestServer.startOn(pgUrl, "--experiments-global-holdout", "0.5").close();
    TestServer other = TestServer.startOn(pgUrl, "--experiments-global-holdout", "0.2");
    try {
      JsonObject experiment =
          other.admin("GET", "/v1/admin/experiments/global-holdout", null, null).json();
      JsonArray phases = experiment.getJsonArray("phases");
      assertEquals(2, phases.size(), experiment.encode());
      assertEquals(
          new JsonArray().add(0.2).add(0.8), phases.getJsonObject(1).getJsonArray("weights"));
    } finally {
      other.close();
    }
    TestServer off = TestServer.startOn(pgUrl, "--experiments-global-holdout", "0");
    try {
      assertEquals(
          "paused",
          off.admin("GET", "/v1/admin/experiments/global-holdout", null, null)
              .json()
              .getString("status"));
    } finally {
      off.close();
    }
  }

  private static void awaitCart(String visitor) throws InterruptedException {
    for (int attempt = 0; attempt < 200; attempt++) {
      if (!server.get("/v1/recommendations/recently_viewed?visitor=" + visitor).itemIds().isEmpty())
        return;
      Thread.sleep(25);
    }
  }

  private static long shoppers(JsonObject report, String arm) {
    for (Object o : report.getJsonArray("arms"))
      if (((JsonObject) o).getString("key").equals(arm))
        return ((JsonObject) o).getLong("shoppers");
    return 0;
  }

  private static Response post(String path, JsonObject body) {
    return server.admin("POST", path, "application/json", body == null ? null : body.encode());
  }
}
