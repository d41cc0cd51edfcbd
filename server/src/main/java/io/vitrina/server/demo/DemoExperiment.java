package io.vitrina.server.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.experiment.GlobalHoldout;
import io.vitrina.server.http.ApiSettings;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.Job;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's experiment: its home page block ({@code home-for-you}, {@code personal}) against a
 * holdout, run by simulated shoppers through the public API once the service listens, as a
 * storefront would: each asks for the block, the block's shoppers see it and click in it, and they
 * buy more often than the holdout's, so the report shows what a block that works looks like. Once:
 * a store that has the experiment already (a restart, or one made by hand) is left alone.
 */
public final class DemoExperiment implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(DemoExperiment.class);

  static final String ID = "demo-home-for-you";
  static final String BLOCK = "home-for-you";

  /** Shoppers the simulation sends: enough for the relative lift's interval to exclude zero too. */
  static final int SHOPPERS = 6_000;

  /** How often a shopper buys: one who sees the block buys one of its items this often. */
  static final double BUYS_FROM_BLOCK = 0.25;

  /**
   * One in the global holdout sees the block without personalization (the bestsellers an anonymous
   * shopper gets) and buys from it less often.
   */
  static final double BUYS_UNPERSONALIZED = 0.12;

  static final double BUYS_IN_HOLDOUT = 0.08;
  static final double CLICKS = 0.5;
  private static final int BATCH = 200;
  private static final long SEED = 23;

  private final Vertx vertx;
  private final String base;
  private final ApiSettings api;
  private final HttpClient http = HttpClient.newHttpClient();

  public DemoExperiment(Vertx vertx, ApiSettings api) {
    this.vertx = vertx;
    this.api = api;
    String host =
        api.host().equals("0.0.0.0") || api.host().equals("::") ? "127.0.0.1" : api.host();
    this.base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + api.port();
  }

  @Override
  public List<Job> jobs() {
    // Once per store: far apart, and it does nothing when the experiment exists.
    return List.of(
        Job.oncePerCluster("demo experiment", Duration.ofDays(3650), this::runOnce)
            .startingAfter(Duration.ofSeconds(1)));
  }

  private Future<Void> runOnce() {
    return vertx.executeBlocking(
        () -> {
          if (admin("GET", "/v1/admin/experiments/" + ID, null).statusCode() == 200) return null;
          long started = System.nanoTime();
          create();
          simulate();
          LOG.info(
              "Demo experiment {} ran {} simulated shoppers in {} ms: GET /v1/admin/experiments/{}/report",
              ID,
              SHOPPERS,
              (System.nanoTime() - started) / 1_000_000,
              ID);
          return null;
        },
        false);
  }

  private void create() throws IOException, InterruptedException {
    JsonObject experiment =
        new JsonObject()
            .put("id", ID)
            .put("placement", new JsonObject().put("block", BLOCK))
            .put(
                "arms",
                new JsonArray()
                    .add(new JsonObject().put("key", "holdout").put("holdout", true))
                    .add(new JsonObject().put("key", "personal")))
            .put("primary_metric", "revenue_per_shopper")
            .put("guardrails", new JsonArray().add("average_order_value"));
    expect(201, admin("POST", "/v1/admin/experiments", experiment.encode()));
    expect(200, admin("POST", "/v1/admin/experiments/" + ID + "/start", null));
  }

  private void simulate() throws IOException, InterruptedException {
    SplittableRandom random = new SplittableRandom(SEED);
    JsonArray elsewhere =
        json(storefront("/v1/recommendations/popular?limit=50")).getJsonArray("items");
    JsonArray events = new JsonArray();
    for (int s = 0; s < SHOPPERS; s++) {
      String visitor = "demo-experiment-" + s;
      JsonObject answer = json(storefront("/v1/blocks/" + BLOCK + "?visitor=" + visitor));
      JsonArray shown = answer.getJsonArray("items");
      String token = answer.getString("token");
      JsonObject bought = null;
      if (!shown.isEmpty()) {
        events.add(event("view_item_list", visitor, token, shown));
        JsonObject clicked = shown.getJsonObject(random.nextInt(shown.size()));
        if (random.nextDouble() < CLICKS)
          events.add(event("select_item", visitor, token, new JsonArray().add(clicked)));
        double buys = heldOutGlobally(answer) ? BUYS_UNPERSONALIZED : BUYS_FROM_BLOCK;
        if (random.nextDouble() < buys) bought = clicked;
      } else if (random.nextDouble() < BUYS_IN_HOLDOUT && !elsewhere.isEmpty()) {
        bought = elsewhere.getJsonObject(random.nextInt(elsewhere.size()));
      }
      if (bought != null) events.add(purchase(visitor, "demo-experiment-order-" + s, bought));
      if (events.size() >= BATCH || s == SHOPPERS - 1) {
        expect(202, post("/v1/events", events.encode()));
        events = new JsonArray();
      }
    }
  }

  private static boolean heldOutGlobally(JsonObject answer) {
    JsonObject experiment = answer.getJsonObject("experiment");
    return experiment != null
        && experiment.getString("id").equals(GlobalHoldout.ID)
        && experiment.getString("arm").equals(GlobalHoldout.HOLDOUT);
  }

  private static JsonObject event(String name, String visitor, String token, JsonArray items) {
    JsonArray lines = new JsonArray();
    for (Object o : items)
      lines.add(new JsonObject().put("item_id", ((JsonObject) o).getString("id")));
    return new JsonObject()
        .put("name", name)
        .put("visitor_id", visitor)
        .put("item_list_id", BLOCK)
        .put("attribution_token", token)
        .put("items", lines);
  }

  private static JsonObject purchase(String visitor, String order, JsonObject item) {
    double price = item.getDouble("price", 0.0);
    return new JsonObject()
        .put("name", "purchase")
        .put("visitor_id", visitor)
        .put("transaction_id", order)
        .put("value", price)
        .put("currency", "RUB")
        .put(
            "items",
            new JsonArray()
                .add(new JsonObject().put("item_id", item.getString("id")).put("price", price)));
  }

  private HttpResponse<String> admin(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).header("X-Admin-Key", api.adminKey());
    if (body == null) request.method(method, HttpRequest.BodyPublishers.noBody());
    else
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> storefront(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).header("X-Site-Key", api.siteKey()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("X-Site-Key", api.siteKey())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(HttpResponse<String> response) {
    expect(200, response);
    return new JsonObject(response.body());
  }

  private static void expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status)
      throw new IllegalStateException(
          response.request().uri().getPath()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
  }
}
