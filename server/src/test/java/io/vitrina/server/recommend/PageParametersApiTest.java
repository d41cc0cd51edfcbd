package io.vitrina.server.recommend;

import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a storefront page gets wrong is named, all at once, rather than answered as if it were
 * right: a misspelled or unknown parameter, a value over a documented limit, a category or an item
 * the catalog does not have. Categories match without regard to case.
 */
class PageParametersApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 6; i++) {
      items.add(item("phone-" + i, "Phones", 300 + i, 5));
      items.add(item("case-" + i, "Cases", 10 + i, 5));
    }
    server.upsertItems(items);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Response rank(String query, JsonObject body) {
    return server.send(
        HttpRequest.newBuilder(URI.create(server.base() + "/v1/rank" + query))
            .header("X-Site-Key", TestServer.SITE_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  @Test
  void aMisspelledParameterIsRefusedNamingTheOneItMeant() {
    for (String path : List.of("/v1/recommendations/popular", "/v1/search?q=phone&")) {
      String url = path + (path.contains("?") ? "" : "?") + "limt=3";
      Response r = server.get(url);
      assertEquals(400, r.status(), url + ": " + r.body());
      assertEquals("invalid_parameter", r.json().getString("error"));
      assertEquals("unknown parameter; did you mean \"limit\"?", r.problem("limt"), r.body());
    }
  }

  @Test
  void everyWrongParameterIsNamedAtOnce() {
    Response r =
        server.get(
            "/v1/recommendations/popular?limt=3&vistor=a&price_min=cheap&utm_source=x&limit=500");
    assertEquals(400, r.status(), r.body());
    assertEquals(5, r.json().getJsonArray("errors").size(), r.body());
    assertEquals("unknown parameter; did you mean \"limit\"?", r.problem("limt"));
    assertEquals("unknown parameter; did you mean \"visitor\"?", r.problem("vistor"));
    assertEquals("must be a number, was 'cheap'", r.problem("price_min"));
    assertEquals("must be between 1 and 100, was 500", r.problem("limit"));
    String unknown = r.problem("utm_source");
    assertTrue(
        unknown.startsWith("unknown parameter; the parameters here are category, limit"), unknown);
    assertFalse(unknown.contains("did you mean"), unknown);
  }

  @Test
  void theSiteKeyMayComeAsAParameterOfEveryEndpoint() {
    String key = "site_key=" + TestServer.SITE_KEY;
    for (String url :
        List.of(
            "/v1/recommendations/popular?limit=2&" + key,
            "/v1/search?q=phone&" + key,
            "/v1/algorithms?" + key)) {
      Response r = server.send(HttpRequest.newBuilder(URI.create(server.base() + url)).GET());
      assertEquals(200, r.status(), url + ": " + r.body());
    }
    assertEquals(
        200, rank("?" + key, new JsonObject().put("items", new JsonArray().add("x"))).status());
  }

  @Test
  void endpointsWithoutParametersRefuseAny() {
    Response algorithms = server.get("/v1/algorithms?verbose=1");
    assertEquals(400, algorithms.status(), algorithms.body());
    assertEquals(
        "unknown parameter; did you mean \"site_key\"?",
        server.get("/v1/algorithms?site_ky=k").problem("site_ky"));
    Response ranked = rank("?visitor=v", new JsonObject().put("items", new JsonArray().add("x")));
    assertEquals(400, ranked.status(), ranked.body());
    assertNotNull(ranked.problem("visitor"), ranked.body());
  }

  @Test
  void aScalarParameterGivenTwiceIsRefusedAndAListAddsUp() {
    Response twice = server.get("/v1/recommendations/popular?limit=2&limit=3");
    assertEquals(400, twice.status());
    assertEquals("is given 2 times; give it once", twice.problem("limit"));
    Response lists =
        server.get("/v1/recommendations/popular?limit=12&exclude=phone-1&exclude=phone-2,case-1");
    assertEquals(200, lists.status(), lists.body());
    assertEquals(9, lists.itemIds().size(), lists.body());
  }

  @Test
  void documentedLimitsAreEnforced() {
    Response longest = server.get("/v1/search?q=" + "a".repeat(200));
    assertEquals(200, longest.status(), longest.body());
    Response tooLong = server.get("/v1/search?q=" + "a".repeat(201));
    assertEquals(400, tooLong.status());
    assertEquals("is longer than 200 characters", tooLong.problem("q"));
    assertEquals(
        "is longer than 200 characters",
        server.get("/v1/recommendations/popular?visitor=" + "v".repeat(201)).problem("visitor"));
    assertEquals(
        "must be 1-64 letters, digits or _.:-, was '" + "b".repeat(65) + "'",
        server.get("/v1/recommendations/popular?block=" + "b".repeat(65)).problem("block"));
    assertEquals(
        "must be between 1 and 100, was 0",
        server.get("/v1/recommendations/popular?limit=0").problem("limit"));
    StringBuilder cart = new StringBuilder("c0");
    for (int i = 1; i <= 200; i++) cart.append(",c").append(i);
    assertEquals(
        "has 201 entries; at most 200",
        server.get("/v1/recommendations/cart_cross_sell?cart=" + cart).problem("cart"));
  }

  @Test
  void aMisspelledFieldOfARankedListingIsRefused() {
    Response r =
        rank("", new JsonObject().put("visitr", "v").put("items", new JsonArray().add("phone-1")));
    assertEquals(400, r.status(), r.body());
    assertEquals("invalid_input", r.json().getString("error"));
    assertEquals("unknown field; did you mean \"visitor\"?", r.problem("visitr"));
  }

  @Test
  void categoriesMatchWithoutRegardToCase() {
    List<String> exact = server.get("/v1/recommendations/popular?category=Phones").itemIds();
    assertEquals(6, exact.size(), exact.toString());
    assertTrue(exact.stream().allMatch(id -> id.startsWith("phone-")), exact.toString());
    assertEquals(exact, server.get("/v1/recommendations/popular?category=phones").itemIds());
    Response page = server.get("/v1/recommendations/category_popular?category=CASES&limit=3");
    assertEquals(200, page.status(), page.body());
    assertTrue(page.itemIds().stream().allMatch(id -> id.startsWith("case-")), page.body());
  }

  @Test
  void anUnknownCategoryIsNamedWithTheNearestOnes() {
    Response near = server.get("/v1/recommendations/category_popular?category=phonez");
    assertEquals(404, near.status(), near.body());
    assertEquals("unknown_category", near.json().getString("error"));
    assertEquals(
        "no item is under the category 'phonez'; did you mean Phones?", near.problem("category"));
    Response far = server.get("/v1/recommendations/popular?category=Garden");
    assertEquals(404, far.status(), far.body());
    assertEquals("no item is under the category 'Garden'", far.problem("category"));
  }

  @Test
  void anUnknownItemOnAnItemPageIsNamed() {
    Response r = server.get("/v1/recommendations/similar?item=ghost");
    assertEquals(404, r.status(), r.body());
    assertEquals("unknown_item", r.json().getString("error"));
    assertEquals("item 'ghost' is not in the catalog", r.problem("item"));
    Response doesWithout = server.get("/v1/recommendations/popular?item=ghost&limit=3");
    assertEquals(200, doesWithout.status(), "the feed may not have brought it yet");
    assertEquals(3, doesWithout.itemIds().size());
  }
}
