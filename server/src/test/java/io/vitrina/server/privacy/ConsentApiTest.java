package io.vitrina.server.privacy;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Consent through the real API: a {@code consent} event or the admin endpoint records it, a refusal
 * of personalization makes every answer an anonymous shopper's, the export shows it, and stitching
 * keeps it.
 */
class ConsentApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 6; i++) items.add(item("phone-" + i, "Phones", 300 + i, 5));
    for (int i = 1; i <= 6; i++) items.add(item("case-" + i, "Cases", 10 + i, 5));
    server.upsertItems(items);
    JsonArray history = new JsonArray();
    for (int v = 0; v < 6; v++) {
      history.add(event("view_item", "buyer-" + v, "phone-1"));
      history.add(event("purchase", "buyer-" + v, "phone-" + (1 + v % 3), "case-" + (1 + v % 2)));
    }
    assertEquals(202, server.postEvents(history.encode()).status());
    server.rebuildModel();
    for (String name : List.of("mine", "recent"))
      assertEquals(
          201,
          server
              .admin(
                  "PUT",
                  "/v1/admin/blocks/" + name,
                  "application/json",
                  new JsonObject()
                      .put("algorithm", name.equals("mine") ? "personal" : "recently_viewed")
                      .put("limit", 4)
                      .encode())
              .status());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonObject consentEvent(
      String visitor, Boolean personalization, Boolean marketing) {
    JsonObject consent = new JsonObject();
    if (personalization != null) consent.put("personalization", personalization);
    if (marketing != null) consent.put("marketing", marketing);
    return new JsonObject()
        .put("name", "consent")
        .put("visitor_id", visitor)
        .put("consent", consent);
  }

  private static void post(JsonObject... events) {
    Response r = server.postEvents(new JsonArray(List.of((Object[]) events)).encode());
    assertEquals(202, r.status(), r.body());
  }

  private static JsonObject consentOf(String who) {
    Response r = server.admin("GET", "/v1/admin/profiles?" + who, null, null);
    assertEquals(200, r.status(), r.body());
    return r.json().getJsonObject("consent");
  }

  @Test
  void withoutPersonalizationConsentABlockIsWhatAnAnonymousShopperGets() {
    post(
        event("view_item", "cora", "phone-5"),
        event("view_item", "cora", "case-6"),
        event("add_to_cart", "cora", "phone-5"));
    assertEquals(
        List.of("case-6", "phone-5"), server.get("/v1/blocks/recent?visitor=cora").itemIds());
    List<String> personal = server.get("/v1/blocks/mine?visitor=cora").itemIds();

    post(consentEvent("cora", false, null));
    Response recent = server.get("/v1/blocks/recent?visitor=cora");
    assertEquals(200, recent.status(), recent.body());
    assertEquals(List.of(), recent.itemIds(), "nothing of their own history: " + recent.body());
    List<String> anonymous = server.get("/v1/blocks/mine?visitor=someone-new").itemIds();
    assertEquals(anonymous, server.get("/v1/blocks/mine?visitor=cora").itemIds());
    assertNotEquals(anonymous, personal, "the test shows nothing unless personal differs");
    assertEquals(
        List.of(), server.get("/v1/recommendations/recently_viewed?visitor=cora").itemIds());

    JsonObject consent = consentOf("visitor=cora");
    assertFalse(consent.getJsonObject("personalization").getBoolean("allowed"));
    assertFalse(consent.getJsonObject("personalization").getBoolean("default"));
    assertNotNull(consent.getJsonObject("personalization").getString("decided_at"));
    assertTrue(consent.getJsonObject("marketing").getBoolean("allowed"), "the default");
    assertTrue(consent.getJsonObject("marketing").getBoolean("default"));

    post(consentEvent("cora", true, null));
    assertEquals(
        List.of("case-6", "phone-5"), server.get("/v1/blocks/recent?visitor=cora").itemIds());
  }

  @Test
  void stitchingKeepsTheConsentAndTheLaterDecisionWins() {
    post(
        event("view_item", "dora", "phone-2"),
        consentEvent("dora", false, false).put("timestamp", "2026-01-02T00:00:00Z"),
        // The customer's own earlier choice about marketing: the visitor's later one wins.
        new JsonObject()
            .put("name", "consent")
            .put("customer_id", "dora-c")
            .put("consent", new JsonObject().put("marketing", true))
            .put("timestamp", "2026-01-01T00:00:00Z"),
        new JsonObject()
            .put("name", "identify")
            .put("visitor_id", "dora")
            .put("customer_id", "dora-c"));
    JsonObject consent = consentOf("customer=dora-c");
    assertFalse(consent.getJsonObject("personalization").getBoolean("allowed"), consent.encode());
    assertFalse(consent.getJsonObject("marketing").getBoolean("allowed"), consent.encode());
    assertEquals(List.of(), server.get("/v1/blocks/recent?customer=dora-c").itemIds());
  }

  @Test
  void theAdminApiSetsConsentAndTheExportShowsIt() {
    post(event("view_item", "eve", "phone-3"));
    Response put =
        server.admin(
            "PUT",
            "/v1/admin/profiles/consent?visitor=eve",
            "application/json",
            new JsonObject().put("marketing", false).encode());
    assertEquals(200, put.status(), put.body());
    assertFalse(
        put.json().getJsonObject("consent").getJsonObject("marketing").getBoolean("allowed"));
    JsonObject consent = consentOf("visitor=eve");
    assertFalse(consent.getJsonObject("marketing").getBoolean("allowed"));
    assertTrue(consent.getJsonObject("personalization").getBoolean("allowed"));
    assertEquals(List.of("phone-3"), server.get("/v1/blocks/recent?visitor=eve").itemIds());
    Response export = server.admin("GET", "/v1/admin/profiles?visitor=eve", null, null);
    JsonArray events = export.json().getJsonObject("events").getJsonArray("items");
    JsonObject stored = events.getJsonObject(events.size() - 1);
    assertEquals("consent", stored.getString("name"));
    assertEquals(new JsonObject().put("marketing", false), stored.getJsonObject("consent"));
  }

  @Test
  void badConsentIsRefusedWithEveryProblem() {
    Response r =
        server.postEvents(
            new JsonArray()
                .add(new JsonObject().put("name", "consent").put("visitor_id", "fay"))
                .add(
                    new JsonObject()
                        .put("name", "consent")
                        .put("visitor_id", "fay")
                        .put(
                            "consent",
                            new JsonObject().put("personalization", "yes").put("marketting", true)))
                .encode());
    assertEquals(422, r.status(), r.body());
    assertTrue(r.body().contains("is required for consent"), r.body());
    assertTrue(r.body().contains("consent.personalization"), r.body());
    assertTrue(r.body().contains("consent.marketting"), r.body());
    Response put =
        server.admin(
            "PUT",
            "/v1/admin/profiles/consent",
            "application/json",
            new JsonObject().put("personalization", 1).encode());
    assertEquals(400, put.status(), put.body());
    assertTrue(put.body().contains("customer"), put.body());
  }

  @Test
  void aShopperNeverSeenIsNotFound() {
    assertEquals(
        404, server.admin("GET", "/v1/admin/profiles?visitor=nobody", null, null).status());
    Response both = server.admin("GET", "/v1/admin/profiles", null, null);
    assertEquals(400, both.status(), both.body());
  }
}
