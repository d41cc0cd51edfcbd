package io.vitrina.server;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.demo.DemoStore;
import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.server.TestServer.Response;
import io.vitrina.server.demo.DemoLoader;
import io.vitrina.server.experiments.ExperimentsCapability;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the README promises: the demo store serves personal blocks to known and unknown visitors,
 * and every algorithm of the catalogue fills a block on it.
 */
class DemoStoreServiceTest {
  @Test
  void demoStoreServesPersonalRecommendationsToADemoVisitorAndToAStranger() throws IOException {
    // The global holdout at its default, as ./vitrina start runs the demo.
    String globalHoldout = Double.toString(ExperimentsCapability.Settings.DEFAULTS.globalHoldout());
    try (WebhookReceiver receiver = WebhookReceiver.start();
        TestServer server =
            TestServer.start(
                "--demo",
                "--experiments-global-holdout",
                globalHoldout,
                "--triggers-scan-interval",
                "PT1S",
                "--triggers-webhook-url",
                receiver.url(),
                "--triggers-webhook-secret",
                "demo-webhook-secret-0123456789")) {
      assertEquals(DemoStore.DEFAULT_ITEMS, server.get("/ready").json().getInteger("items"));
      server.rebuildModel();
      Response known =
          server.get(
              "/v1/recommendations/personal?visitor=" + DemoStore.DEMO_VISITOR_ID + "&limit=10");
      assertEquals(10, known.itemIds().size(), known.body());
      assertTrue(
          known.items().stream()
              .anyMatch(o -> ((JsonObject) o).getString("source").equals("personal")),
          "the demo visitor's history drives at least part of the block: " + known.body());
      Response stranger = server.get("/v1/recommendations/personal?visitor=somebody-new&limit=10");
      assertEquals(10, stranger.itemIds().size(), stranger.body());
      assertTrue(server.sqlLong("SELECT count(*) FROM events") > 10_000);
      everyAlgorithmFillsABlockWithExplanations(server);
      groupBestSellersAnswerFromTheirGroups(server);
      everyDemoBlockAnswersOnItsPage(server);
      purchaseBlocksAnswerFromTheirOwnIndicatorsForTheHead(server);
      everyExampleShowsTheBlockItNames(server);
      theDemosSegmentsHaveMembers(server);
      aShopperWhoLeavesTheirCartGetsTheAbandonedCartMessage(server, receiver);
      theDemosCampaignsAndSlotsAreValidAndDecided(server);
      theDemoExperimentShowsTheBlocksIncrementalRevenue(server);
    }
  }

