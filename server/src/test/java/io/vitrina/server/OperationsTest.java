package io.vitrina.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestServer.Response;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator relies on: health, readiness, metrics, API docs, configuration, CORS, stop and
 * restart.
 */
class OperationsTest {
  private static final String SHOP = "http://shop.example";
  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start(new String[] {"--cors-origins", SHOP});
    upsert(
        server,
        new JsonArray()
            .add(TestServer.item("ops-1", "Lamps", 20, 5))
            .add(TestServer.item("ops-2", "Lamps", 30, 5)));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) server.close();
  }

  // ------------------------------------------------------------------ probes and docs

  @Test
  void healthAnswers200() {
    Response r = server.get("/health");
    assertEquals(200, r.status());
    assertEquals("up", r.json().getString("status"));
  }

  @Test
  void readyAnswers200WithTheItemCount() {
    Response r = server.get("/ready");
    assertEquals(200, r.status(), r.body());
    assertEquals("ready", r.json().getString("status"));
    assertTrue(r.json().getInteger("items") >= 2, r.body());
  }

  @Test
  void metricsArePrometheusTextWithLatencyQuantilesPerRoutePattern() {
    for (int i = 0; i < 5; i++)
      assertEquals(200, server.get("/v1/recommendations/popular?limit=3").status());
    assertEquals(200, server.get("/v1/recommendations/similar?item=ops-1").status());
    server.get("/no-such-page-" + System.nanoTime());

    Response r = server.get("/metrics");
    assertEquals(200, r.status());
    assertTrue(
        r.headers().get("content-type").get(0).startsWith("text/plain"), r.headers().toString());
    String text = r.body();
    String series =
        "vitrina_http_request_duration_seconds{method=\"GET\",route=\"/v1/recommendations/:algorithm\"";
    assertTrue(text.contains(series), text);
    for (String q : List.of("0.5", "0.9", "0.99")) {
      Pattern line =
          Pattern.compile(
              Pattern.quote(series) + ",status=\"2xx\",quantile=\"" + q + "\"} [0-9.Ee-]+\\n");
      assertTrue(line.matcher(text).find(), "no quantile " + q + " line in\n" + text);
    }
    Matcher count =
        Pattern.compile(
                Pattern.quote(
                        "vitrina_http_request_duration_seconds_count{method=\"GET\",route=\"/v1/recommendations/:algorithm\",status=\"2xx\"} ")
                    + "(\\d+)")
            .matcher(text);
    assertTrue(count.find(), text);
    assertTrue(Long.parseLong(count.group(1)) >= 6, text);
    // Labels are route patterns, never raw paths: the label set stays bounded.
    assertFalse(text.contains("route=\"/v1/recommendations/popular\""), text);
    assertFalse(text.contains("no-such-page"), text);
    assertTrue(Pattern.compile("(?m)^vitrina_catalog_items \\d+$").matcher(text).find(), text);
    assertTrue(text.contains("# TYPE vitrina_catalog_items gauge"), text);
  }

  @Test
  void openApiDescriptionIsServed() {
    Response r = server.get("/openapi.yaml");
    assertEquals(200, r.status(), "GET /openapi.yaml: " + r.body());
    assertTrue(r.body().startsWith("openapi:"), r.body());
  }

  @Test
  void unknownPathAnswers404InJson() {
    Response r = server.get("/no/such/path");
    assertEquals(404, r.status());
    assertTrue(r.headers().get("content-type").get(0).startsWith("application/json"));
    assertEquals("not_found", r.json().getString("error"));
    assertTrue(r.json().getString("message").contains("/no/such/path"), r.body());
  }

  // ------------------------------------------------------------------ configuration

  @Test
  void helpListsEveryOptionWithItsEnvironmentVariable() {
    String help = ServerConfig.help();
    List<String> missing = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    for (RecordComponent c : ServerConfig.class.getRecordComponents()) {
      String flag = kebab(c.getName());
      if (!c.getType().isRecord()) flags.add(flag);
      // A subsystem's settings: flags named by its first word and each setting (demo-items).
      else
        for (RecordComponent setting : c.getType().getRecordComponents())
          flags.add(flag.split("-")[0] + "-" + kebab(setting.getName()));
    }
    for (String flag : flags) {
      String env = "VITRINA_" + flag.replace('-', '_').toUpperCase();
      if (!help.contains("--" + flag + " ")) missing.add("--" + flag);
      if (!help.contains(env)) missing.add(env);
    }
    assertEquals(List.of(), missing, help);
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
  }

  @Test
  void parseTakesFlagsOverEnvironmentOverDefaults() {
    ServerConfig defaults = ServerConfig.parse(new String[0], Map.of());
    assertEquals(8080, defaults.port());
    assertNull(defaults.pgUrl());
    assertNull(defaults.adminKey());
    assertFalse(defaults.demo());
    assertEquals(List.of("*"), defaults.corsOrigins());

    ServerConfig fromEnv =
        ServerConfig.parse(
            new String[0],
            Map.of(
                "VITRINA_PORT",
                "9090",
                "VITRINA_CORS_ORIGINS",
                "https://a.example, https://b.example"));
    assertEquals(9090, fromEnv.port());
    assertEquals(List.of("https://a.example", "https://b.example"), fromEnv.corsOrigins());

    ServerConfig flags =
        ServerConfig.parse(
            new String[] {"--port=7070", "--demo", "--model-interval", "PT5M"},
            Map.of("VITRINA_PORT", "9090"));
    assertEquals(7070, flags.port());
    assertTrue(flags.demo());
    assertEquals(Duration.ofMinutes(5), flags.modelInterval());
    assertEquals(28, defaults.demoStore().days());
    assertEquals(
        7, ServerConfig.parse(new String[] {"--demo-days", "7"}, Map.of()).demoStore().days());
  }

  @Test
  void parseRejectsAnUnknownFlagNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(new String[] {"--prot", "8080"}, Map.of()));
    assertTrue(e.getMessage().contains("--prot"), e.getMessage());
  }

  @Test
  void parseRejectsABadNumberNamingTheFlag() {
    IllegalArgumentException port =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(new String[] {"--port", "eighty"}, Map.of()));
    assertTrue(
        port.getMessage().contains("--port") && port.getMessage().contains("eighty"),
        port.getMessage());

    IllegalArgumentException limit =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(new String[] {"--event-body-limit", "1MB"}, Map.of()));
    assertTrue(limit.getMessage().contains("--event-body-limit"), limit.getMessage());

    IllegalArgumentException duration =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(new String[] {"--model-interval", "10m"}, Map.of()));
    assertTrue(duration.getMessage().contains("--model-interval"), duration.getMessage());

    IllegalArgumentException noValue =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(new String[] {"--port"}, Map.of()));
    assertTrue(noValue.getMessage().contains("--port"), noValue.getMessage());
  }

  // ------------------------------------------------------------------ requests HTTP refuses

  @Test
  void tooLongUriAndHeadersAreAnsweredInJson() {
    Response uri = server.get("/v1/recommendations/popular?brand=" + "x".repeat(10_000));
    assertEquals(414, uri.status(), uri.body());
    assertEquals("uri_too_long", uri.json().getString("error"));

    Response headers =
        server.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/health"))
                .header("X-Padding", "y".repeat(10_000))
                .GET());
    assertEquals(431, headers.status(), headers.body());
    assertEquals("headers_too_large", headers.json().getString("error"));
    assertTrue(headers.json().getString("message").contains("8192"), headers.body());
  }

  // ------------------------------------------------------------------ CORS

  @Test
  void preflightFromAnAllowedOriginIsAnswered() {
    Response r =
        server.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/v1/events"))
                .header("Origin", SHOP)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-site-key")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertTrue(r.status() == 200 || r.status() == 204, r.status() + " " + r.body());
    assertEquals(
        List.of(SHOP), r.headers().get("access-control-allow-origin"), r.headers().toString());
    String methods =
        String.join(",", r.headers().getOrDefault("access-control-allow-methods", List.of()));
    assertTrue(methods.contains("POST"), r.headers().toString());
  }

  @Test
  void requestFromAnotherOriginGetsNoAllowOrigin() {
    Response r =
        server.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/v1/recommendations/popular"))
                .header("X-Site-Key", TestServer.SITE_KEY)
                .header("Origin", "http://evil.example")
                .GET());
    assertNull(r.headers().get("access-control-allow-origin"), r.headers().toString());

    Response allowed =
        server.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/v1/recommendations/popular"))
                .header("X-Site-Key", TestServer.SITE_KEY)
                .header("Origin", SHOP)
                .GET());
    assertEquals(200, allowed.status(), allowed.body());
    assertEquals(List.of(SHOP), allowed.headers().get("access-control-allow-origin"));
  }

  // ------------------------------------------------------------------ stop and restart

  @Test
  void gracefulStopKeepsEveryAcknowledgedEvent() throws Exception {
    TestServer own = TestServer.start();
    boolean stopped = false;
    try {
      upsert(
          own,
          new JsonArray()
              .add(TestServer.item("gs-1", "Cups", 5, 9))
              .add(TestServer.item("gs-2", "Cups", 6, 9)));
      awaitSearchable(own, "gs-1", "gs-2");
      HttpClient client = HttpClient.newHttpClient();
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      int requests = 40;
      int perRequest = 25;
      for (int r = 0; r < requests; r++) {
        JsonArray batch = new JsonArray();
        for (int e = 0; e < perRequest; e++)
          batch.add(
              TestServer.event(
                  "view_item", "gs-visitor-" + r + "-" + e, e % 2 == 0 ? "gs-1" : "gs-2"));
        sent.add(client.sendAsync(eventsRequest(own, batch), HttpResponse.BodyHandlers.ofString()));
      }
      long accepted = 0;
      for (CompletableFuture<HttpResponse<String>> f : sent) {
        HttpResponse<String> response = f.get(30, TimeUnit.SECONDS);
        assertEquals(202, response.statusCode(), response.body());
        accepted += new JsonObject(response.body()).getInteger("accepted");
      }
      assertEquals(requests * perRequest, accepted);

      own.app.stop().get(1, TimeUnit.MINUTES);
      stopped = true;
      assertEquals(accepted, TestPostgres.queryLong(own.pgUrl, "SELECT count(*) FROM events"));
    } finally {
      if (!stopped) stopQuietly(own);
    }
  }

  @Test
  void stopWhileEventsAreInFlightLosesNoAcknowledgedEvent() throws Exception {
    TestServer own = TestServer.start();
    boolean stopped = false;
    try {
      upsert(own, new JsonArray().add(TestServer.item("gf-1", "Cups", 5, 9)));
      awaitSearchable(own, "gf-1");
      HttpClient client = HttpClient.newHttpClient();
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      for (int r = 0; r < 60; r++) {
        JsonArray batch = new JsonArray();
        for (int e = 0; e < 50; e++)
          batch.add(TestServer.event("view_item", "gf-visitor-" + r + "-" + e, "gf-1"));
        sent.add(client.sendAsync(eventsRequest(own, batch), HttpResponse.BodyHandlers.ofString()));
      }
      sent.get(0).get(30, TimeUnit.SECONDS);
      own.app.stop().get(1, TimeUnit.MINUTES);
      stopped = true;
      long acknowledged = 0;
      for (CompletableFuture<HttpResponse<String>> f : sent) {
        try {
          HttpResponse<String> response = f.get(30, TimeUnit.SECONDS);
          if (response.statusCode() == 202)
            acknowledged += new JsonObject(response.body()).getInteger("accepted");
          else assertEquals(503, response.statusCode(), response.body());
        } catch (java.util.concurrent.ExecutionException e) {
          assertTrue(
              e.getCause() instanceof IOException,
              e.toString()); // the connection closed: not acknowledged
        }
      }
      assertTrue(acknowledged > 0);
      long stored = TestPostgres.queryLong(own.pgUrl, "SELECT count(*) FROM events");
      assertTrue(
          stored >= acknowledged,
          "acknowledged " + acknowledged + " events, PostgreSQL has " + stored);
    } finally {
      if (!stopped) stopQuietly(own);
    }
  }

  @Test
  void restartOnTheSameDataFolderKeepsItemsAndTheGeneratedAdminKey(@TempDir Path dataDir)
      throws Exception {
    String[] args = {
      "--port",
      "0",
      "--host",
      "127.0.0.1",
      "--data-dir",
      dataDir.toString(),
      "--instances",
      "1",
      "--model-interval",
      "PT1H",
      "--popularity-interval",
      "PT1H",
      "--index-refresh",
      "PT0.1S"
    };
    ServerConfig config = ServerConfig.parse(args, Map.of());
    assertNull(config.pgUrl(), "the embedded default is what this test is about");
    assertNull(config.adminKey());
    assertFalse(config.demo());

    String firstKey;
    Vitrina first = Vitrina.start(config).get(2, TimeUnit.MINUTES);
    try {
      Path keyFile = dataDir.resolve("admin.key");
      assertTrue(Files.exists(keyFile), "no admin key generated in " + dataDir);
      firstKey = Files.readString(keyFile).trim();
      assertTrue(firstKey.length() >= 32, firstKey);
      assertEquals(firstKey, first.config().adminKey());

      JsonArray items = new JsonArray();
      for (int i = 0; i < 10; i++) items.add(TestServer.item("rs-" + i, "Restart", 10 + i, 2));
      HttpResponse<String> upsert =
          call(first, "POST", "/v1/admin/items", firstKey, items.encode());
      assertEquals(200, upsert.statusCode(), upsert.body());
      assertEquals(10, new JsonObject(upsert.body()).getInteger("upserted"));
    } finally {
      first.stop().get(1, TimeUnit.MINUTES);
    }

    Vitrina second = Vitrina.start(config).get(2, TimeUnit.MINUTES);
    try {
      assertEquals(firstKey, Files.readString(dataDir.resolve("admin.key")).trim());
      assertEquals(firstKey, second.config().adminKey());
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> item = call(second, "GET", "/v1/admin/items/rs-" + i, firstKey, null);
        assertEquals(200, item.statusCode(), "rs-" + i + " after restart: " + item.body());
        assertEquals(10.0 + i, new JsonObject(item.body()).getDouble("price"));
      }
      HttpResponse<String> ready = call(second, "GET", "/ready", null, null);
      assertEquals(200, ready.statusCode(), ready.body());
      assertEquals(10, new JsonObject(ready.body()).getInteger("items"), ready.body());
      HttpResponse<String> similar =
          call(
              second,
              "GET",
              "/v1/recommendations/similar?item=rs-3&site_key=" + second.config().siteKey(),
              null,
              null);
      assertEquals(200, similar.statusCode(), similar.body());
    } finally {
      second.stop().get(1, TimeUnit.MINUTES);
    }
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Events naming an item are only accepted once the item is searchable (an index refresh after the
   * upsert).
   */
  private static void awaitSearchable(TestServer target, String... ids)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    for (String id : ids) {
      while (target.get("/v1/recommendations/similar?item=" + id).status() != 200) {
        assertTrue(System.nanoTime() < deadline, id + " is not searchable 2 s after its upsert");
        Thread.sleep(10);
      }
    }
  }

  /** Cleanup after a failure, without hiding the failure behind a second one. */
  private static void stopQuietly(TestServer target) {
    try {
      target.app.stop().get(1, TimeUnit.MINUTES);
    } catch (Exception e) {
      System.err.println("stopping the test server failed: " + e);
    }
  }

  /** Over HTTP/1.1: a bulk upsert over h2c hangs today (see CatalogApiTest). */
  private static void upsert(TestServer target, JsonArray items) {
    Response r =
        target.send(
            HttpRequest.newBuilder(URI.create(target.base() + "/v1/admin/items"))
                .version(HttpClient.Version.HTTP_1_1)
                .header("X-Admin-Key", TestServer.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(items.encode())));
    assertEquals(200, r.status(), "upsert failed: " + r.body());
  }

  private static HttpRequest eventsRequest(TestServer target, JsonArray batch) {
    return HttpRequest.newBuilder(URI.create(target.base() + "/v1/events"))
        .header("X-Site-Key", TestServer.SITE_KEY)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(batch.encode()))
        .build();
  }

  private static HttpResponse<String> call(
      Vitrina app, String method, String path, String adminKey, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .version(HttpClient.Version.HTTP_1_1)
            .timeout(Duration.ofSeconds(30));
    if (adminKey != null) b.header("X-Admin-Key", adminKey);
    if (body != null) b.header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      assertNotNull(response);
      return response;
    }
  }
}
