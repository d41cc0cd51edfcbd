package io.vitrina.server.segments;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Segments through the API: a rule saved (refused with every problem when wrong), members placed as
 * their events arrive, the built-in lifecycle and RFM segments, members paged, stitching, and the
 * rules and members back after a restart.
 */
class SegmentsApiTest {
  private static final String TEAPOT_BROWSERS =
      new JsonObject()
          .put("name", "Viewed teapots twice this week, never bought")
          .put(
              "all",
              new JsonArray()
                  .add(
                      new JsonObject()
                          .put(
                              "viewed",
                              new JsonObject()
                                  .put("category", "Teapots")
                                  .put("at_least", 2)
                                  .put("within_days", 7))))
          .put(
              "none",
              new JsonArray()
                  .add(new JsonObject().put("orders", new JsonObject().put("at_least", 1))))
          .encode();

  private static Response put(TestServer server, String id, String body) {
    return server.admin("PUT", "/v1/admin/segments/" + id, "application/json", body);
  }

  private static JsonObject segment(TestServer server, String id) {
    Response r = server.admin("GET", "/v1/admin/segments/" + id, null, null);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private static List<JsonObject> members(TestServer server, String id, String query) {
    Response r = server.admin("GET", "/v1/admin/segments/" + id + "/members" + query, null, null);
    assertEquals(200, r.status(), r.body());
    List<JsonObject> out = new ArrayList<>();
    r.json().getJsonArray("members").forEach(m -> out.add((JsonObject) m));
    return out;
  }

  private static void send(TestServer server, JsonObject... events) {
    JsonArray batch = new JsonArray();
    for (JsonObject e : events) batch.add(e);
    Response r = server.postEvents(batch.encode());
    assertEquals(202, r.status(), r.body());
  }

  @Test
  void aWrongRuleIsRefusedWithEveryProblemAtOnce() {
    try (TestServer server = TestServer.start()) {
      String wrong =
          new JsonObject()
              .put(
                  "all",
                  new JsonArray()
                      .add(new JsonObject().put("viewd", new JsonObject()))
                      .add(
                          new JsonObject()
                              .put(
                                  "viewed",
                                  new JsonObject().put("at_least", 0).put("colour", "red")))
                      .add(new JsonObject().put("lifecycle", new JsonArray().add("vip")))
                      .add(
                          new JsonObject()
                              .put(
                                  "cart_value",
                                  new JsonObject().put("at_least", 50).put("at_most", 10))))
              .put("nmae", "typo")
              .encode();
      Response r = put(server, "Bad:Id", wrong);
      assertEquals(400, r.status(), r.body());
      for (String field :
          List.of(
              "id",
              "name",
              "nmae",
              "all[0].viewd",
              "all[1].viewed.at_least",
              "all[1].viewed.colour",
              "all[2].lifecycle[0]",
              "all[3].cart_value.at_most"))
        assertTrue(r.problem(field) != null, field + " in " + r.body());
      assertTrue(r.problem("all[0].viewd").contains("did you mean \"viewed\""), r.body());
      Response empty = put(server, "empty", new JsonObject().put("name", "Nothing").encode());
      assertEquals(400, empty.status(), empty.body());
      assertTrue(empty.body().contains("at least one condition"), empty.body());
    }
  }

  @Test
  void membersArePlacedAsTheirEventsArriveAndFollowTheShopperAfterLogin() {
    String pgUrl = TestPostgres.newDatabase();
    try (TestServer server = TestServer.startOn(pgUrl)) {
      server.upsertItems(
          new JsonArray()
              .add(item("teapot-1", "Teapots", 40, 5))
              .add(item("teapot-2", "Teapots", 55, 5))
              .add(item("cup-1", "Cups", 8, 5)));
      Response created = put(server, "teapot-browsers", TEAPOT_BROWSERS);
      assertEquals(201, created.status(), created.body());
      assertEquals(200, put(server, "teapot-browsers", TEAPOT_BROWSERS).status(), "replaced");

      send(server, event("view_item", "ann", "teapot-1"), event("view_item", "bob", "teapot-2"));
      assertEquals(0, segment(server, "teapot-browsers").getInteger("members"), "one view each");
      send(
          server,
          event("view_item", "ann", "teapot-2"),
          event("view_item", "cat", "teapot-1"),
          event("view_item", "cat", "teapot-1"),
          event("view_item", "dan", "cup-1"));
      JsonObject browsers = segment(server, "teapot-browsers");
      assertEquals(2, browsers.getInteger("members"), browsers.encode());
      assertEquals("rule", browsers.getString("kind"));
      assertEquals(
          new JsonObject(TEAPOT_BROWSERS), browsers.getJsonObject("definition"), "as saved");
      assertEquals(
          List.of(
              new JsonObject().put("visitor_id", "ann"), new JsonObject().put("visitor_id", "cat")),
          members(server, "teapot-browsers", ""));

      // Paged: one a page, the cursor from the page before.
      Response first =
          server.admin("GET", "/v1/admin/segments/teapot-browsers/members?limit=1", null, null);
      assertEquals("v:ann", first.json().getString("next"), first.body());
      assertEquals(
          List.of(new JsonObject().put("visitor_id", "cat")),
          members(server, "teapot-browsers", "?limit=1&after=v:ann"));
      assertNull(
          server
              .admin(
                  "GET",
                  "/v1/admin/segments/teapot-browsers/members?limit=1&after=v:ann",
                  null,
                  null)
              .json()
              .getValue("next"));

      // Ann logs in: her history, and her segments, are her customer's.
      send(server, event("identify", "ann").put("customer_id", "C-7"));
      // In key order: customers (c:…) before visitors (v:…).
      assertEquals(
          List.of(
              new JsonObject().put("customer_id", "C-7"),
              new JsonObject().put("visitor_id", "cat")),
          members(server, "teapot-browsers", ""));
      // Cat buys: out of the rule, into the new customers.
      send(
          server, event("purchase", "cat", "cup-1").put("transaction_id", "T-1").put("value", 8.0));
      assertEquals(
          List.of(new JsonObject().put("customer_id", "C-7")),
          members(server, "teapot-browsers", ""));
      assertEquals(
          List.of(new JsonObject().put("visitor_id", "cat")), members(server, "lifecycle:new", ""));
      assertEquals(
          List.of(new JsonObject().put("visitor_id", "cat")),
          members(server, "rfm:new_customers", ""));
      assertEquals(
          3, segment(server, "lifecycle:never_bought").getInteger("members"), "bob, dan, C-7");

      Response all = server.admin("GET", "/v1/admin/segments", null, null);
      assertEquals(200, all.status(), all.body());
      JsonArray segments = all.json().getJsonArray("segments");
      assertEquals(6 + 10 + 1, segments.size(), "6 stages, 10 RFM groups, 1 rule: " + all.body());
      assertEquals(4, all.json().getInteger("shoppers"), all.body());

      // The shopper's segments are in their export; once erased, they are nobody's member.
      Response export = server.admin("GET", "/v1/admin/profiles?customer=C-7", null, null);
      assertEquals(200, export.status(), export.body());
      List<String> exported = new ArrayList<>();
      export
          .json()
          .getJsonArray("segments")
          .forEach(s -> exported.add(((JsonObject) s).getString("id")));
      assertEquals(List.of("lifecycle:never_bought", "teapot-browsers"), exported, export.body());
      Response erased = server.admin("DELETE", "/v1/admin/profiles?visitor=cat", null, null);
      assertEquals(200, erased.status(), erased.body());
      assertEquals(List.of(), members(server, "rfm:new_customers", ""), "cat is erased");
      assertEquals(0, segment(server, "rfm:new_customers").getInteger("members"), "and uncounted");
    }
    // After a restart the rule is read back and the replayed profiles are placed by the first scan.
    try (TestServer server = TestServer.startOn(pgUrl)) {
      assertEquals(
          List.of(new JsonObject().put("customer_id", "C-7")),
          members(server, "teapot-browsers", ""));
      assertEquals(List.of(), members(server, "lifecycle:new", ""), "cat, erased, stays gone");
      assertEquals(
          204, server.admin("DELETE", "/v1/admin/segments/teapot-browsers", null, null).status());
      assertEquals(
          404, server.admin("GET", "/v1/admin/segments/teapot-browsers", null, null).status());
      assertEquals(
          404, server.admin("DELETE", "/v1/admin/segments/teapot-browsers", null, null).status());
    }
  }

  @Test
  void attributesAndCartRulesPlaceShoppers() {
    try (TestServer server = TestServer.start()) {
      server.upsertItems(
          new JsonArray()
              .add(item("kettle-1", "Kettles", 70, 5))
              .add(item("cup-1", "Cups", 40, 5)));
      String rule =
          new JsonObject()
              .put("name", "Moscow, cart over 100")
              .put(
                  "all",
                  new JsonArray()
                      .add(new JsonObject().put("region", new JsonArray().add("Moscow")))
                      .add(
                          new JsonObject()
                              .put("cart_value", new JsonObject().put("at_least", 100))))
              .encode();
      assertEquals(201, put(server, "moscow-big-carts", rule).status());
      send(
          server,
          event("add_to_cart", "ann", "kettle-1", "cup-1").put("region", "Moscow"),
          event("add_to_cart", "bob", "kettle-1", "cup-1").put("region", "Kazan"),
          event("add_to_cart", "cat", "kettle-1").put("region", "Moscow"));
      assertEquals(
          List.of(new JsonObject().put("visitor_id", "ann")),
          members(server, "moscow-big-carts", ""));
      send(server, event("remove_from_cart", "ann", "cup-1"));
      assertEquals(List.of(), members(server, "moscow-big-carts", ""), "70 is under 100");
    }
  }

  @Test
  void aStoreSetsItsOwnRfmThresholdsAndCanGoBackToQuintiles() {
    try (TestServer server = TestServer.start("--segments-scan-interval", "PT0.2S")) {
      server.upsertItems(new JsonArray().add(item("cup-1", "Cups", 8, 5)));
      send(
          server,
          event("purchase", "ann", "cup-1").put("transaction_id", "T-1").put("value", 8.0),
          event("purchase", "ann", "cup-1").put("transaction_id", "T-2").put("value", 8.0));
      Response quintiles = server.admin("GET", "/v1/admin/rfm-scale", null, null);
      assertEquals("quintiles", quintiles.json().getString("source"), quintiles.body());

      Response wrong =
          server.admin(
              "PUT",
              "/v1/admin/rfm-scale",
              "application/json",
              new JsonObject()
                  .put("recency_days", new JsonArray().add(30).add(7).add(90).add(180))
                  .put("frequency", new JsonArray().add(2).add("three"))
                  .encode());
      assertEquals(400, wrong.status(), wrong.body());
      assertTrue(wrong.problem("recency_days").contains("ascending"), wrong.body());
      assertTrue(wrong.problem("frequency[1]") != null, wrong.body());
      assertTrue(wrong.problem("monetary").contains("required"), wrong.body());

      JsonObject scale =
          new JsonObject()
              .put("recency_days", new JsonArray().add(7).add(30).add(90).add(180))
              .put("frequency", new JsonArray().add(3).add(5).add(8).add(13))
              .put("monetary", new JsonArray().add(50).add(100).add(500).add(1000));
      Response set = server.admin("PUT", "/v1/admin/rfm-scale", "application/json", scale.encode());
      assertEquals(201, set.status(), set.body());
      // Two orders against the store's bar of three: frequency 1, recent: a new customer (by
      // the quintiles of one customer she ranked first: a champion).
      long until = System.currentTimeMillis() + 10_000;
      while (members(server, "rfm:new_customers", "").isEmpty()
          && System.currentTimeMillis() < until) pause();
      assertEquals(
          List.of(new JsonObject().put("visitor_id", "ann")),
          members(server, "rfm:new_customers", ""),
          "placed by the set thresholds at the next scan");
      Response all = server.admin("GET", "/v1/admin/segments", null, null);
      assertEquals(
          7.0,
          all.json().getJsonObject("rfm_scale").getJsonArray("recency_days").getDouble(0),
          all.body());
      assertEquals(
          "set", server.admin("GET", "/v1/admin/rfm-scale", null, null).json().getString("source"));
      assertEquals(204, server.admin("DELETE", "/v1/admin/rfm-scale", null, null).status());
      assertEquals(
          "quintiles",
          server.admin("GET", "/v1/admin/rfm-scale", null, null).json().getString("source"));
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