  /**
   * The demo's experiment ({@code home-for-you} against a holdout) runs itself with simulated
   * shoppers who buy more when they see the block: its report shows a positive incremental revenue
   * per shopper whose (sequential) interval excludes zero, next to the click-through and
   * view-through figures.
   */
  private static void theDemoExperimentShowsTheBlocksIncrementalRevenue(TestServer server) {
    JsonObject report = null;
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      Response r =
          server.admin("GET", "/v1/admin/experiments/demo-home-for-you/report", null, null);
      if (r.status() == 200) {
        report = r.json();
        // Each simulated shopper is in the block's experiment or held out of everything.
        long shoppers = shoppers(report, null) + heldOutGlobally(server);
        if (shoppers >= 6_000) break; // the examples ask the block too
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    assertNotNull(report, "the demo experiment was not created");
    assertEquals("sequential", report.getString("method"));
    JsonObject lift =
        report.getJsonArray("metrics").stream()
            .map(o -> (JsonObject) o)
            .filter(m -> m.getString("metric").equals("revenue_per_shopper"))
            .findFirst()
            .orElseThrow()
            .getJsonArray("comparisons")
            .getJsonObject(0)
            .getJsonObject("absolute");
    assertTrue(lift.getDouble("low") > 0, "the lift's interval excludes zero: " + report.encode());
    JsonObject personal =
        report.getJsonArray("arms").stream()
            .map(o -> (JsonObject) o)
            .filter(a -> a.getString("key").equals("personal"))
            .findFirst()
            .orElseThrow();
    JsonObject attribution = personal.getJsonObject("attribution");
    assertTrue(attribution.getDouble("click_through") > 0, attribution.encode());
    assertTrue(
        attribution.getDouble("view_through") >= attribution.getDouble("click_through"),
        attribution.encode());
    assertTrue(attribution.getDouble("incremental") > 0, attribution.encode());
    long held = heldOutGlobally(server);
    assertTrue(held > 150 && held < 450, "about 5% of 6,000 simulated shoppers: " + held);
  }

  /** The shoppers of the report's arm, or of all its arms. */
  private static long shoppers(JsonObject report, String arm) {
    return report.getJsonArray("arms").stream()
        .map(o -> (JsonObject) o)
        .filter(a -> arm == null || a.getString("key").equals(arm))
        .mapToLong(a -> a.getLong("shoppers"))
        .sum();
  }

  private static long heldOutGlobally(TestServer server) {
    Response r = server.admin("GET", "/v1/admin/experiments/global-holdout/report", null, null);
    assertEquals(200, r.status(), r.body());
    return shoppers(r.json(), "holdout");
  }

  /**
   * The demo has enough repeat buyers that purchase-based blocks of its head are their own: of the
   * 100 best sellers, most fill three or more of an {@code also_bought} and a {@code
   * cart_cross_sell} block of five from indicators rather than from their fallbacks (about 73 for
   * {@code also_bought}; one, with a week of traffic, before the demo had returning buyers).
   */
  private static void purchaseBlocksAnswerFromTheirOwnIndicatorsForTheHead(TestServer server) {
    for (String page : List.of("also_bought?item=", "cart_cross_sell?cart=")) {
      String algorithm = page.substring(0, page.indexOf('?'));
      int own = 0;
      for (String item : server.get("/v1/recommendations/popular?limit=100").itemIds()) {
        Response block = server.get("/v1/recommendations/" + page + item + "&limit=5");
        long fromIndicators =
            block.items().stream().filter(o -> algorithm.equals(source((JsonObject) o))).count();
        if (fromIndicators >= 3) own++;
      }
      assertTrue(own >= 60, algorithm + " fills most of its block for " + own + " of 100");
    }
  }

  /**
   * The start banner's and the README's requests, on the demo store: each is answered by the
   * algorithm (or the block's algorithm) it names, but the new visitor's, the cold-start example.
   */
  private static void everyExampleShowsTheBlockItNames(TestServer server) throws IOException {
    List<String> examples = new ArrayList<>(DemoLoader.EXAMPLES);
    Matcher curl =
        Pattern.compile(
                "curl '(?:http://127\\.0\\.0\\.1:8080)(/v1/(?:recommendations|blocks)/[^']+)'")
            .matcher(Files.readString(Path.of("..", "README.md")));
    while (curl.find()) examples.add(curl.group(1).replaceAll("[?&]site_key=[^&]*", ""));
    assertTrue(
        examples.size() > DemoLoader.EXAMPLES.size(), "the README's examples were not found");
    for (String example : examples) {
      Response block = server.get(example);
      assertEquals(200, block.status(), example + ": " + block.body());
      String expected =
          example.contains("visitor=someone-new") ? "popular" : block.json().getString("algorithm");
      assertEquals(expected, source(block.items().getJsonObject(0)), example + ": " + block.body());
    }
  }

  private static String source(JsonObject item) {
    return item.getString("source");
  }

  /**
   * The demo's pop-up and slots pass the validation a store's would (each saved back as it is
   * read), and a stranger's page gets the slots' defaults.
   */
  private static void theDemosCampaignsAndSlotsAreValidAndDecided(TestServer server) {
    for (String path :
        List.of(
            "/v1/admin/campaigns/cart-exit",
            "/v1/admin/slots/home-hero",
            "/v1/admin/slots/cart-sidebar")) {
      Response saved = server.admin("GET", path, null, null);
      assertEquals(200, saved.status(), path + ": " + saved.body());
      Response again = server.admin("PUT", path, "application/json", saved.body());
      assertEquals(200, again.status(), path + ": " + again.body());
    }
    JsonObject slots =
        server
            .get("/v1/decide?visitor=somebody-new&url=/demo/&slots=home-hero,cart-sidebar")
            .json()
            .getJsonObject("slots");
    assertEquals("default", slots.getJsonObject("home-hero").getString("variant"), slots.encode());
    assertEquals("default", slots.getJsonObject("cart-sidebar").getString("variant"));
  }

  /**
   * The demo's shoppers fill the lifecycle stages and RFM groups, and each of the demo's rule
   * segments.
   */
  private static void theDemosSegmentsHaveMembers(TestServer server) {
    Response all = server.admin("GET", "/v1/admin/segments", null, null);
    assertEquals(200, all.status(), all.body());
    java.util.Map<String, Integer> members = new java.util.TreeMap<>();
    all.json()
        .getJsonArray("segments")
        .forEach(
            s ->
                members.put(
                    ((JsonObject) s).getString("id"), ((JsonObject) s).getInteger("members")));
    System.out.println("Demo segments: " + members);
    for (String id :
        List.of(
            "lifecycle:never_bought",
            "lifecycle:new",
            "rfm:champions",
            "rfm:hibernating",
            "phone-browsers",
            "cart-left-behind",
            "best-customers-lately"))
      assertTrue(members.getOrDefault(id, 0) > 0, id + " has no members: " + members);
  }

  /**
   * A shopper of the demo store who puts two best sellers in the cart and leaves gets the
   * abandoned-cart message with those items, in the pull (paged through the demo's own messages)
   * and at the store's webhook.
   */
  private static void aShopperWhoLeavesTheirCartGetsTheAbandonedCartMessage(
      TestServer server, WebhookReceiver receiver) {
    List<String> cart = server.get("/v1/recommendations/popular?limit=2").itemIds();
    String visitor = "demo-cart-leaver";
    java.time.Instant left = java.time.Instant.now().minus(java.time.Duration.ofHours(2));
    JsonArray events = new JsonArray();
    for (String item : cart) {
      events.add(
          TestServer.event("view_item", visitor, item)
              .put("timestamp", left.minusSeconds(60).toString()));
      events.add(TestServer.event("add_to_cart", visitor, item).put("timestamp", left.toString()));
    }
    assertEquals(202, server.postEvents(events.encode()).status());

    JsonObject pulled = null;
    JsonObject pushed = null;
    long deadline = System.nanoTime() + 60_000_000_000L;
    while ((pulled == null || pushed == null) && System.nanoTime() < deadline) {
      if (pulled == null) pulled = pulledMessageOf(server, visitor);
      if (pushed == null) pushed = receiver.messageOf(visitor);
      sleep(250);
    }
    assertNotNull(pulled, "no message for " + visitor + " in the pull");
    assertNotNull(pushed, "no message for " + visitor + " at the webhook");
    for (JsonObject message : List.of(pulled, pushed)) {
      assertEquals("abandoned_cart", message.getString("kind"), message.encode());
      List<String> items =
          message.getJsonArray("items").stream()
              .map(o -> ((JsonObject) o).getString("id"))
              .toList();
      assertTrue(items.containsAll(cart), "the cart's items " + cart + ": " + message.encode());
    }
    assertEquals(pulled.getString("id"), pushed.getString("id"), "the same message");
  }

  /** The shopper's message in the pull, paging from the start through every message before it. */
  private static JsonObject pulledMessageOf(TestServer server, String visitor) {
    String after = "0";
    while (true) {
      Response page =
          server.admin("GET", "/v1/admin/triggers/fired?limit=1000&after=" + after, null, null);
      assertEquals(200, page.status(), page.body());
      for (Object o : page.items()) {
        JsonObject message = (JsonObject) o;
        if (visitor.equals(message.getJsonObject("shopper").getString("visitor_id")))
          return message;
      }
      if (!page.json().getBoolean("more")) return null;
      after = page.json().getString("next");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** A store's webhook endpoint: a real HTTP server that accepts every message and keeps it. */
  private record WebhookReceiver(com.sun.net.httpserver.HttpServer http, List<JsonObject> messages)
      implements AutoCloseable {
    static WebhookReceiver start() throws IOException {
      com.sun.net.httpserver.HttpServer http =
          com.sun.net.httpserver.HttpServer.create(
              new java.net.InetSocketAddress("127.0.0.1", 0), 0);
      List<JsonObject> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
      http.createContext(
          "/hooks/vitrina",
          exchange -> {
            try (exchange) {
              messages.add(
                  new JsonObject(
                      new String(
                          exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
              exchange.sendResponseHeaders(204, -1);
            }
          });
      http.start();
      return new WebhookReceiver(http, messages);
    }

    String url() {
      return "http://127.0.0.1:" + http.getAddress().getPort() + "/hooks/vitrina";
    }

    JsonObject messageOf(String visitor) {
      return messages.stream()
          .filter(m -> visitor.equals(m.getJsonObject("shopper").getString("visitor_id")))
          .findFirst()
          .orElse(null);
    }

    @Override
    public void close() {
      http.stop(0);
    }
  }

  /** The demo's visitors have regions and segments: their group's list, not the fallback. */
  private static void groupBestSellersAnswerFromTheirGroups(TestServer server) {
    for (String name : List.of("geo_popular", "segment_popular")) {
      Response block =
          server.get(
              "/v1/recommendations/" + name + "?limit=5&visitor=" + DemoStore.DEMO_VISITOR_ID);
      assertTrue(
          block.items().stream().anyMatch(o -> ((JsonObject) o).getString("source").equals(name)),
          name + " fell back: " + block.body());
    }
  }

  /** The demo's blocks, each asked on the page it is for. */
  private static void everyDemoBlockAnswersOnItsPage(TestServer server) {
    String item = server.get("/v1/recommendations/popular?limit=1").itemIds().get(0);
    JsonArray path =
        server
            .admin("GET", "/v1/admin/items/" + item, null, null)
            .json()
            .getJsonArray("categories");
    String category = URLEncoder.encode(path.getString(path.size() - 1), StandardCharsets.UTF_8);
    JsonArray blocks =
        server.admin("GET", "/v1/admin/blocks", null, null).json().getJsonArray("blocks");
    assertTrue(blocks.size() >= 10, blocks.encode());
    for (Object entry : blocks) {
      String name = ((JsonObject) entry).getString("name");
      String page =
          name.startsWith("item-")
              ? "&item=" + item
              : name.startsWith("category-")
                  ? "&category=" + category
                  : name.startsWith("cart-")
                      ? "&cart=" + item
                      : name.startsWith("search-") ? "&q=" + category : "";
      Response block =
          server.get("/v1/blocks/" + name + "?visitor=" + DemoStore.DEMO_VISITOR_ID + page);
      assertEquals(200, block.status(), name + ": " + block.body());
      assertFalse(block.itemIds().isEmpty(), name + " is empty: " + block.body());
      assertEquals(name, block.json().getString("block"));
    }
  }

  /**
   * Every algorithm of {@code GET /v1/algorithms} answers the demo visitor on an item page of a
   * best seller, its category and a cart holding it (padded by popular items where the algorithm
   * has no fallback of its own).
   */
  private static void everyAlgorithmFillsABlockWithExplanations(TestServer server) {
    String item = server.get("/v1/recommendations/popular?limit=1").itemIds().get(0);
    JsonObject stored = server.admin("GET", "/v1/admin/items/" + item, null, null).json();
    JsonArray path = stored.getJsonArray("categories");
    String category = path.getString(path.size() - 1);
    JsonArray algorithms = server.get("/v1/algorithms").json().getJsonArray("algorithms");
    assertEquals(AlgorithmCatalog.standard().all().size(), algorithms.size());
    for (Object entry : algorithms) {
      JsonObject algorithm = (JsonObject) entry;
      String name = algorithm.getString("name");
      StringBuilder query =
          new StringBuilder("/v1/recommendations/" + name + "?limit=5&visitor=")
              .append(DemoStore.DEMO_VISITOR_ID);
      JsonArray requires = algorithm.getJsonArray("requires");
      if (requires.contains("item")) query.append("&item=").append(item);
      if (requires.contains("category"))
        query.append("&category=").append(URLEncoder.encode(category, StandardCharsets.UTF_8));
      if (requires.contains("cart")) query.append("&cart=").append(item);
      if (requires.contains("search")) query.append("&q=").append(category);
      // The shopper's own lists are not padded by default: what the demo visitor lacks (a due
      // repurchase, a restock) comes from popular, asked for.
      if (algorithm.getJsonArray("fallbacks").isEmpty()) query.append("&fallback=popular");
      Response block = server.get(query.toString());
      assertEquals(200, block.status(), name + ": " + block.body());
      assertFalse(block.itemIds().isEmpty(), name + " returned nothing: " + block.body());
      for (Object one : block.items())
        assertFalse(
            ((JsonObject) one).getString("explanation", "").isBlank(),
            name + " left an item unexplained: " + block.body());
    }
  }
}
