package io.vitrina.server.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.attribution.AttributionToken;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import org.junit.jupiter.api.Test;

/**
 * A campaign and a slot measured like blocks: an experiment on either gives each shopper an arm, a
 * holdout's answer has no content, and the views reported with the decision's tokens expose both
 * arms in the report.
 */
class CampaignExperimentApiTest {
  private static final int SHOPPERS = 30;

  @Test
  void aCampaignExperimentHoldsOutItsHoldoutAndExposesBothArmsOnTheirViews() throws Exception {
    try (TestServer server = TestServer.start()) {
      JsonObject popup =
          new JsonObject()
              .put("content", new JsonObject().put("title", "Ten percent off"))
              .put("triggers", new JsonArray().add(new JsonObject().put("type", "exit_intent")));
      assertEquals(201, put(server, "/v1/admin/campaigns/offer", popup).status());
      Response refused =
          experiment(server, "no-campaign", new JsonObject().put("campaign", "ghost"));
      assertEquals(400, refused.status(), refused.body());
      assertNotNull(refused.problem("placement.campaign"), refused.body());
      Response configured =
          server.admin(
              "POST",
              "/v1/admin/experiments",
              "application/json",
              definition("configured", new JsonObject().put("campaign", "offer"))
                  .put(
                      "arms",
                      new JsonArray()
                          .add(new JsonObject().put("key", "holdout").put("holdout", true))
                          .add(
                              new JsonObject()
                                  .put("key", "other")
                                  .put("block", new JsonObject().put("algorithm", "popular"))))
                  .encode());
      assertEquals(400, configured.status(), configured.body());
      assertNotNull(configured.problem("arms[1].block"), configured.body());

      Response created =
          experiment(server, "popup-test", new JsonObject().put("campaign", "offer"));
      assertEquals(201, created.status(), created.body());
      assertEquals("offer", created.json().getJsonObject("placement").getString("campaign"));
      assertEquals(
          200, server.admin("POST", "/v1/admin/experiments/popup-test/start", null, null).status());

      int held = 0;
      JsonArray views = new JsonArray();
      for (int i = 0; i < SHOPPERS; i++) {
        JsonObject entry =
            server
                .get("/v1/decide?visitor=x" + i)
                .json()
                .getJsonArray("campaigns")
                .getJsonObject(0);
        assertEquals("popup-test", entry.getJsonObject("experiment").getString("id"));
        AttributionToken token = TestServer.verifyToken(entry.getString("token")).orElseThrow();
        assertEquals("campaign:offer", token.block());
        assertEquals(entry.getJsonObject("experiment").getString("arm"), token.arm());
        if (entry.getBoolean("holdout")) {
          held++;
          assertNull(entry.getJsonObject("content"), entry.encode());
        } else {
          assertEquals("Ten percent off", entry.getJsonObject("content").getString("title"));
        }
        views.add(
            new JsonObject()
                .put("name", "view_promotion")
                .put("visitor_id", "x" + i)
                .put("item_list_id", "offer")
                .put("attribution_token", entry.getString("token")));
      }
      assertTrue(held > 0 && held < SHOPPERS, held + " held out");
      assertEquals(202, server.postEvents(views.encode()).status());

      JsonObject report = null;
      for (int attempt = 0; attempt < 200; attempt++) {
        report = server.admin("GET", "/v1/admin/experiments/popup-test/report", null, null).json();
        if (shoppers(report, "holdout") + shoppers(report, "shown") >= SHOPPERS) break;
        Thread.sleep(50);
      }
      assertEquals(held, shoppers(report, "holdout"), report.encode());
      assertEquals(SHOPPERS - held, shoppers(report, "shown"), report.encode());
    }
  }

  @Test
  void aSlotExperimentsHoldoutKeepsThePagesOwnMarkup() {
    try (TestServer server = TestServer.start()) {
      JsonObject slot =
          new JsonObject().put("default", new JsonObject().put("type", "text").put("text", "Hi"));
      assertEquals(201, put(server, "/v1/admin/slots/hero", slot).status());
      Response created = experiment(server, "hero-test", new JsonObject().put("slot", "hero"));
      assertEquals(201, created.status(), created.body());
      server.admin("POST", "/v1/admin/experiments/hero-test/start", null, null);
      boolean sawHoldout = false;
      boolean sawShown = false;
      for (int i = 0; i < SHOPPERS; i++) {
        JsonObject entry =
            server
                .get("/v1/decide?slots=hero&visitor=s" + i)
                .json()
                .getJsonObject("slots")
                .getJsonObject("hero");
        assertEquals("hero-test", entry.getJsonObject("experiment").getString("id"));
        assertNotNull(entry.getString("token"));
        if (entry.getBoolean("holdout")) {
          sawHoldout = true;
          assertFalse(entry.containsKey("content"), entry.encode());
        } else {
          sawShown = true;
          assertEquals("Hi", entry.getJsonObject("content").getString("text"));
        }
      }
      assertTrue(sawHoldout && sawShown);
    }
  }

  private static Response put(TestServer server, String path, JsonObject body) {
    return server.admin("PUT", path, "application/json", body.encode());
  }

  private static JsonObject definition(String id, JsonObject placement) {
    return new JsonObject()
        .put("id", id)
        .put("placement", placement)
        .put(
            "arms",
            new JsonArray()
                .add(new JsonObject().put("key", "holdout").put("holdout", true))
                .add(new JsonObject().put("key", "shown")));
  }

  private static Response experiment(TestServer server, String id, JsonObject placement) {
    return server.admin(
        "POST", "/v1/admin/experiments", "application/json", definition(id, placement).encode());
  }

  private static long shoppers(JsonObject report, String arm) {
    for (Object o : report.getJsonArray("arms"))
      if (((JsonObject) o).getString("key").equals(arm))
        return ((JsonObject) o).getLong("shoppers");
    return 0;
  }
}
