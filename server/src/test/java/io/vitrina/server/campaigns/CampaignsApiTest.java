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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Campaigns and slots over real HTTP against a real PostgreSQL: saved, validated, decided. */
class CampaignsApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 6; i++) items.add(TestServer.item("sku-" + i, "Phones", 10 * i, 5));
    server.upsertItems(items);
    Response segment =
        server.admin(
            "PUT",
            "/v1/admin/segments/carts",
            "application/json",
            new JsonObject()
                .put("name", "Something in the cart")
                .put("all", new JsonArray().add(new JsonObject().put("in_cart", new JsonObject())))
                .encode());
    assertEquals(201, segment.status(), segment.body());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Response put(String path, JsonObject body) {
    return server.admin("PUT", path, "application/json", body.encode());
  }

  static JsonObject popup(String title) {
    return new JsonObject()
        .put("content", new JsonObject().put("title", title))
        .put("triggers", new JsonArray().add(new JsonObject().put("type", "exit_intent")));
  }

  static JsonObject decide(String query) {
    Response r = server.get("/v1/decide?" + query);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  static List<String> campaignIds(JsonObject decision) {
    List<String> out = new ArrayList<>();
    for (Object o : decision.getJsonArray("campaigns")) out.add(((JsonObject) o).getString("id"));
    return out;
  }

  static JsonObject campaignIn(JsonObject decision, String id) {
    for (Object o : decision.getJsonArray("campaigns"))
      if (((JsonObject) o).getString("id").equals(id)) return (JsonObject) o;
    return null;
  }

  static void send(JsonObject... events) {
    JsonArray all = new JsonArray();
    for (JsonObject e : events) all.add(e);
    Response r = server.postEvents(all.encode());
    assertEquals(202, r.status(), r.body());
  }

  static JsonObject promotion(String name, String visitor, String listId, String token) {
    JsonObject e =
        new JsonObject().put("name", name).put("visitor_id", visitor).put("item_list_id", listId);
    if (token != null) e.put("attribution_token", token);
    return e;
  }

  static String encoded(Instant at) {
    return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
  }

  @Test
  void refusesACampaignWithEveryProblemAtOnce() {
    JsonObject bad =
        new JsonObject()
            .put(
                "content",
                new JsonObject()
                    .put(
                        "cta",
                        new JsonObject().put("label", "Go").put("url", "javascript:alert(1)")))
            .put(
                "triggers",
                new JsonArray()
                    .add(new JsonObject().put("type", "on_hover"))
                    .add(new JsonObject().put("type", "time_on_page")))
            .put(
                "targeting",
                new JsonObject()
                    .put("segments", new JsonArray().add("no-such-segment"))
                    .put("urls", new JsonArray().add("demo/item/*"))
                    .put("devices", new JsonArray().add("watch"))
                    .put("visitor", "sometimes"))
            .put("caps", new JsonObject().put("per_session", 0))
            .put(
                "schedule",
                new JsonObject()
                    .put("starts", "2026-12-02T00:00:00Z")
                    .put("ends", "2026-12-01T00:00:00Z"))
            .put("colour", "red");
    Response r = put("/v1/admin/campaigns/broken", bad);
    assertEquals(400, r.status(), r.body());
    assertEquals("invalid_input", r.json().getString("error"));
    for (String field :
        List.of(
            "content.cta.url",
            "triggers[0].type",
            "triggers[1].seconds",
            "targeting.segments[0]",
            "targeting.urls[0]",
            "targeting.devices[0]",
            "targeting.visitor",
            "caps.per_session",
            "schedule.ends",
            "colour")) assertNotNull(r.problem(field), field + " in " + r.body());
    assertEquals(404, server.admin("GET", "/v1/admin/campaigns/broken", null, null).status());

    Response empty =
        put(
            "/v1/admin/campaigns/empty",
            popup("")
                .put(
                    "content",
                    new JsonObject()
                        .put("title", " ")
                        .put("cta", new JsonObject().put("label", "Go").put("url", "ftp://x"))));
    assertEquals(400, empty.status(), empty.body());
    assertNotNull(empty.problem("content"), "empty, said beside the bad URL: " + empty.body());
    assertNotNull(empty.problem("content.cta.url"), empty.body());

    Response strip =
        put(
            "/v1/admin/campaigns/strip",
            popup("x")
                .put(
                    "content",
                    new JsonObject()
                        .put(
                            "items",
                            new JsonObject().put("algorithm", "no_such").put("limit", 99))));
    assertEquals(400, strip.status(), strip.body());
    assertNotNull(strip.problem("content.items.algorithm"), strip.body());
    assertNotNull(strip.problem("content.items.limit"), strip.body());
  }

  @Test
  void refusesASlotWithEveryProblemAtOnce() {
    JsonObject bad =
        new JsonObject()
            .put("default", new JsonObject().put("type", "banner").put("title", "No image"))
            .put(
                "variants",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("key", "Bad Key")
                            .put(
                                "content", new JsonObject().put("type", "video").put("title", "x")))
                    .add(
                        new JsonObject()
                            .put("key", "k")
                            .put(
                                "targeting",
                                new JsonObject().put("segments", new JsonArray().add("ghosts")))
                            .put(
                                "content",
                                new JsonObject().put("type", "items").put("title", "x"))));
    Response r = put("/v1/admin/slots/hero", bad);
    assertEquals(400, r.status(), r.body());
    for (String field :
        List.of(
            "default.image",
            "variants[0].key",
            "variants[0].content.type",
            "variants[1].targeting.segments[0]",
            "variants[1].content.items"))
      assertNotNull(r.problem(field), field + " in " + r.body());
  }

  @Test
  void savesListsReplacesAndDeletesCampaignsAndSlots() {
    assertEquals(201, put("/v1/admin/campaigns/crud", popup("One")).status());
    Response replaced = put("/v1/admin/campaigns/crud", popup("Two").put("priority", 3));
    assertEquals(200, replaced.status(), replaced.body());
    JsonObject got = server.admin("GET", "/v1/admin/campaigns/crud", null, null).json();
    assertEquals("Two", got.getJsonObject("content").getString("title"));
    assertEquals(3, got.getInteger("priority"));
    assertTrue(server.admin("GET", "/v1/admin/campaigns", null, null).body().contains("\"crud\""));
    assertEquals(204, server.admin("DELETE", "/v1/admin/campaigns/crud", null, null).status());
    Response gone = server.admin("DELETE", "/v1/admin/campaigns/crud", null, null);
    assertEquals(404, gone.status());
    assertEquals("campaign_not_found", gone.json().getString("error"));

    JsonObject slot =
        new JsonObject().put("default", new JsonObject().put("type", "text").put("text", "Hi"));
    assertEquals(201, put("/v1/admin/slots/crud-slot", slot).status());
    assertEquals(
        "Hi",
        server
            .admin("GET", "/v1/admin/slots/crud-slot", null, null)
            .json()
            .getJsonObject("default")
            .getString("text"));
    assertTrue(server.admin("GET", "/v1/admin/slots", null, null).body().contains("crud-slot"));
    assertEquals(204, server.admin("DELETE", "/v1/admin/slots/crud-slot", null, null).status());
    assertEquals(
        "slot_not_found",
        server.admin("GET", "/v1/admin/slots/crud-slot", null, null).json().getString("error"));
  }

  @Test
  void decidesByTargetingAndPriority() {
    put(
        "/v1/admin/campaigns/t-item-pages",
        popup("Item pages")
            .put("priority", 5)
            .put("targeting", new JsonObject().put("urls", new JsonArray().add("/t/item/*"))));
    put(
        "/v1/admin/campaigns/t-mobile",
        popup("Mobile")
            .put("priority", 9)
            .put(
                "targeting",
                new JsonObject()
                    .put("urls", new JsonArray().add("/t/**"))
                    .put("devices", new JsonArray().add("mobile"))));
    put(
        "/v1/admin/campaigns/t-new",
        popup("Newcomers")
            .put("priority", 1)
            .put(
                "targeting",
                new JsonObject().put("urls", new JsonArray().add("/t/**")).put("visitor", "new")));
    put(
        "/v1/admin/campaigns/t-big-carts",
        popup("Big carts")
            .put("priority", 7)
            .put(
                "targeting",
                new JsonObject()
                    .put("urls", new JsonArray().add("/t/**"))
                    .put("cart", new JsonObject().put("min_value", 50))));
    put(
        "/v1/admin/campaigns/t-off",
        popup("Off")
            .put("active", false)
            .put("targeting", new JsonObject().put("urls", new JsonArray().add("/t/**"))));
    put(
        "/v1/admin/campaigns/t-later",
        popup("Later")
            .put("targeting", new JsonObject().put("urls", new JsonArray().add("/t/**")))
            .put(
                "schedule",
                new JsonObject().put("starts", Instant.now().plus(Duration.ofDays(1)).toString())));
    put(
        "/v1/admin/campaigns/t-over",
        popup("Over")
            .put("targeting", new JsonObject().put("urls", new JsonArray().add("/t/**")))
            .put(
                "schedule",
                new JsonObject().put("ends", Instant.now().minusSeconds(60).toString())));

    assertEquals(
        List.of("t-mobile", "t-item-pages", "t-new"),
        campaignIds(decide("visitor=tv1&url=/t/item/7%3Fx%3D1&device=mobile")));
    assertEquals(List.of("t-new"), campaignIds(decide("visitor=tv1&url=/t/cart&device=desktop")));
    assertEquals(
        List.of("t-big-carts", "t-new"),
        campaignIds(decide("visitor=tv1&url=/t/cart&device=desktop&cart=sku-2,sku-3")));
    JsonObject entry = campaignIn(decide("visitor=tv1&url=/t/item/1&device=mobile"), "t-mobile");
    assertEquals(false, entry.getBoolean("holdout"));
    assertEquals("Mobile", entry.getJsonObject("content").getString("title"));
    assertEquals("exit_intent", entry.getJsonArray("triggers").getJsonObject(0).getString("type"));
    assertNull(entry.getJsonObject("experiment"));
    AttributionToken token = TestServer.verifyToken(entry.getString("token")).orElseThrow();
    assertEquals("campaign:t-mobile", token.block());

    // First seen a moment before the script opened its session: the same visit, still new.
    send(TestServer.event("view_item", "tv2", "sku-1"));
    Instant moment = Instant.now().plusSeconds(1);
    assertEquals(
        List.of("t-new"),
        campaignIds(decide("visitor=tv2&url=/t/cart&session_start=" + encoded(moment))));
    // Seen before this session: returning, so no longer new.
    Instant later = Instant.now().plus(CampaignsCapability.SAME_VISIT).plusSeconds(1);
    assertEquals(
        List.of(), campaignIds(decide("visitor=tv2&url=/t/cart&session_start=" + encoded(later))));
  }

  @Test
  void capsCountShowsPerSessionPerDayAndInAll() {
    put(
        "/v1/admin/campaigns/c-session",
        popup("Once a session")
            .put("targeting", new JsonObject().put("urls", new JsonArray().add("/c/session")))
            .put("caps", new JsonObject().put("per_session", 1)));
    put(
        "/v1/admin/campaigns/c-day",
        popup("Twice a day")
            .put("targeting", new JsonObject().put("urls", new JsonArray().add("/c/day")))
            .put("caps", new JsonObject().put("per_day", 2)));
    put(
        "/v1/admin/campaigns/c-ever",
        popup("Once ever")
            .put("targeting", new JsonObject().put("urls", new JsonArray().add("/c/ever")))
            .put("caps", new JsonObject().put("lifetime", 1)));
    Instant first = Instant.now().minusSeconds(120);
    Instant second = Instant.now().plusSeconds(2);
    String page = "visitor=cv&url=/c/session&session_start=";
    assertEquals(List.of("c-session"), campaignIds(decide(page + encoded(first))));
    send(promotion("view_promotion", "cv", "c-session", null));
    assertEquals(List.of(), campaignIds(decide(page + encoded(first))));
    assertEquals(
        List.of("c-session"), campaignIds(decide(page + encoded(second))), "a new session");

    send(promotion("view_promotion", "cv", "c-day", null));
    assertEquals(
        List.of("c-day"),
        campaignIds(decide("visitor=cv&url=/c/day&session_start=" + encoded(second))));
    send(promotion("view_promotion", "cv", "c-day", null));
    assertEquals(
        List.of(), campaignIds(decide("visitor=cv&url=/c/day&session_start=" + encoded(second))));
    // A show a day and more ago does not count.
    send(
        promotion("view_promotion", "cv2", "c-day", null)
            .put("timestamp", Instant.now().minus(Duration.ofHours(25)).toString()),
        promotion("view_promotion", "cv2", "c-day", null));
    assertEquals(List.of("c-day"), campaignIds(decide("visitor=cv2&url=/c/day")));

    assertEquals(List.of("c-ever"), campaignIds(decide("visitor=cv&url=/c/ever")));
    send(
        promotion("view_promotion", "cv", "c-ever", null)
            .put("timestamp", Instant.now().minus(Duration.ofDays(20)).toString()));
    assertEquals(List.of(), campaignIds(decide("visitor=cv&url=/c/ever")));
  }

  @Test
  void aCloseHoldsTheCampaignBackForItsDays() {
    put(
        "/v1/admin/campaigns/c-close",
        popup("Closable")
            .put("targeting", new JsonObject().put("urls", new JsonArray().add("/close")))
            .put("caps", new JsonObject().put("days_after_close", 3)));
    send(promotion("select_promotion", "cc", "c-close", null).put("promotion_action", "click"));
    assertEquals(
        List.of("c-close"), campaignIds(decide("visitor=cc&url=/close")), "a click is no close");
    send(promotion("select_promotion", "cc", "c-close", null).put("promotion_action", "close"));
    assertEquals(List.of(), campaignIds(decide("visitor=cc&url=/close")));
    send(
        promotion("select_promotion", "cc2", "c-close", null)
            .put("promotion_action", "close")
            .put("timestamp", Instant.now().minus(Duration.ofDays(4)).toString()));
    assertEquals(
        List.of("c-close"), campaignIds(decide("visitor=cc2&url=/close")), "closed 4 days ago");
  }

  @Test
  void aSlotShowsItsFirstMatchingVariantElseItsDefault() throws Exception {
    JsonObject slot =
        new JsonObject()
            .put("default", new JsonObject().put("type", "text").put("title", "Welcome"))
            .put(
                "variants",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("key", "segment:carts")
                            .put(
                                "targeting",
                                new JsonObject().put("segments", new JsonArray().add("carts")))
                            .put(
                                "content",
                                new JsonObject()
                                    .put("type", "banner")
                                    .put("title", "Your cart")
                                    .put("image", "/img/cart.png")
                                    .put(
                                        "cta",
                                        new JsonObject().put("label", "Go").put("url", "/cart"))))
                    .add(
                        new JsonObject()
                            .put("key", "mobile-items")
                            .put(
                                "targeting",
                                new JsonObject().put("devices", new JsonArray().add("mobile")))
                            .put(
                                "content",
                                new JsonObject()
                                    .put("type", "items")
                                    .put("title", "Popular")
                                    .put(
                                        "items",
                                        new JsonObject()
                                            .put("algorithm", "popular")
                                            .put("limit", 3)))));
    assertEquals(201, put("/v1/admin/slots/s-hero", slot).status());
    put(
        "/v1/admin/slots/s-empty",
        new JsonObject()
            .put(
                "variants",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("key", "only")
                            .put(
                                "targeting",
                                new JsonObject().put("devices", new JsonArray().add("tablet")))
                            .put(
                                "content",
                                new JsonObject().put("type", "text").put("text", "Tablets")))));

    JsonObject plain =
        decide("visitor=sv&slots=s-hero,s-empty,no-such-slot").getJsonObject("slots");
    assertEquals("default", plain.getJsonObject("s-hero").getString("variant"));
    assertEquals(
        "Welcome", plain.getJsonObject("s-hero").getJsonObject("content").getString("title"));
    assertEquals("text", plain.getJsonObject("s-hero").getJsonObject("content").getString("type"));
    assertFalse(plain.containsKey("s-empty"), "neither a match nor a default");
    assertFalse(plain.containsKey("no-such-slot"));

    JsonObject mobile =
        decide("visitor=sv&slots=s-hero&device=mobile")
            .getJsonObject("slots")
            .getJsonObject("s-hero");
    assertEquals("mobile-items", mobile.getString("variant"));
    assertEquals("items", mobile.getJsonObject("content").getString("type"));
    assertEquals(3, mobile.getJsonObject("content").getJsonArray("items").size());
    assertEquals(
        "slot:s-hero", TestServer.verifyToken(mobile.getString("token")).orElseThrow().block());

    send(TestServer.event("add_to_cart", "sv", "sku-1"));
    JsonObject carted = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      carted =
          decide("visitor=sv&slots=s-hero&device=mobile")
              .getJsonObject("slots")
              .getJsonObject("s-hero");
      if (carted.getString("variant").equals("segment:carts")) break;
      Thread.sleep(100);
    }
    assertEquals("segment:carts", carted.getString("variant"), "the first match wins");
    assertEquals("/img/cart.png", carted.getJsonObject("content").getString("image"));
  }

  @Test
  void aPopupOfItemsAloneShowsOnceItsStripHasItems() {
    assertEquals(
        201,
        put(
                "/v1/admin/blocks/i-strip",
                new JsonObject().put("algorithm", "popular").put("limit", 2))
            .status());
    put(
        "/v1/admin/campaigns/i-cart",
        popup("x")
            .put(
                "content",
                new JsonObject().put("items", new JsonObject().put("algorithm", "abandoned_cart")))
            .put("targeting", new JsonObject().put("urls", new JsonArray().add("/i"))));
    put(
        "/v1/admin/campaigns/i-block",
        popup("x")
            .put(
                "content",
                new JsonObject()
                    .put("title", "Popular")
                    .put("items", new JsonObject().put("block", "i-strip")))
            .put("targeting", new JsonObject().put("urls", new JsonArray().add("/i"))));
    JsonObject before = decide("visitor=iv&url=/i");
    assertEquals(List.of("i-block"), campaignIds(before), "an empty cart leaves nothing to show");
    assertEquals(
        2, campaignIn(before, "i-block").getJsonObject("content").getJsonArray("items").size());

    send(TestServer.event("add_to_cart", "iv", "sku-4"));
    JsonObject entry = campaignIn(decide("visitor=iv&url=/i"), "i-cart");
    assertNotNull(entry);
    JsonArray items = entry.getJsonObject("content").getJsonArray("items");
    assertEquals("sku-4", items.getJsonObject(0).getString("id"), items.encode());
    assertEquals(
        "campaign:i-cart", TestServer.verifyToken(entry.getString("token")).orElseThrow().block());
  }

  @Test
  void refusesBadDecideParametersWithEveryProblem() {
    Response r =
        server.get(
            "/v1/decide?url=http://evil/x&device=watch&slots=Bad%20Name&session_start=yesterday&colour=red");
    assertEquals(400, r.status(), r.body());
    assertEquals("invalid_parameter", r.json().getString("error"));
    for (String p : List.of("visitor", "url", "device", "slots", "session_start", "colour"))
      assertNotNull(r.problem(p), p + " in " + r.body());
    Response future =
        server.get(
            "/v1/decide?visitor=x&session_start="
                + encoded(Instant.now().plus(Duration.ofDays(1))));
    assertNotNull(future.problem("session_start"), future.body());
  }

  @Test
  void refusesAPromotionActionOutOfPlace() {
    JsonArray events =
        new JsonArray()
            .add(promotion("view_promotion", "pa", "x", null).put("promotion_action", "close"))
            .add(promotion("select_promotion", "pa", "x", null).put("promotion_action", "dismiss"));
    Response r = server.postEvents(events.encode());
    assertEquals(422, r.status(), r.body());
    JsonArray errors = r.json().getJsonArray("errors");
    assertEquals(2, errors.size(), r.body());
    for (Object e : errors) assertEquals("promotion_action", ((JsonObject) e).getString("field"));
  }

  @Test
  void exportsAndForgetsTheShoppersPromotionHistory() {
    put(
        "/v1/admin/campaigns/p-capped",
        popup("Capped")
            .put("targeting", new JsonObject().put("urls", new JsonArray().add("/p")))
            .put("caps", new JsonObject().put("lifetime", 1)));
    send(
        promotion("view_promotion", "pv", "p-capped", null),
        promotion("select_promotion", "pv", "p-capped", null).put("promotion_action", "close"));
    assertEquals(List.of(), campaignIds(decide("visitor=pv&url=/p")));
    Response export = server.admin("GET", "/v1/admin/profiles?visitor=pv", null, null);
    assertEquals(200, export.status(), export.body());
    JsonObject shown = export.json().getJsonArray("promotions").getJsonObject(0);
    assertEquals("p-capped", shown.getString("item_list_id"));
    assertEquals(1, shown.getInteger("shows"));
    assertNotNull(shown.getString("last_closed"));

    assertEquals(200, server.admin("DELETE", "/v1/admin/profiles?visitor=pv", null, null).status());
    assertEquals(List.of("p-capped"), campaignIds(decide("visitor=pv&url=/p")), "forgotten");
  }
}
