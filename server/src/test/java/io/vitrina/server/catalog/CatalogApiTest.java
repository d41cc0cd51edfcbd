package io.vitrina.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin catalog API against the real service: streamed bulk upserts (JSON array and NDJSON),
 * validation reported per item, YML feed import, get and delete, and the admin key. Every test uses
 * ids of its own, so they share one server.
 *
 * <p>The functional tests speak HTTP/1.1. Java's own HttpClient asks for a cleartext HTTP/2 upgrade
 * (h2c) by default; the tests at the end check that such a client is answered too.
 */
class CatalogApiTest {
  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) server.close();
  }

  // ------------------------------------------------------------------ bulk upsert

  @Test
  void twentyThousandItemsStreamedAsOneArrayAreStoredAndSearchableWithinASecond() {
    int n = 20_000;
    HttpRequest.Builder request =
        adminRequest("/v1/admin/items")
            .header("Content-Type", "application/json")
            // No length known up front: the body goes out chunked, as a feed export would send it.
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () ->
                        jsonArrayStream(
                            n,
                            i ->
                                new JsonObject()
                                    .put("id", String.format("bulk-%05d", i))
                                    .put(
                                        "title",
                                        "Bulk widget " + i + " in " + COLOURS[i % COLOURS.length])
                                    .put(
                                        "description",
                                        "A sturdy "
                                            + COLOURS[i % COLOURS.length]
                                            + " widget, model "
                                            + (i % 97))
                                    .put("price", 10 + i % 500)
                                    .put("stock", 1 + i % 7)
                                    .put("brand", "BulkBrand")
                                    .put(
                                        "categories",
                                        new JsonArray().add("Bulk").add("Shelf " + i % 20)))));
    Response r = send(request);

    assertEquals(200, r.status(), r.body());
    assertEquals(n, r.json().getInteger("upserted"), r.body());
    assertEquals(0, r.json().getInteger("rejected"), r.body());
    assertEquals(n, server.sqlLong("SELECT count(*) FROM items WHERE id LIKE 'bulk-%'"));

    // The catalog index (not only PostgreSQL) has them once the upload is answered.
    assertEquals(
        200,
        get("/v1/recommendations/similar?item=bulk-19999").status(),
        "the last item of the upload is not in the catalog index");
    assertEquals(
        200,
        get("/v1/recommendations/similar?item=bulk-00000").status(),
        "the first item of the upload is not in the catalog index");

    Response popular = get("/v1/recommendations/popular?brand=BulkBrand&limit=50");
    assertEquals(200, popular.status(), popular.body());
    assertEquals(50, popular.items().size(), popular.body());
    assertTrue(popular.itemIds().stream().allMatch(id -> id.startsWith("bulk-")), popular.body());
    assertTrue(get("/ready").json().getInteger("items") >= n);

    JsonObject stored = admin("GET", "/v1/admin/items/bulk-12345", null, null).json();
    assertEquals(
        "Bulk widget 12345 in " + COLOURS[12345 % COLOURS.length], stored.getString("title"));
    assertEquals(10 + 12345 % 500, stored.getDouble("price"));
    assertEquals(List.of("Bulk", "Shelf 5"), stored.getJsonArray("categories").getList());
  }

  @Test
  void ndjsonIsAcceptedWithAndWithoutATrailingNewline() {
    String withNewline = ndjson(item("nd-1", 11), item("nd-2", 12)) + "\n";
    Response a = admin("POST", "/v1/admin/items", "application/x-ndjson", withNewline);
    assertEquals(200, a.status(), a.body());
    assertEquals(2, a.json().getInteger("upserted"));

    // No newline after the last line, CRLF line ends and a blank line: all tolerated.
    String withoutNewline = item("nd-3", 13).encode() + "\r\n\r\n" + item("nd-4", 14).encode();
    Response b =
        admin("POST", "/v1/admin/items", "application/x-ndjson; charset=utf-8", withoutNewline);
    assertEquals(200, b.status(), b.body());
    assertEquals(2, b.json().getInteger("upserted"));

    for (String id : List.of("nd-1", "nd-2", "nd-3", "nd-4")) {
      assertEquals(200, admin("GET", "/v1/admin/items/" + id, null, null).status(), id);
    }
    assertEquals(14.0, admin("GET", "/v1/admin/items/nd-4", null, null).json().getDouble("price"));
  }

  @Test
  void ndjsonLineThatIsNotJsonIsRejectedByItsIndexAndTheOthersAreSaved() {
    String body =
        item("ndbad-0", 1).encode()
            + "\n{\"id\": \"ndbad-1\", \"title\": \n"
            + item("ndbad-2", 3).encode()
            + "\n";
    Response r = admin("POST", "/v1/admin/items", "application/x-ndjson", body);
    assertEquals(422, r.status(), r.body());
    assertEquals(2, r.json().getInteger("upserted"), r.body());
    assertEquals(1, r.json().getInteger("rejected"), r.body());
    JsonObject error = r.json().getJsonArray("errors").getJsonObject(0);
    assertEquals(1, error.getInteger("index"), r.body());
    assertTrue(error.getString("message").contains("not valid JSON"), r.body());
    assertEquals(200, admin("GET", "/v1/admin/items/ndbad-2", null, null).status());
  }

  @Test
  void upsertingAnItemAgainReplacesIt() {
    upsert(
        new JsonArray()
            .add(
                item("re-1", 20.0)
                    .put("old_price", 25.0)
                    .put("tags", new JsonArray().add("sale"))));
    assertEquals(20.0, admin("GET", "/v1/admin/items/re-1", null, null).json().getDouble("price"));

    upsert(new JsonArray().add(item("re-1", 17.5).put("title", "Renamed")));
    JsonObject after = admin("GET", "/v1/admin/items/re-1", null, null).json();
    assertEquals(17.5, after.getDouble("price"));
    assertEquals("Renamed", after.getString("title"));
    // Replaced, not merged: fields the new version leaves out are gone.
    assertEquals(null, after.getValue("old_price"));
    assertEquals(List.of(), after.getJsonArray("tags").getList());
    assertEquals(1, server.sqlLong("SELECT count(*) FROM items WHERE id = 're-1'"));
    assertEquals(
        1750,
        server.sqlLong("SELECT (data->>'price')::numeric * 100 FROM items WHERE id = 're-1'"));
  }

  @Test
  void invalidItemsAreReportedByIndexAndFieldWhileValidOnesAreSaved() {
    JsonArray body =
        new JsonArray()
            .add(item("inv-ok-1", 10)) // 0
            .add(new JsonObject().put("id", "inv-bad-1").put("price", 10)) // 1: no title
            .add(item("inv-ok-2", 0).put("price", "12.50")) // 2: price as text is fine
            .add(item("inv-bad-2", -5)) // 3: negative price
            .add(
                item("inv-bad-3", 1)
                    .put("categories", new JsonArray().add("A").add(7)) // 4: two problems
                    .put("attributes", new JsonObject().put("size", new JsonArray().add(1))))
            .add("not an item"); // 5: not an object
    Response r = admin("POST", "/v1/admin/items", "application/json", body.encode());

    assertEquals(422, r.status(), r.body());
    JsonObject json = r.json();
    assertEquals("invalid_items", json.getString("error"));
    assertEquals(2, json.getInteger("upserted"), r.body());
    assertEquals(4, json.getInteger("rejected"), r.body());
    List<String> where = new ArrayList<>();
    for (Object o : json.getJsonArray("errors")) {
      JsonObject e = (JsonObject) o;
      assertNotNull(e.getString("message"), r.body());
      where.add(e.getInteger("index") + ":" + e.getString("field"));
    }
    assertEquals(
        List.of("1:title", "3:price", "4:categories[1]", "4:attributes.size", "5:null"),
        where,
        r.body());

    assertEquals(200, admin("GET", "/v1/admin/items/inv-ok-1", null, null).status());
    assertEquals(
        12.5, admin("GET", "/v1/admin/items/inv-ok-2", null, null).json().getDouble("price"));
    for (String id : List.of("inv-bad-1", "inv-bad-2", "inv-bad-3")) {
      assertEquals(
          404, admin("GET", "/v1/admin/items/" + id, null, null).status(), id + " was saved");
    }
  }

  @Test
  void bodyThatStopsBeingJsonMidwayAnswers400AndKeepsTheItemsBeforeIt() {
    String body =
        "["
            + item("mal-1", 1).encode()
            + ","
            + item("mal-2", 2).encode()
            + ",{\"id\": \"mal-3\", \"title\": oops}]";
    Response r = admin("POST", "/v1/admin/items", "application/json", body);
    assertEquals(400, r.status(), r.body());
    assertEquals("malformed_body", r.json().getString("error"), r.body());
    assertEquals(2, r.json().getInteger("upserted"), r.body());
    assertTrue(r.json().getString("message").contains("after 2 items"), r.body());
    assertEquals(200, admin("GET", "/v1/admin/items/mal-1", null, null).status());
    assertEquals(200, admin("GET", "/v1/admin/items/mal-2", null, null).status());
    assertEquals(404, admin("GET", "/v1/admin/items/mal-3", null, null).status());
  }

  @Test
  void itemInAnArrayLargerThanOneMebibyteEndsTheLoadWith400AndKeepsTheItemsBeforeIt() {
    // Never a whole item in memory beyond 1 MiB: the parser would hold it until its closing brace.
    String huge =
        "{\"id\": \"huge-2\", \"title\": \"Huge\", \"price\": 1, \"description\": \""
            + "x".repeat(3 << 20)
            + "\"}";
    Response r =
        admin(
            "POST",
            "/v1/admin/items",
            "application/json",
            "[" + item("huge-1", 1).encode() + "," + huge + "]");
    assertEquals(400, r.status(), r.body());
    assertTrue(
        r.json().getString("message").contains("item 1 is larger than 1048576 bytes"), r.body());
    assertEquals(1, r.json().getInteger("upserted"), r.body());
    assertEquals(200, admin("GET", "/v1/admin/items/huge-1", null, null).status());
    assertEquals(404, admin("GET", "/v1/admin/items/huge-2", null, null).status());
  }

  @Test
  void bodyThatBreaksAfterMoreThanOneWriteChunkKeepsEveryItemBeforeTheBreak() {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 1_500; i++)
      body.append(item(String.format("malbig-%04d", i), 5).encode()).append(',');
    body.append("{\"id\": \"malbig-x\", \"title\": \"cut off");
    Response r = admin("POST", "/v1/admin/items", "application/json", body.toString());
    assertEquals(400, r.status(), r.body());
    assertEquals(1_500, r.json().getInteger("upserted"), r.body());
    assertEquals(1_500, server.sqlLong("SELECT count(*) FROM items WHERE id LIKE 'malbig-%'"));
  }

  @Test
  void concurrentBulkLoadsOnSeveralEventLoopsLoseNoItem() throws Exception {
    // Catalog writes queue behind each other across requests; each load must still be driven on
    // its own event loop, or chunks of one load get mixed up with another's.
    int loads = 4;
    int perLoad = 2_500;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(loads);
    try {
      List<java.util.concurrent.Future<Response>> answers = new ArrayList<>();
      for (int load = 0; load < loads; load++) {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < perLoad; i++)
          ndjson.append(item(String.format("conc-%d-%04d", load, i), 3).encode()).append('\n');
        // A client of its own per load: its own connection, so the loads spread over event loops.
        answers.add(
            pool.submit(
                () -> {
                  try (HttpClient client =
                      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                    HttpResponse<String> r =
                        client.send(
                            adminRequest("/v1/admin/items")
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString()))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    return new Response(r.statusCode(), r.body(), r.headers().map());
                  }
                }));
      }
      for (var answer : answers) {
        Response r = answer.get(2, java.util.concurrent.TimeUnit.MINUTES);
        assertEquals(200, r.status(), r.body());
        assertEquals(perLoad, r.json().getInteger("upserted"), r.body());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        loads * perLoad, server.sqlLong("SELECT count(*) FROM items WHERE id LIKE 'conc-%'"));
    assertEquals(200, admin("GET", "/v1/admin/items/conc-3-2499", null, null).status());
  }

  @Test
  void wrongContentTypeAnswers415() {
    Response r = admin("POST", "/v1/admin/items", "text/csv", "id,title,price\nc-1,Chair,10\n");
    assertEquals(415, r.status(), r.body());
    assertEquals("unsupported_media_type", r.json().getString("error"));
    assertTrue(r.json().getString("message").contains("application/x-ndjson"), r.body());
    assertEquals(404, admin("GET", "/v1/admin/items/c-1", null, null).status());
  }

  // ------------------------------------------------------------------ get and delete

  @Test
  void unknownItemIs404() {
    Response r = admin("GET", "/v1/admin/items/no-such-item", null, null);
    assertEquals(404, r.status());
    assertEquals("item_not_found", r.json().getString("error"));
    assertTrue(r.json().getString("message").contains("no-such-item"));
  }

  @Test
  void deletedItemIsGoneFromStorageAndFromRecommendations() {
    upsert(
        new JsonArray()
            .add(item("del-1", 10).put("brand", "DelBrand").put("title", "Oak table"))
            .add(item("del-2", 11).put("brand", "DelBrand").put("title", "Oak table large"))
            .add(item("del-3", 12).put("brand", "DelBrand").put("title", "Oak table small")));
    awaitTrue(
        Duration.ofSeconds(10),
        () -> popularIds("DelBrand").contains("del-1"),
        "del-1 never became recommendable");

    Response deleted = admin("DELETE", "/v1/admin/items/del-1", null, null);
    assertEquals(204, deleted.status(), deleted.body());
    assertEquals("", deleted.body());
    assertEquals(404, admin("GET", "/v1/admin/items/del-1", null, null).status());
    assertEquals(404, admin("DELETE", "/v1/admin/items/del-1", null, null).status());
    assertEquals(0, server.sqlLong("SELECT count(*) FROM items WHERE id = 'del-1'"));

    awaitTrue(
        Duration.ofSeconds(10),
        () -> !popularIds("DelBrand").contains("del-1"),
        "a deleted item is still recommended");
    assertEquals(List.of("del-2", "del-3"), popularIds("DelBrand").stream().sorted().toList());
    Response similarToDeleted = get("/v1/recommendations/similar?item=del-1");
    assertEquals(404, similarToDeleted.status(), similarToDeleted.body());
    Response similar = get("/v1/recommendations/similar?item=del-2&limit=50");
    assertEquals(200, similar.status(), similar.body());
    assertFalse(similar.itemIds().contains("del-1"), similar.body());
  }

  // ------------------------------------------------------------------ admin key

  @Test
  void adminEndpointsWithoutTheKeyAnswer401AndWithAWrongKeyAnswer403() {
    HttpRequest.Builder noKey =
        HttpRequest.newBuilder(URI.create(server.base() + "/v1/admin/items/nd-1")).GET();
    Response missing = send(noKey);
    assertEquals(401, missing.status(), missing.body());
    assertTrue(missing.headers().get("content-type").get(0).startsWith("application/json"));
    assertEquals("missing_admin_key", missing.json().getString("error"));

    Response wrong =
        send(
            HttpRequest.newBuilder(URI.create(server.base() + "/v1/admin/items/nd-1"))
                .header("X-Admin-Key", TestServer.ADMIN_KEY + "x")
                .GET());
    assertEquals(403, wrong.status(), wrong.body());
    assertEquals("wrong_admin_key", wrong.json().getString("error"));

    // The public site key opens nothing under /v1/admin.
    Response siteKey =
        send(
            HttpRequest.newBuilder(URI.create(server.base() + "/v1/admin/items/nd-1"))
                .header("X-Admin-Key", TestServer.SITE_KEY)
                .GET());
    assertEquals(403, siteKey.status(), siteKey.body());

    Response upsertWithoutKey =
        send(
            HttpRequest.newBuilder(URI.create(server.base() + "/v1/admin/items"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonArray().add(item("sneaky-1", 1)).encode())));
    assertEquals(401, upsertWithoutKey.status(), upsertWithoutKey.body());
    assertEquals("missing_admin_key", upsertWithoutKey.json().getString("error"));
    assertEquals(0, server.sqlLong("SELECT count(*) FROM items WHERE id = 'sneaky-1'"));

    Response deleteWrongKey =
        send(
            HttpRequest.newBuilder(URI.create(server.base() + "/v1/admin/items/nd-1"))
                .header("Authorization", "Bearer nope")
                .DELETE());
    assertEquals(403, deleteWrongKey.status(), deleteWrongKey.body());

    Response bearer =
        send(
            HttpRequest.newBuilder(URI.create(server.base() + "/v1/admin/items/no-such-item"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY)
                .GET());
    assertEquals(
        404, bearer.status(), "a right Bearer key gets through to the handler: " + bearer.body());
  }

  // ------------------------------------------------------------------ YML feed

  @Test
  void ymlFeedIsImportedWithCategoryPathsFromTheParentChain() {
    String feed =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE yml_catalog SYSTEM "shops.dtd">
        <yml_catalog date="2025-06-01 10:00">
          <shop>
            <name>Test shop</name>
            <currencies><currency id="RUR" rate="1"/></currencies>
            <categories>
              <category id="1">Electronics</category>
              <category id="2" parentId="1">Phones</category>
              <category id="3" parentId="2">Smartphones</category>
              <category id="4" parentId="1">Audio</category>
            </categories>
            <offers>
              <offer id="yml-1" available="true">
                <name>Phone X</name><price>199.90</price><oldprice>249</oldprice><categoryId>3</categoryId>
                <vendor>Acme</vendor><param name="Colour">black</param><url>https://shop.example/p/1</url>
              </offer>
              <offer id="yml-2" type="vendor.model">
                <typePrefix>Headphones</typePrefix><vendor>Sono</vendor><model>H1</model><price>49</price><categoryId>4</categoryId>
              </offer>
              <offer id="yml-bad"><name>No price here</name><categoryId>3</categoryId></offer>
              <offer id="yml-3" available="false"><name>Old phone</name><price>1 200,50</price><categoryId>2</categoryId></offer>
            </offers>
          </shop>
        </yml_catalog>
        """;
    Response r = admin("POST", "/v1/admin/feeds/yml", "application/xml", feed);
    assertEquals(200, r.status(), "YML import failed: " + r.body());
    JsonObject json = r.json();
    assertEquals(3, json.getInteger("upserted"), r.body());
    assertEquals(1, json.getInteger("skipped"), r.body());
    assertEquals(4, json.getInteger("categories"), r.body());
    JsonArray errors = json.getJsonArray("errors");
    assertEquals(1, errors.size(), r.body());
    assertEquals("yml-bad", errors.getJsonObject(0).getString("offer_id"));
    assertTrue(errors.getJsonObject(0).getString("message").contains("price"), r.body());

    JsonObject phone = admin("GET", "/v1/admin/items/yml-1", null, null).json();
    assertEquals("Phone X", phone.getString("title"));
    assertEquals(
        List.of("Electronics", "Phones", "Smartphones"),
        phone.getJsonArray("categories").getList());
    assertEquals(199.9, phone.getDouble("price"));
    assertEquals(249.0, phone.getDouble("old_price"));
    assertEquals("Acme", phone.getString("brand"));
    assertEquals("black", phone.getJsonObject("attributes").getString("Colour"));
    assertEquals("https://shop.example/p/1", phone.getString("url"));

    JsonObject headphones = admin("GET", "/v1/admin/items/yml-2", null, null).json();
    assertEquals("Headphones Sono H1", headphones.getString("title"));
    assertEquals(List.of("Electronics", "Audio"), headphones.getJsonArray("categories").getList());

    JsonObject old = admin("GET", "/v1/admin/items/yml-3", null, null).json();
    assertEquals(1200.5, old.getDouble("price"));
    assertEquals(List.of("Electronics", "Phones"), old.getJsonArray("categories").getList());
    assertFalse(old.getBoolean("available"));

    assertEquals(404, admin("GET", "/v1/admin/items/yml-bad", null, null).status());
    awaitTrue(
        Duration.ofSeconds(10),
        () -> get("/v1/recommendations/similar?item=yml-1").status() == 200,
        "an imported offer is not in the catalog index");
  }

  @Test
  void malformedYmlAnswers400WithLineAndColumn() {
    String feed =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<yml_catalog>\n"
            + "<shop><offers>\n"
            + "<offer id=\"ymlm-1\"><name>Fine</name><price>10</price></offer>\n"
            + "<offer id=\"ymlm-2\"><name>Broken</nam></offer>\n"
            + "</offers></shop></yml_catalog>\n";
    Response r = admin("POST", "/v1/admin/feeds/yml", "application/xml", feed);
    assertEquals(400, r.status(), r.body());
    assertEquals("malformed_feed", r.json().getString("error"), r.body());
    assertTrue(
        Pattern.compile("line 5, column \\d+").matcher(r.json().getString("message")).find(),
        r.body());
    // What was read before the break is kept, as for JSON.
    assertEquals(200, admin("GET", "/v1/admin/items/ymlm-1", null, null).status());
  }

  @Test
  void ymlImportWithANonXmlContentTypeAnswers415() {
    Response r = admin("POST", "/v1/admin/feeds/yml", "application/json", "[]");
    assertEquals(415, r.status(), r.body());
    assertEquals("unsupported_media_type", r.json().getString("error"));
  }

  @Test
  void xmlThatIsNotAYmlFeedAnswers400() {
    Response r =
        admin(
            "POST",
            "/v1/admin/feeds/yml",
            "application/xml",
            "<html><body>502 Bad Gateway</body></html>");
    assertEquals(400, r.status(), r.body());
    assertEquals("malformed_feed", r.json().getString("error"));
    assertTrue(r.json().getString("message").contains("yml_catalog"), r.body());
  }

  // ------------------------------------------------------------------ untrusted text

  @Test
  void markupInItemTextComesBackAsTheSameStringJsonEncoded() {
    String title = "<script>alert(1)</script>";
    String description = "\"quoted\" & <b>bold</b> </script><!-- \u2028 é";
    upsert(
        new JsonArray()
            .add(
                item("xss-1", 9)
                    .put("title", title)
                    .put("description", description)
                    .put("brand", "XssBrand")));

    Response r = admin("GET", "/v1/admin/items/xss-1", null, null);
    assertEquals(200, r.status());
    assertTrue(
        r.headers().get("content-type").get(0).startsWith("application/json"),
        r.headers().toString());
    assertEquals(title, r.json().getString("title"));
    assertEquals(description, r.json().getString("description"));
    // JSON is the escaping layer: the text is a JSON string, not HTML-escaped and not stripped.
    assertTrue(r.body().contains("\"title\":\"<script>alert(1)</script>\""), r.body());
    assertTrue(r.body().contains("\\\"quoted\\\""), r.body());
    assertFalse(r.body().contains("&lt;") || r.body().contains("&amp;"), r.body());

    awaitTrue(
        Duration.ofSeconds(10),
        () -> popularIds("XssBrand").contains("xss-1"),
        "xss-1 is not recommended");
    Response recs = get("/v1/recommendations/popular?brand=XssBrand");
    assertTrue(recs.headers().get("content-type").get(0).startsWith("application/json"));
    assertEquals(title, recs.items().getJsonObject(0).getString("title"));
  }

  // ------------------------------------------------------------------ clients that prefer HTTP/2

  /**
   * Java's HttpClient asks a plain-http server to upgrade to HTTP/2 (h2c) unless told otherwise.
   * Whether the server serves h2c or declines the upgrade, such a client must get its answers: over
   * h2c, a streamed upsert once hung (pause() after the end) and a 400 carried the
   * connection-specific "Connection: close" header HTTP/2 forbids.
   */
  private static HttpResponse<String> sendPreferringHttp2(
      String path, String contentType, String body) throws Exception {
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(server.base() + path))
              .header("X-Admin-Key", TestServer.ADMIN_KEY)
              .header("Content-Type", contentType)
              .timeout(Duration.ofSeconds(5))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (HttpTimeoutException e) {
        return fail(
            "POST " + path + " from an HTTP/2-preferring client got no answer within 5 s", e);
      } catch (IOException e) {
        return fail(
            "POST "
                + path
                + " from an HTTP/2-preferring client got an answer the client rejects: "
                + e.getMessage(),
            e);
      }
    }
  }

  @Test
  void bulkUpsertAnswersAClientThatPrefersHttp2() throws Exception {
    // Three items: fewer than a write chunk, so the only write starts after the request has ended.
    HttpResponse<String> r =
        sendPreferringHttp2(
            "/v1/admin/items",
            "application/json",
            new JsonArray()
                .add(item("h2-1", 1))
                .add(item("h2-2", 2))
                .add(item("h2-3", 3))
                .encode());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(3, new JsonObject(r.body()).getInteger("upserted"));
  }

  @Test
  void malformedBodyAnswerIsValidForAClientThatPrefersHttp2() throws Exception {
    // The 400 for a body that breaks midway carries "Connection: close", which HTTP/2 forbids.
    HttpResponse<String> r =
        sendPreferringHttp2(
            "/v1/admin/items", "application/json", "[" + item("h2m-1", 1).encode() + ", {oops");
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("malformed_body", new JsonObject(r.body()).getString("error"));
  }

  @Test
  void ymlImportAnswersAClientThatPrefersHttp2() throws Exception {
    String feed =
        "<yml_catalog><shop><offers><offer id=\"h2y-1\"><name>Mug</name><price>5</price></offer></offers></shop></yml_catalog>";
    HttpResponse<String> r = sendPreferringHttp2("/v1/admin/feeds/yml", "application/xml", feed);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(1, new JsonObject(r.body()).getInteger("upserted"));
  }

  // ------------------------------------------------------------------ helpers

  /** Through the harness's client, but over HTTP/1.1 (see the class comment). */
  private static Response send(HttpRequest.Builder request) {
    return server.send(request.version(HttpClient.Version.HTTP_1_1));
  }

  private static Response admin(String method, String path, String contentType, String body) {
    HttpRequest.Builder b = adminRequest(path);
    if (contentType != null) b.header("Content-Type", contentType);
    return send(
        b.method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
  }

  private static Response get(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(server.base() + path))
            .header("X-Site-Key", TestServer.SITE_KEY)
            .GET());
  }

  private static void upsert(JsonArray items) {
    Response r = admin("POST", "/v1/admin/items", "application/json", items.encode());
    assertEquals(200, r.status(), "upsert failed: " + r.body());
  }

  private static final String[] COLOURS = {
    "red", "green", "blue", "black", "white", "oak", "steel"
  };

  private static JsonObject item(String id, double price) {
    return new JsonObject()
        .put("id", id)
        .put("title", "Item " + id)
        .put("price", price)
        .put("stock", 3)
        .put("categories", new JsonArray().add("Catalog test"));
  }

  private static String ndjson(JsonObject... items) {
    StringBuilder out = new StringBuilder();
    for (JsonObject item : items) {
      if (!out.isEmpty()) out.append('\n');
      out.append(item.encode());
    }
    return out.toString();
  }

  private static HttpRequest.Builder adminRequest(String path) {
    return HttpRequest.newBuilder(URI.create(server.base() + path))
        .header("X-Admin-Key", TestServer.ADMIN_KEY);
  }

  private static List<String> popularIds(String brand) {
    Response r = get("/v1/recommendations/popular?limit=50&brand=" + brand);
    assertEquals(200, r.status(), r.body());
    return r.itemIds();
  }

  private static void awaitTrue(
      Duration within, java.util.function.BooleanSupplier condition, String message) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) fail(message + " (waited " + within.toMillis() + " ms)");
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(e);
      }
    }
  }

  /**
   * A JSON array of {@code n} generated items, produced as it is read: the whole body never exists
   * at once.
   */
  private static InputStream jsonArrayStream(int n, IntFunction<JsonObject> item) {
    return new InputStream() {
      private int next;
      private byte[] current = "[".getBytes(StandardCharsets.UTF_8);
      private int pos;

      private boolean fill() {
        while (pos >= current.length) {
          if (next > n) return false;
          String part = next < n ? (next > 0 ? "," : "") + item.apply(next).encode() : "]";
          next++;
          current = part.getBytes(StandardCharsets.UTF_8);
          pos = 0;
        }
        return true;
      }

      @Override
      public int read() {
        return fill() ? current[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int count = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, count);
        pos += count;
        return count;
      }
    };
  }
}
