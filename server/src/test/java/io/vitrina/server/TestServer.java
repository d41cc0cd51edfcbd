package io.vitrina.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.attribution.AttributionToken;
import io.vitrina.engine.attribution.TokenSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real service, started in-process on a free port against its own fresh PostgreSQL database.
 */
public final class TestServer implements AutoCloseable {
  public static final String SITE_KEY = "test-site-key";
  public static final String ADMIN_KEY = "test-admin-key";
  public static final String TOKEN_KEY = "test-token-key-of-the-deployment";

  public final Vitrina app;
  public final String pgUrl;
  private final Path dataDir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer(Vitrina app, String pgUrl, Path dataDir) {
    this.app = app;
    this.pgUrl = pgUrl;
    this.dataDir = dataDir;
  }

  public static TestServer start(String... extraArgs) {
    return startOn(TestPostgres.newDatabase(), extraArgs);
  }

  public static TestServer startOn(String pgUrl, String... extraArgs) {
    try {
      Path dataDir = Files.createTempDirectory("vitrina-test-");
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--port",
                  "0",
                  "--host",
                  "127.0.0.1",
                  "--data-dir",
                  dataDir.toString(),
                  "--pg-url",
                  pgUrl,
                  "--site-key",
                  SITE_KEY,
                  "--admin-key",
                  ADMIN_KEY,
                  "--token-key",
                  TOKEN_KEY,
                  "--instances",
                  "2",
                  "--model-interval",
                  "PT1H",
                  "--popularity-interval",
                  "PT1H",
                  "--index-refresh",
                  "PT0.1S",
                  // Nobody held out of personalization unless a test asks (it would be 5%).
                  "--experiments-global-holdout",
                  "0"));
      args.addAll(List.of(extraArgs));
      ServerConfig config = ServerConfig.parse(args.toArray(String[]::new), Map.of());
      Vitrina app = Vitrina.start(config).get(2, TimeUnit.MINUTES);
      return new TestServer(app, pgUrl, dataDir);
    } catch (Exception e) {
      throw new IllegalStateException("test server did not start", e);
    }
  }

  public String base() {
    return "http://127.0.0.1:" + app.port();
  }

  public record Response(int status, String body, Map<String, List<String>> headers) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray items() {
      return json().getJsonArray("items");
    }

    /** The message of the problem in {@code errors} that names {@code field}, or null. */
    public String problem(String field) {
      JsonArray errors = json().getJsonArray("errors", new JsonArray());
      for (Object o : errors)
        if (field.equals(((JsonObject) o).getString("field")))
          return ((JsonObject) o).getString("message");
      return null;
    }

    public List<String> itemIds() {
      List<String> ids = new ArrayList<>();
      for (Object o : items()) ids.add(((JsonObject) o).getString("id"));
      return ids;
    }
  }

  public Response get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base() + path)).header("X-Site-Key", SITE_KEY).GET());
  }

  public Response admin(String method, String path, String contentType, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path)).header("X-Admin-Key", ADMIN_KEY);
    if (contentType != null) b.header("Content-Type", contentType);
    return send(
        b.method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response postEvents(String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base() + "/v1/events"))
            .header("X-Site-Key", SITE_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          http.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers().map());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Upserts items as a JSON array through the admin API and fails loudly if any is rejected. */
  public void upsertItems(JsonArray items) {
    Response r = admin("POST", "/v1/admin/items", "application/json", items.encode());
    if (r.status() != 200)
      throw new AssertionError("upsert failed: " + r.status() + " " + r.body());
  }

  public void rebuildModel() {
    Response r = admin("POST", "/v1/admin/models/rebuild", null, null);
    if (r.status() != 200)
      throw new AssertionError("rebuild failed: " + r.status() + " " + r.body());
  }

  /** The value of a gauge without labels in {@code /metrics}. */
  public double gauge(String name) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(get("/metrics").body());
    if (!m.find()) throw new AssertionError("no gauge " + name + " in /metrics");
    return Double.parseDouble(m.group(1));
  }

  public long sqlLong(String sql) {
    return TestPostgres.queryLong(pgUrl, sql);
  }

  public static JsonObject item(String id, String category, double price, int stock) {
    return new JsonObject()
        .put("id", id)
        .put("title", category + " item " + id)
        .put("price", price)
        .put("stock", stock)
        .put("categories", new JsonArray().add("Shop").add(category))
        .put("brand", "Brand" + (id.hashCode() & 3));
  }

  public static JsonObject event(String name, String visitor, String... itemIds) {
    JsonArray items = new JsonArray();
    for (String id : itemIds) items.add(new JsonObject().put("item_id", id));
    return new JsonObject().put("name", name).put("visitor_id", visitor).put("items", items);
  }

  /** Checks attribution tokens as the server does. */
  public static Optional<AttributionToken> verifyToken(String token) {
    return new TokenSigner(TOKEN_KEY.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
        .verify(token);
  }

  @Override
  public void close() {
    try {
      app.stop().get(1, TimeUnit.MINUTES);
      try (var paths = Files.walk(dataDir)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList())
          Files.delete(path);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
