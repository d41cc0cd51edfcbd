package io.vitrina.server.blocks;

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
 * Named blocks through the real API and PostgreSQL: saved with validation, asked for by name with
 * the page's context, their rules applied, deleted.
 */
class BlocksApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 8; i++) {
      items.add(item("phone-" + i, "Phones", 300 + 10 * i, 5));
      items.add(item("case-" + i, "Cases", 10 + i, 5));
    }
    server.upsertItems(items);
    JsonArray events = new JsonArray();
    for (int i = 1; i <= 8; i++) {
      for (int buyer = 0; buyer < 6; buyer++)
        events.add(event("purchase", "buyer-" + i + "-" + buyer, "phone-" + i, "case-" + i));
    }
    assertEquals(202, server.postEvents(events.encode()).status());
    server.rebuildModel();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Response put(String name, JsonObject block) {
    return server.admin("PUT", "/v1/admin/blocks/" + name, "application/json", block.encode());
  }

  @Test
  void aSavedBlockAnswersByNameWithItsAlgorithmSizeAndRules() {
    JsonObject block =
        new JsonObject()
            .put("algorithm", "popular")
            .put("description", "home page best sellers, cases only")
            .put("limit", 3)
            .put(
                "rules",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("property", "category")
                            .put("values", new JsonArray().add("Cases"))
                            .put("bias", -1)))
            .put(
                "pins",
                new JsonArray().add(new JsonObject().put("item", "phone-8").put("position", 1)));
    Response created = put("home-cases", block);
    assertEquals(201, created.status(), created.body());
    assertEquals(200, put("home-cases", block).status(), "saving again replaces");

    Response answer = server.get("/v1/blocks/home-cases?visitor=someone");
    assertEquals(200, answer.status(), answer.body());
    assertEquals("home-cases", answer.json().getString("block"));
    assertEquals("popular", answer.json().getString("algorithm"));
    List<String> ids = answer.itemIds();
    assertEquals(3, ids.size(), answer.body());
    assertEquals("phone-8", ids.get(0), "pinned first");
    assertTrue(ids.subList(1, 3).stream().allMatch(id -> id.startsWith("case-")), ids.toString());
    assertNotNull(answer.json().getString("token"));

    Response fewer = server.get("/v1/blocks/home-cases?limit=2&exclude=case-1,case-2");
    assertEquals(2, fewer.itemIds().size());
    assertFalse(fewer.itemIds().contains("case-1") || fewer.itemIds().contains("case-2"));

    Response stored = server.admin("GET", "/v1/admin/blocks/home-cases", null, null);
    assertEquals("popular", stored.json().getString("algorithm"));
    assertEquals(3, stored.json().getInteger("limit"));
    assertTrue(
        server
            .admin("GET", "/v1/admin/blocks", null, null)
            .json()
            .getJsonArray("blocks")
            .encode()
            .contains("home-cases"));
    assertEquals(1, server.sqlLong("SELECT count(*) FROM blocks WHERE name = 'home-cases'"));
  }

  @Test
  void anItemPageBlockNeedsItsItem() {
    assertEquals(
        201, put("item-accessories", new JsonObject().put("algorithm", "cross_sell")).status());
    Response answer = server.get("/v1/blocks/item-accessories?item=phone-3");
    assertEquals("case-3", answer.itemIds().get(0), answer.body());
    Response missing = server.get("/v1/blocks/item-accessories");
    assertEquals(400, missing.status());
    assertEquals("missing_context", missing.json().getString("error"));
  }

  @Test
  void anInvalidBlockIsRefusedWithEveryProblemAndItsPlace() {
    JsonObject bad =
        new JsonObject()
            .put("algorithm", "bestsellers")
            .put("limit", 0)
            .put(
                "rules",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("property", "colour")
                            .put("values", new JsonArray().add("red"))
                            .put("bias", 1))
                    .add(new JsonObject().put("property", "brand")))
            .put(
                "pins",
                new JsonArray().add(new JsonObject().put("item", "phone-1").put("position", 0)));
    Response r = put("broken", bad);
    assertEquals(400, r.status(), r.body());
    String fields = r.json().getJsonArray("errors").encode();
    for (String field : List.of("limit", "rules[0]", "rules[1].bias", "pins[0].position"))
      assertTrue(fields.contains("\"" + field + "\""), field + " not named in " + r.body());

    Response unknownAlgorithm = put("broken", new JsonObject().put("algorithm", "bestsellers"));
    assertEquals(400, unknownAlgorithm.status());
    assertTrue(unknownAlgorithm.body().contains("unknown algorithm 'bestsellers'"));
    assertEquals(0, server.sqlLong("SELECT count(*) FROM blocks WHERE name = 'broken'"));

    assertEquals(400, put("Bad%20Name", new JsonObject().put("algorithm", "popular")).status());
    Response notJson = server.admin("PUT", "/v1/admin/blocks/x", "application/json", "{not json");
    assertEquals(400, notJson.status(), notJson.body());
  }

  @Test
  void aMisspelledFieldIsRefusedNamingTheOneItMeant() {
    JsonObject block =
        new JsonObject()
            .put("algorithm", "popular")
            .put("lmit", 3)
            .put("colour", "red")
            .put(
                "rules",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("property", "brand")
                            .put("values", new JsonArray().add("Brand1"))
                            .put("bais", 2)))
            .put(
                "pins",
                new JsonArray().add(new JsonObject().put("item", "case-1").put("postion", 1)));
    Response r = put("typo", block);
    assertEquals(400, r.status(), r.body());
    assertEquals("invalid_input", r.json().getString("error"));
    assertEquals("unknown field; did you mean \"limit\"?", r.problem("lmit"));
    assertEquals("unknown field; did you mean \"bias\"?", r.problem("rules[0].bais"));
    assertEquals("unknown field; did you mean \"position\"?", r.problem("pins[0].postion"));
    String far = r.problem("colour");
    assertTrue(far.startsWith("unknown field; the fields here are algorithm, "), far);
    assertFalse(far.contains("did you mean"), far);
    assertEquals(0, server.sqlLong("SELECT count(*) FROM blocks WHERE name = 'typo'"));
  }

  @Test
  void everyProblemOfABlockIsInOneAnswer() {
    JsonObject block =
        new JsonObject()
            .put("algorithm", "bestsellers")
            .put("limit", 2)
            .put("dithering", 0.5)
            .put("rotate_after", 5000)
            .put("rules", new JsonArray().add(new JsonObject().put("property", "brand")))
            .put(
                "pins",
                new JsonArray().add(new JsonObject().put("item", "case-1").put("position", 3)))
            .put("max_per_brnd", 1);
    Response r = put("all-at-once", block);
    assertEquals(400, r.status(), r.body());
    assertTrue(r.problem("algorithm").startsWith("unknown algorithm 'bestsellers'"), r.body());
    assertEquals("is required", r.problem("rules[0].bias"));
    assertEquals("must be 0 (off) or above 1, up to 100", r.problem("dithering"));
    assertEquals("must be 0 (off) to 1000", r.problem("rotate_after"));
    assertEquals("is beyond the block's 2 items", r.problem("pins[0].position"));
    assertEquals("unknown field; did you mean \"max_per_brand\"?", r.problem("max_per_brnd"));
  }

  @Test
  void aBlockAsAnsweredCanBeSentBackAsItIs() {
    JsonObject block = new JsonObject().put("algorithm", "popular").put("limit", 4);
    assertEquals(201, put("round-trip", block).status());
    JsonObject stored = server.admin("GET", "/v1/admin/blocks/round-trip", null, null).json();
    assertEquals("round-trip", stored.getString("name"));
    Response again = put("round-trip", stored.put("limit", 5));
    assertEquals(200, again.status(), again.body());
    assertEquals(5, again.json().getInteger("limit"));
  }

  @Test
  void aBlockRefusesParametersItDoesNotTake() {
    assertEquals(201, put("plain", new JsonObject().put("algorithm", "popular")).status());
    Response r = server.get("/v1/blocks/plain?limt=3&block=other");
    assertEquals(400, r.status(), r.body());
    assertEquals("invalid_parameter", r.json().getString("error"));
    assertEquals("unknown parameter; did you mean \"limit\"?", r.problem("limt"));
    assertTrue(r.problem("block").startsWith("unknown parameter; the parameters here are "));
    assertEquals(3, server.get("/v1/blocks/plain?limit=3").itemIds().size());
  }

  @Test
  void unknownAndDeletedBlocksAre404() {
    Response unknown = server.get("/v1/blocks/never-made");
    assertEquals(404, unknown.status());
    assertEquals("block_not_found", unknown.json().getString("error"));
    assertEquals(201, put("short-lived", new JsonObject().put("algorithm", "popular")).status());
    assertEquals(204, server.admin("DELETE", "/v1/admin/blocks/short-lived", null, null).status());
    assertEquals(404, server.get("/v1/blocks/short-lived").status());
    assertEquals(404, server.admin("DELETE", "/v1/admin/blocks/short-lived", null, null).status());
  }

  @Test
  void managingBlocksNeedsTheAdminKey() {
    Response r =
        server.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.base() + "/v1/admin/blocks/x"))
                .header("Content-Type", "application/json")
                .PUT(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"algorithm\":\"popular\"}")));
    assertEquals(401, r.status(), r.body());
  }

  @Test
  void aRotatingBlockDropsWhatTheShopperKeepsScrollingPast() {
    JsonObject block =
        new JsonObject().put("algorithm", "popular").put("limit", 4).put("rotate_after", 2);
    assertEquals(201, put("home-rotating", block).status());
    String url = "/v1/blocks/home-rotating?visitor=scroller";
    List<String> first = server.get(url).itemIds();
    for (int shown = 0; shown < 2; shown++) {
      JsonObject list = event("view_item_list", "scroller", first.get(0), first.get(1));
      assertEquals(202, server.postEvents(list.encode()).status());
    }
    List<String> next = server.get(url).itemIds();
    assertEquals(4, next.size());
    assertFalse(next.contains(first.get(0)) || next.contains(first.get(1)), next.toString());
    assertEquals(
        2,
        server
            .admin("GET", "/v1/admin/blocks/home-rotating", null, null)
            .json()
            .getInteger("rotate_after"));
  }

  @Test
  void aBlocksFallbackIsSavedAndAPageMayOverrideIt() {
    JsonObject block =
        new JsonObject().put("algorithm", "also_bought").put("limit", 5).put("fallback", "none");
    assertEquals(201, put("bundle-only", block).status());
    Response own = server.get("/v1/blocks/bundle-only?item=phone-4");
    assertEquals(List.of("case-4"), own.itemIds(), own.body());
    assertEquals(0, own.json().getInteger("fallback_items"));
    Response padded = server.get("/v1/blocks/bundle-only?item=phone-4&fallback=default");
    assertEquals(5, padded.itemIds().size());
    assertEquals(4, padded.json().getInteger("fallback_items"));
    assertEquals(
        "none",
        server
            .admin("GET", "/v1/admin/blocks/bundle-only", null, null)
            .json()
            .getValue("fallback"));

    JsonObject chain = block.copy().put("fallback", new JsonArray().add("new_arrivals"));
    assertEquals(200, put("bundle-only", chain).status());
    Response newest = server.get("/v1/blocks/bundle-only?item=phone-4");
    assertTrue(
        newest.items().stream()
            .map(o -> ((JsonObject) o).getString("source"))
            .allMatch(s -> s.equals("also_bought") || s.equals("new_arrivals")),
        newest.body());
    assertEquals(
        new JsonArray().add("new_arrivals"),
        server
            .admin("GET", "/v1/admin/blocks/bundle-only", null, null)
            .json()
            .getValue("fallback"));

    Response unknown =
        put("bundle-only", block.copy().put("fallback", new JsonArray().add("nope")));
    assertEquals(400, unknown.status());
    assertEquals(
        "fallback[0]", unknown.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(400, put("bundle-only", block.copy().put("fallback", "some")).status());
  }
}
