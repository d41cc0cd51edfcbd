package io.vitrina.server.recommend;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.attribution.AttributionToken;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small store where buyers of phone N also buy case N: the events go through the API, the model
 * is rebuilt through the API, and the blocks must show the bundles, under the rules.
 */
class RecommendationsApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 10; i++) {
      items.add(item("phone-" + i, "Phones", 300 + i, 5));
      items.add(item("case-" + i, "Cases", 10 + i, i == 9 ? 0 : 5)); // case-9 is sold out
    }
    server.upsertItems(items);
    JsonArray events = new JsonArray();
    for (int i = 1; i <= 10; i++) {
      for (int buyer = 0; buyer < 8; buyer++) {
        String visitor = "buyer-" + i + "-" + buyer;
        events.add(event("view_item", visitor, "phone-" + i));
        events.add(event("view_item", visitor, "case-" + i));
        events.add(event("purchase", visitor, "phone-" + i, "case-" + i));
      }
    }
    Response r = server.postEvents(events.encode());
    assertEquals(202, r.status(), r.body());
    server.rebuildModel();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void alsoBoughtShowsTheBundlePartnerFirst() {
    Response r = server.get("/v1/recommendations/also_bought?item=phone-3&limit=4");
    assertEquals(200, r.status(), r.body());
    assertEquals("case-3", r.itemIds().get(0));
    JsonObject first = r.items().getJsonObject(0);
    assertTrue(first.getString("explanation").startsWith("bought together with"), first.encode());
    for (String field : List.of("id", "title", "price", "score", "explanation"))
      assertTrue(first.containsKey(field), field);
  }

  @Test
  void personalTurnsTheShoppersHistoryIntoTheRightItems() {
    assertEquals(
        202, server.postEvents(event("view_item", "fresh-shopper", "phone-4").encode()).status());
    Response r = server.get("/v1/recommendations/personal?visitor=fresh-shopper&limit=5");
    assertEquals(200, r.status());
    assertEquals("case-4", r.itemIds().get(0), r.body());
    assertTrue(
        r.items().getJsonObject(0).getString("explanation").contains("because you viewed"),
        r.body());
    assertFalse(
        r.itemIds().contains("phone-4"), "what the shopper just viewed is not proposed again");
  }

  @Test
  void anUnknownVisitorGetsAFullBlockOfPopularItems() {
    Response r = server.get("/v1/recommendations/personal?visitor=never-seen&limit=8");
    assertEquals(8, r.itemIds().size());
    assertTrue(
        r.items().stream().allMatch(o -> ((JsonObject) o).getString("source").equals("popular")));
  }

  @Test
  void blocksAreInStockWithoutTheContextItemAndWithoutDuplicates() {
    for (String algorithm :
        List.of(
            "personal", "popular", "similar", "also_viewed", "also_bought", "recently_viewed")) {
      Response r =
          server.get(
              "/v1/recommendations/" + algorithm + "?item=phone-9&visitor=buyer-9-0&limit=20");
      assertEquals(200, r.status(), algorithm + ": " + r.body());
      List<String> ids = r.itemIds();
      assertEquals(ids.size(), new HashSet<>(ids).size(), algorithm + " duplicates: " + ids);
      assertFalse(ids.contains("case-9"), algorithm + " shows the sold-out case-9");
      assertFalse(ids.contains("phone-9"), algorithm + " shows the context item");
      assertEquals(18, ids.size(), algorithm + " should fill the block: " + ids);
    }
  }

  @Test
  void filtersAndCategoryNarrowTheBlock() {
    Response r = server.get("/v1/recommendations/popular?category=Cases&price_max=15&limit=20");
    assertFalse(r.itemIds().isEmpty());
    for (Object o : r.items()) {
      JsonObject item = (JsonObject) o;
      assertTrue(item.getString("id").startsWith("case-"), item.encode());
      assertTrue(item.getDouble("price") <= 15, item.encode());
    }
  }

  @Test
  void eachResponseCarriesAnAttributionTokenNamingTheBlock() {
    Response r = server.get("/v1/recommendations/popular?block=home-top&limit=3");
    AttributionToken token = TestServer.verifyToken(r.json().getString("token")).orElseThrow();
    assertEquals("home-top", token.block());
    assertEquals("popular", token.algorithm());
    assertNotEquals(
        r.json().getString("token"),
        server.get("/v1/recommendations/popular?block=home-top&limit=3").json().getString("token"));
  }

  @Test
  void badRequestsSayWhatIsWrong() {
    Response unknown = server.get("/v1/recommendations/mind_reading");
    assertEquals(404, unknown.status());
    assertTrue(
        unknown.json().getString("message").contains("personal"),
        "lists the algorithms: " + unknown.body());
    Response noItem = server.get("/v1/recommendations/also_viewed");
    assertEquals(400, noItem.status());
    assertTrue(noItem.json().getString("message").contains("item="), noItem.body());
    assertEquals(404, server.get("/v1/recommendations/similar?item=ghost").status());
    Response limit = server.get("/v1/recommendations/popular?limit=1000");
    assertEquals(400, limit.status());
    assertEquals("limit", limit.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(400, server.get("/v1/recommendations/popular?price_min=50&price_max=10").status());
  }

  @Test
  void algorithmsAreListedWithDescriptions() {
    JsonArray list = server.get("/v1/algorithms").json().getJsonArray("algorithms");
    assertTrue(list.size() >= 6);
    assertTrue(
        list.stream()
            .anyMatch(
                o ->
                    ((JsonObject) o).getString("name").equals("also_bought")
                        && ((JsonObject) o).getBoolean("needs_item")));
  }

  private static Response rank(String body) {
    return server.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/v1/rank"))
            .header("X-Site-Key", TestServer.SITE_KEY)
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void rankMovesWhatTheShopperWantsToTheTopOfTheStoresListing() {
    assertEquals(
        202, server.postEvents(event("purchase", "ranking-shopper", "phone-6").encode()).status());
    JsonObject listing =
        new JsonObject()
            .put("visitor", "ranking-shopper")
            .put(
                "items",
                new JsonArray().add("case-1").add("case-2").add("no-such-item").add("case-6"));
    Response r = rank(listing.encode());
    assertEquals(200, r.status(), r.body());
    assertEquals(List.of("case-6", "case-1", "case-2", "no-such-item"), r.itemIds());
    JsonObject first = r.items().getJsonObject(0);
    assertTrue(first.getBoolean("personal"));
    assertTrue(first.getString("explanation").contains("because you bought"), first.encode());
    assertFalse(r.items().getJsonObject(3).getBoolean("in_catalog"));

    Response asIs = rank(listing.copy().put("visitor", "nobody-known").encode());
    assertEquals(List.of("case-1", "case-2", "no-such-item", "case-6"), asIs.itemIds());
  }

  @Test
  void rankRefusesAMalformedListingSayingWhere() {
    Response missing = rank("{\"visitor\": \"v\"}");
    assertEquals(400, missing.status());
    assertTrue(missing.body().contains("\"items\""), missing.body());
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 1001; i++) tooMany.add("x" + i);
    Response big = rank(new JsonObject().put("items", tooMany).encode());
    assertEquals(400, big.status(), big.body());
    Response badEntry = rank("{\"items\": [\"a\", {\"id\": 1}]}");
    assertEquals(400, badEntry.status());
    assertTrue(badEntry.body().contains("items[1]"), badEntry.body());
  }

  @Test
  void searchFindsItemsDespiteATypoAndNeedsItsText() {
    Response r = server.get("/v1/search?q=phnes&limit=5");
    assertEquals(200, r.status(), r.body());
    assertEquals("search", r.json().getString("block"));
    assertEquals(5, r.itemIds().size());
    assertTrue(r.itemIds().stream().allMatch(id -> id.startsWith("phone-")), r.body());
    assertEquals("search_personal", r.items().getJsonObject(0).getString("source"));
    Response missing = server.get("/v1/search");
    assertEquals(400, missing.status());
    assertEquals("missing_context", missing.json().getString("error"));
  }
}
