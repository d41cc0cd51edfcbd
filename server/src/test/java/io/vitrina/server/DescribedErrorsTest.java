package io.vitrina.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.ApiDescription.Operation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The error codes the API answers are the ones its description gives: the table of codes in {@code
 * info.description} holds every code the sources can answer, each operation names only codes of the
 * table under their status, and every code is provoked here over HTTP and answered the way the
 * operation that answers it describes, status and all.
 */
class DescribedErrorsTest {
  /**
   * Codes no request of a healthy service answers, so not provoked here: each is still in the table
   * and in the sources (the first test), and the tests named say where each is provoked.
   */
  private static final Map<String, String> NOT_PROVOKED =
      Map.of(
          "bad_request", "a 4xx the HTTP layer fails a request with, no route of ours does",
          "experiment_changed", "two changes of one experiment at once: a race",
          "internal_error", "a bug",
          "model_build_failed", "a build whose database fails",
          "overloaded", "the event backlog full (BackPressureTest)",
          "storage_unavailable", "a database that fails a write (BackPressureTest)");

  private static final String ADMIN = "X-Admin-Key";
  private static final String SITE = "X-Site-Key";

  private static TestServer server;
  private static final ApiDescription API = ApiDescription.load();

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            "--cors-origins", "https://shop.example", "--experiments-global-holdout", "0.05");
    server.upsertItems(new JsonArray().add(TestServer.item("sku-1", "Phones", 10, 5)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Creates a draft experiment on {@code block} (saved first), holdout against the block. */
  private static TestServer.Response draft(String id, String block) {
    server.admin(
        "PUT", "/v1/admin/blocks/" + block, "application/json", "{\"algorithm\":\"popular\"}");
    return server.admin(
        "POST",
        "/v1/admin/experiments",
        "application/json",
        "{\"id\":\""
            + id
            + "\",\"placement\":{\"block\":\""
            + block
            + "\"},\"arms\":[{\"key\":\"holdout\",\"holdout\":true},{\"key\":\"saved\"}]}");
  }

  /** A request and the operation of the description it is a request of (null for none). */
  private record Provocation(String operationId, Supplier<TestServer.Response> send) {}

  private static Map<String, Provocation> provocations() {
    Map<String, Provocation> p = new TreeMap<>();
    p.put("invalid_parameter", on("getRecommendations", get("/v1/recommendations/popular?limt=3")));
    p.put(
        "invalid_input",
        on(
            "putBlock",
            admin("PUT", "/v1/admin/blocks/x", "{\"algorithm\":\"popular\",\"lmit\":3}")));
    p.put("missing_context", on("getRecommendations", get("/v1/recommendations/also_viewed")));
    p.put("empty_body", on("postEvents", events("application/json", "")));
    p.put("malformed_json", on("postEvents", events("application/json", "{")));
    p.put("invalid_body", on("postEvents", events("application/json", "[]")));
    p.put(
        "malformed_body",
        on(
            "upsertItems",
            admin("POST", "/v1/admin/items", "[{\"id\":\"a\",\"title\":\"t\",\"price\":1},{")));
    p.put(
        "malformed_feed",
        on(
            "importYmlFeed",
            adminTyped("POST", "/v1/admin/feeds/yml", "application/xml", "<yml_catalog><shop>")));
    p.put("malformed_request", on(null, raw("NOT HTTP AT ALL\r\n\r\n")));
    p.put(
        "missing_site_key",
        on("getRecommendations", plain("/v1/recommendations/popular", Map.of())));
    p.put("missing_admin_key", on("getBlockDefinition", plain("/v1/admin/blocks/x", Map.of())));
    p.put(
        "wrong_site_key",
        on("getRecommendations", plain("/v1/recommendations/popular", Map.of(SITE, "nope"))));
    p.put(
        "wrong_admin_key",
        on("getBlockDefinition", plain("/v1/admin/blocks/x", Map.of(ADMIN, "nope"))));
    p.put(
        "forbidden",
        on(
            "getRecommendations",
            plain(
                "/v1/recommendations/popular",
                Map.of(SITE, TestServer.SITE_KEY, "Origin", "https://elsewhere.example"))));
    p.put("not_found", on("widgetFile", plain("/widgets/missing.js", Map.of())));
    p.put("unknown_algorithm", on("getRecommendations", get("/v1/recommendations/bestsellers")));
    p.put("unknown_item", on("getRecommendations", get("/v1/recommendations/similar?item=ghost")));
    p.put(
        "unknown_category",
        on("getRecommendations", get("/v1/recommendations/popular?category=Garden")));
    p.put("block_not_found", on("getBlock", get("/v1/blocks/never-made")));
    p.put(
        "segment_not_found", on("getSegment", admin("GET", "/v1/admin/segments/never-made", null)));
    p.put(
        "campaign_not_found",
        on("getCampaign", admin("GET", "/v1/admin/campaigns/never-made", null)));
    p.put("slot_not_found", on("getSlot", admin("GET", "/v1/admin/slots/never-made", null)));
    p.put("item_not_found", on("getItem", admin("GET", "/v1/admin/items/ghost", null)));
    p.put(
        "experiment_not_found",
        on("getExperiment", admin("GET", "/v1/admin/experiments/ghost", null)));
    p.put(
        "experiment_exists",
        on(
            "createExperiment",
            () -> {
              draft("twice", "exp-block");
              return draft("twice", "exp-block");
            }));
    p.put(
        "experiment_status",
        on(
            "stopExperiment",
            () -> {
              draft("never-started", "exp-block");
              return server.admin("POST", "/v1/admin/experiments/never-started/stop", null, null);
            }));
    p.put(
        "placement_taken",
        on(
            "startExperiment",
            () -> {
              draft("first", "taken-block");
              draft("second", "taken-block");
              server.admin("POST", "/v1/admin/experiments/first/start", null, null);
              return server.admin("POST", "/v1/admin/experiments/second/start", null, null);
            }));
    p.put(
        "global_holdout_configured",
        on(
            "pauseExperiment",
            () -> server.admin("POST", "/v1/admin/experiments/global-holdout/pause", null, null)));
    p.put(
        "experiment_not_started",
        on(
            "getExperimentReport",
            () -> {
              draft("a-draft", "exp-block");
              return server.admin("GET", "/v1/admin/experiments/a-draft/report", null, null);
            }));
    p.put(
        "shopper_not_found",
        on(
            "shopperAffinities",
            admin("GET", "/v1/admin/shoppers/affinities?visitor=nobody", null)));
    p.put(
        "body_too_large",
        on(
            "putBlock",
            admin(
                "PUT",
                "/v1/admin/blocks/x",
                "{\"description\":\"" + "x".repeat(300 * 1024) + "\"}")));
    p.put(
        "uri_too_long", on("health", raw("GET /health?" + "a".repeat(5000) + " HTTP/1.1\r\n\r\n")));
    p.put("unsupported_media_type", on("postEvents", events("application/xml", "<event/>")));
    p.put(
        "invalid_events",
        on(
            "postEvents",
            events("application/json", "{\"name\":\"teleport\",\"visitor_id\":\"v\"}")));
    p.put("invalid_items", on("upsertItems", admin("POST", "/v1/admin/items", "[{\"id\":\"a\"}]")));
    p.put(
        "invalid_item",
        on(
            "patchItem",
            () -> {
              server.admin(
                  "POST", "/v1/admin/items", "application/json", "[" + item("patched") + "]");
              return server.admin(
                  "PATCH", "/v1/admin/items/patched", "application/json", "{\"price\": -1}");
            }));
    p.put(
        "empty_feed",
        on("upsertItems", admin("POST", "/v1/admin/items?missing=unavailable", "[]")));
    p.put(
        "no_usable_offers",
        on(
            "importYmlFeed",
            adminTyped(
                "POST",
                "/v1/admin/feeds/yml",
                "application/xml",
                "<yml_catalog><shop><offers><offer id=\"o1\"></offer></offers></shop></yml_catalog>")));
    p.put(
        "headers_too_large",
        on(null, raw("GET /health HTTP/1.1\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n")));
    return p;
  }

  @Test
  void everyCodeTheSourcesCanAnswerIsInTheTable() throws IOException {
    Set<String> table = API.codeTable().keySet();
    Set<String> answered = codesInSources();
    assertTrue(answered.size() > 20, "found too few codes in the sources: " + answered);
    Set<String> missing = new TreeSet<>(answered);
    missing.removeAll(table);
    assertEquals(Set.of(), missing, "answered by the sources, not in the table of openapi.yaml");
    for (String code : NOT_PROVOKED.keySet())
      assertTrue(answered.contains(code), code + " is not answered by any source: drop it");
  }

  @Test
  void everyCodeAnOperationNamesIsInTheTableUnderItsStatus() {
    Map<String, String> table = API.codeTable();
    List<String> wrong = new ArrayList<>();
    for (Operation op : API.operations().values()) {
      op.responses()
          .forEach(
              (status, response) -> {
                Set<String> named = API.exampleCodes(response);
                named.addAll(API.codesNamed(response, table.keySet()));
                for (String code : named) {
                  String expected = table.get(code);
                  if (expected == null)
                    wrong.add(op.id() + " " + status + ": `" + code + "` is not in the table");
                  else if (!status.equals(expected)
                      && !(expected.equals("4xx") && status.startsWith("4")))
                    wrong.add(
                        op.id()
                            + " "
                            + status
                            + ": `"
                            + code
                            + "` is a "
                            + expected
                            + " in the table");
                }
              });
    }
    for (String code : API.schemaCodes())
      if (!table.containsKey(code)) wrong.add("a schema's `error` may be `" + code + "`");
    assertEquals(List.of(), wrong);
  }

  @Test
  void everyCodeIsAnsweredAsTheOperationThatAnswersItDescribes() {
    Map<String, String> table = API.codeTable();
    Map<String, Operation> operations = API.operations();
    Map<String, Provocation> provocations = provocations();
    Set<String> unprovoked = new TreeSet<>(table.keySet());
    unprovoked.removeAll(provocations.keySet());
    unprovoked.removeAll(NOT_PROVOKED.keySet());
    assertEquals(Set.of(), unprovoked, "codes of the table no test here provokes: add each");

    List<String> wrong = new ArrayList<>();
    provocations.forEach(
        (code, provocation) -> {
          TestServer.Response r = provocation.send().get();
          String answered = r.body().startsWith("{") ? r.json().getString("error") : r.body();
          String status = Integer.toString(r.status());
          if (!code.equals(answered)) {
            wrong.add(code + ": answered " + status + " " + answered);
            return;
          }
          String inTable = table.get(code);
          if (!inTable.equals(status) && !(inTable.equals("4xx") && status.startsWith("4")))
            wrong.add(code + ": answered with " + status + ", the table says " + inTable);
          if (provocation.operationId() == null) return;
          Operation op = operations.get(provocation.operationId());
          assertTrue(op != null, "no operation " + provocation.operationId());
          Map<String, Object> response = op.responses().get(status);
          if (response == null) wrong.add(code + ": " + op.id() + " does not describe a " + status);
          else if (!API.codesNamed(response, table.keySet()).contains(code))
            wrong.add(code + ": " + op.id() + "'s " + status + " does not name it");
        });
    assertEquals(List.of(), wrong);
  }

  /**
   * The codes in the main sources: each snake_case literal of a statement that makes an error
   * answer ({@code .put("error", …)}, {@code String code = … ? "body_too_large" : …}), and any
   * literal where a code is passed ({@code new ApiException(403, "forbidden", …)}).
   */
  private static Set<String> codesInSources() throws IOException {
    Pattern errorStatement =
        Pattern.compile(
            "ApiException|ApiErrors\\.send|\\bsend\\(\\s*ctx|\"error\"|\\berror\\(|\\bproblems\\(|String (code|error) =");
    Pattern snakeCase = Pattern.compile("\"([a-z]+(?:_[a-z]+)+)\"");
    Pattern passed =
        Pattern.compile(
            "(?:ApiException\\(\\s*\\d+,|unavailable\\(|send\\(\\s*ctx,\\s*[^,]+,|\\.put\\(\"error\",|\\berror\\(|\\bproblems\\()\\s*\"([a-z]+(?:_[a-z]+)*)\"");
    Set<String> out = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher code = passed.matcher(source);
        while (code.find()) out.add(code.group(1));
        for (String statement : source.split("[;{}]")) {
          if (!errorStatement.matcher(statement).find()) continue;
          code = snakeCase.matcher(statement);
          while (code.find()) if (!code.group(1).startsWith("vitrina_")) out.add(code.group(1));
        }
      }
    }
    return out;
  }

  private static Provocation on(String operationId, Supplier<TestServer.Response> send) {
    return new Provocation(operationId, send);
  }

  private static String item(String id) {
    return TestServer.item(id, "Patched", 10, 1).encode();
  }

  private static Supplier<TestServer.Response> get(String path) {
    return () -> server.get(path);
  }

  private static Supplier<TestServer.Response> admin(String method, String path, String body) {
    return adminTyped(method, path, body == null ? null : "application/json", body);
  }

  private static Supplier<TestServer.Response> adminTyped(
      String method, String path, String type, String body) {
    return () -> server.admin(method, path, type, body);
  }

  private static Supplier<TestServer.Response> events(String type, String body) {
    return () ->
        server.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/v1/events"))
                .header(SITE, TestServer.SITE_KEY)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static Supplier<TestServer.Response> plain(String path, Map<String, String> headers) {
    return () -> {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path)).GET();
      headers.forEach(b::header);
      return server.send(b);
    };
  }

  /**
   * Bytes sent as they are, for what an HTTP client would not send: the answer's status and body.
   */
  private static Supplier<TestServer.Response> raw(String request) {
    return () -> {
      try (Socket socket = new Socket("127.0.0.1", server.app.port())) {
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        in.transferTo(answer); // the server closes the connection after such an answer
        String text = answer.toString(StandardCharsets.UTF_8);
        int status = Integer.parseInt(text.substring(9, 12));
        String body = text.substring(text.indexOf("\r\n\r\n") + 4);
        return new TestServer.Response(status, body, Map.of());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Test
  void aBrowserFromAnOriginCorsAllowsIsAnswered() {
    // The provocation of `forbidden` above must be the origin's doing, not the request's.
    TestServer.Response allowed =
        plain(
                "/v1/recommendations/popular",
                Map.of(SITE, TestServer.SITE_KEY, "Origin", "https://shop.example"))
            .get();
    assertEquals(200, allowed.status(), allowed.body());
    assertFalse(new JsonObject(allowed.body()).getJsonArray("items").isEmpty());
  }
}
