package io.vitrina.server.triggers;

import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trigger messages through the real API: a cart left two hours ago (the event's timestamp) fires
 * the abandoned-cart message with the cart's items on the next scan, once however many scans
 * follow, and the pull pages it by cursor.
 */
class TriggersApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start("--triggers-scan-interval", "PT0.5S");
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 4; i++) items.add(item("shoe-" + i, "Shoes", 100, 5));
    server.upsertItems(items);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject eventAt(String name, String visitor, Instant at, String... itemIds) {
    return TestServer.event(name, visitor, itemIds).put("timestamp", at.toString());
  }

  static JsonArray awaitFired(TestServer server, String visitor, int count) throws Exception {
    for (int attempt = 0; attempt < 150; attempt++) {
      JsonArray mine = firedFor(server, visitor);
      if (mine.size() >= count) return mine;
      Thread.sleep(100);
    }
    fail("no trigger message for " + visitor + ": " + fired(server, "0", 1000).body());
    return null;
  }

  static JsonArray firedFor(TestServer server, String visitor) {
    JsonArray mine = new JsonArray();
    for (Object o : fired(server, "0", 1000).items()) {
      JsonObject m = (JsonObject) o;
      if (visitor.equals(m.getJsonObject("shopper").getString("visitor_id"))) mine.add(m);
    }
    return mine;
  }

  static Response fired(TestServer server, String after, int limit) {
    Response r =
        server.admin(
            "GET", "/v1/admin/triggers/fired?after=" + after + "&limit=" + limit, null, null);
    assertEquals(200, r.status(), r.body());
    return r;
  }

  @Test
  void aCartLeftFiresTheAbandonedCartOnceWithTheCartsItems() throws Exception {
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
    JsonArray events =
        new JsonArray()
            .add(eventAt("view_item", "ann", twoHoursAgo.minusSeconds(60), "shoe-1"))
            .add(eventAt("add_to_cart", "ann", twoHoursAgo, "shoe-1"));
    assertEquals(202, server.postEvents(events.encode()).status());

    JsonObject message = awaitFired(server, "ann", 1).getJsonObject(0);
    assertEquals("abandoned_cart", message.getString("kind"));
    List<String> ids =
        message.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("id")).toList();
    assertEquals("shoe-1", ids.get(0), message.encode());
    assertTrue(message.getJsonObject("consent").getBoolean("marketing"));
    assertNotNull(message.getString("fired_at"));

    Thread.sleep(1_500); // three more scans
    assertEquals(1, firedFor(server, "ann").size(), "once per occasion");
    assertEquals(
        1,
        server.sqlLong(
            "SELECT count(*) FROM trigger_messages WHERE shopper = 'v:ann' AND kind = 'abandoned_cart'"));
  }

  @Test
  void aShopperWhoSignsInAfterTheirMessageIsNotSentItAgainAsTheCustomer() throws Exception {
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
    JsonArray left = new JsonArray().add(eventAt("add_to_cart", "stitch-v", twoHoursAgo, "shoe-1"));
    assertEquals(202, server.postEvents(left.encode()).status());
    awaitFired(server, "stitch-v", 1);

    JsonObject signIn =
        TestServer.event("identify", "stitch-v").put("customer_id", "stitch-c").put("items", null);
    signIn.remove("items");
    assertEquals(202, server.postEvents(signIn.encode()).status());
    Thread.sleep(2_000); // four more scans, the cart now the customer's
    assertEquals(
        1,
        server.sqlLong(
            "SELECT count(*) FROM trigger_messages WHERE kind = 'abandoned_cart' "
                + "AND shopper IN ('v:stitch-v', 'c:stitch-c')"),
        "the occasion was used up by the visitor the customer was");
  }

  @Test
  void thePullPagesByCursor() throws Exception {
    Instant ago = Instant.now().minus(Duration.ofHours(2));
    JsonArray events = new JsonArray();
    for (String v : List.of("p1", "p2", "p3")) events.add(eventAt("add_to_cart", v, ago, "shoe-2"));
    assertEquals(202, server.postEvents(events.encode()).status());
    for (String v : List.of("p1", "p2", "p3")) awaitFired(server, v, 1);

    Response first = fired(server, "0", 2);
    assertEquals(2, first.items().size());
    assertTrue(first.json().getBoolean("more"));
    Response second = fired(server, first.json().getString("next"), 1000);
    long firstLast = Long.parseLong(first.items().getJsonObject(1).getString("id"));
    for (Object o : second.items())
      assertTrue(Long.parseLong(((JsonObject) o).getString("id")) > firstLast);
  }

  @Test
  void aBadCursorOrLimitIsA400NamingBoth() {
    Response r = server.admin("GET", "/v1/admin/triggers/fired?after=x&limit=0", null, null);
    assertEquals(400, r.status(), r.body());
    assertNotNull(r.problem("after"), r.body());
    assertNotNull(r.problem("limit"), r.body());
  }

  @Test
  void theSettingsAreTheDefaultsUntilSavedAndEveryProblemIsToldAtOnce() {
    Response defaults = server.admin("GET", "/v1/admin/triggers/settings", null, null);
    assertEquals(200, defaults.status(), defaults.body());
    JsonObject cart = defaults.json().getJsonObject("kinds").getJsonObject("abandoned_cart");
    assertEquals("PT1H", cart.getString("delay"));
    assertEquals("abandoned_cart", cart.getString("algorithm"));
    assertEquals("PT24H", defaults.json().getString("shopper_cap"));

    JsonObject bad =
        new JsonObject()
            .put("shopper_cap", "one day")
            .put("colour", "red")
            .put(
                "kinds",
                new JsonObject()
                    .put("nope", new JsonObject())
                    .put(
                        "abandoned_view",
                        new JsonObject()
                            .put("delay", "PT30M")
                            .put("conditions", new JsonObject().put("min_views", 1))));
    Response refused =
        server.admin("PUT", "/v1/admin/triggers/settings", "application/json", bad.encode());
    assertEquals(400, refused.status(), refused.body());
    assertNotNull(refused.problem("shopper_cap"), refused.body());
    assertNotNull(refused.problem("colour"), refused.body());
    assertNotNull(refused.problem("kinds.nope"), refused.body());
    assertNotNull(refused.problem("kinds.abandoned_view.conditions.min_views"), refused.body());
  }

  @Test
  void aDisabledKindFiresNothingUntilEnabledAgain() throws Exception {
    String off =
        new JsonObject()
            .put("kinds", new JsonObject().put("welcome", new JsonObject().put("enabled", false)))
            .encode();
    assertEquals(
        200, server.admin("PUT", "/v1/admin/triggers/settings", "application/json", off).status());
    Instant ago = Instant.now().minus(Duration.ofHours(1));
    assertEquals(
        202,
        server.postEvents(new JsonArray().add(eventAt("sign_up", "sue", ago)).encode()).status());
    Thread.sleep(1_500);
    assertEquals(0, firedFor(server, "sue").size(), "welcome is off");

    Response on = server.admin("PUT", "/v1/admin/triggers/settings", "application/json", "{}");
    assertEquals(200, on.status(), on.body());
    assertTrue(on.json().getJsonObject("kinds").getJsonObject("welcome").getBoolean("enabled"));
    assertEquals("welcome", awaitFired(server, "sue", 1).getJsonObject(0).getString("kind"));
  }

  @Test
  void aHoldoutShareIsRefusedSinceAnExperimentHoldsMessagesOut() throws Exception {
    String half =
        new JsonObject()
            .put(
                "kinds",
                new JsonObject()
                    .put(
                        "welcome",
                        new JsonObject().put("conditions", new JsonObject().put("holdout", 0.5))))
            .encode();
    Response refused = server.admin("PUT", "/v1/admin/triggers/settings", "application/json", half);
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.body().contains("kinds.welcome.conditions.holdout"), refused.body());
  }
}
