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
    assertEquals(
        "8 customers who bought “Phones item phone-3” also bought this",
        first.getString("explanation"),
        "the eight buyers of phone-3");
    for (String field : List.of("id", "title", "price", "score", "explanation"))
      assertTrue(first.containsKey(field), field);
  }

  @Test
  void everyItemGetsItsContentNeighboursAfterTheModelBuild() throws Exception {
    // Made on a worker after the build: 20 items take milliseconds.
    for (int wait = 0; wait < 100 && server.gauge("vitrina_content_neighbour_items") < 20; wait++)
      Thread.sleep(100);
    assertEquals(20, server.gauge("vitrina_content_neighbour_items"));
    Response r = server.get("/v1/recommendations/similar?item=case-3&limit=3");
    assertEquals(200, r.status(), r.body());
    assertFalse(r.itemIds().contains("case-9"), "sold out, though its list may name it");
    assertEquals("similar", r.items().getJsonObject(0).getString("source"));
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
      // recently_viewed shows the shopper's own items only, unless a fallback is asked for.
      String fallback = algorithm.equals("recently_viewed") ? "&fallback=popular" : "";
      Response r =
          server.get(
              "/v1/recommendations/"
                  + algorithm
                  + "?item=phone-9&visitor=buyer-9-0&limit=20"
                  + fallback);
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

  private static List<String> sources(Response r) {
    return r.items().stream().map(o -> ((JsonObject) o).getString("source")).toList();
  }

  @Test
  void theAnswerSaysHowManyItemsFallbacksFilledAndAFallbackCanBeTurnedOff() {
    Response padded = server.get("/v1/recommendations/also_viewed?item=phone-3&limit=6");
    assertEquals(200, padded.status(), padded.body());
    long notOwn = sources(padded).stream().filter(s -> !s.equals("also_viewed")).count();
    assertTrue(notOwn > 0, padded.body());
    assertEquals((int) notOwn, padded.json().getInteger("fallback_items"));
    assertEquals(new JsonArray(), padded.json().getJsonArray("reordered_by"));

    Response own = server.get("/v1/recommendations/also_viewed?item=phone-3&limit=6&fallback=none");
    assertEquals(0, own.json().getInteger("fallback_items"));
    assertFalse(own.itemIds().isEmpty());
    assertTrue(sources(own).stream().allMatch("also_viewed"::equals), own.body());

    Response named =
        server.get("/v1/recommendations/also_viewed?item=phone-3&limit=6&fallback=popular");
    assertTrue(
        sources(named).stream().allMatch(s -> s.equals("also_viewed") || s.equals("popular")),
        named.body());

    for (String bad : List.of("bestsellers", "popular,,similar")) {
      Response r = server.get("/v1/recommendations/popular?fallback=" + bad);
      assertEquals(400, r.status(), r.body());
      assertEquals("invalid_parameter", r.json().getString("error"));
      assertEquals("fallback", r.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
  }

  @Test
  void aNewVisitorsRecentlyViewedIsEmptyUnlessAFallbackIsAskedFor() {
    Response none = server.get("/v1/recommendations/recently_viewed?visitor=first-visit");
    assertEquals(200, none.status());
    assertEquals(List.of(), none.itemIds());
    Response padded =
        server.get("/v1/recommendations/recently_viewed?visitor=first-visit&fallback=popular");
    assertEquals(10, padded.itemIds().size());
    assertEquals(10, padded.json().getInteger("fallback_items"));
  }

  @Test
  void cartCrossSellReadsTheCartTheShoppersEventsBuilt() {
    assertEquals(
        202, server.postEvents(event("add_to_cart", "cart-shopper", "phone-2").encode()).status());
    Response r = server.get("/v1/recommendations/cart_cross_sell?visitor=cart-shopper&limit=3");
    assertEquals(200, r.status(), r.body());
    assertEquals("case-2", r.itemIds().get(0), r.body());
    assertEquals(
        "customers who bought “Phones item phone-2” (in your cart) also bought this",
        r.items().getJsonObject(0).getString("explanation"));
    Response neither = server.get("/v1/recommendations/cart_cross_sell");
    assertEquals(400, neither.status());
    assertEquals("missing_context", neither.json().getString("error"));
  }

  @Test
  void searchAnswersItsTotalItsPagesAndItsCounts() {
    Response first = server.get("/v1/search?q=phones&limit=4");
    assertEquals(200, first.status(), first.body());
    JsonObject json = first.json();
    assertEquals(10, json.getInteger("total"), "ten phones match");
    assertEquals(0, json.getInteger("offset"));
    assertEquals(4, first.itemIds().size());
    JsonObject facets = json.getJsonObject("facets");
    assertTrue(
        facets
            .getJsonArray("categories")
            .contains(new JsonObject().put("value", "Phones").put("count", 10)),
        facets.encode());
    int brands = 0;
    for (Object o : facets.getJsonArray("brands")) brands += ((JsonObject) o).getInteger("count");
    assertEquals(10, brands);
    assertEquals(
        new JsonArray()
            .add(
                new JsonObject()
                    .put("value", "200-500")
                    .put("min", 200.0)
                    .put("max", 500.0)
                    .put("count", 10)),
        facets.getJsonArray("price_bands"));

    List<String> all = new java.util.ArrayList<>(first.itemIds());
    all.addAll(server.get("/v1/search?q=phones&limit=4&offset=4").itemIds());
    Response last = server.get("/v1/search?q=phones&limit=4&offset=8&fallback=none");
    assertEquals(8, last.json().getInteger("offset"));
    assertEquals(0, last.json().getInteger("fallback_items"));
    all.addAll(last.itemIds());
    assertEquals(10, new HashSet<>(all).size(), "pages hold every phone once: " + all);
    assertEquals(10, all.size());

    Response padded = server.get("/v1/search?q=phones&limit=4&offset=8");
    assertEquals(2, padded.json().getInteger("fallback_items"), padded.body());

    for (String offset : List.of("-1", "991", "two")) {
      Response bad = server.get("/v1/search?q=phones&offset=" + offset);
      assertEquals(400, bad.status(), offset + ": " + bad.body());
      assertEquals("offset", bad.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
  }
}
