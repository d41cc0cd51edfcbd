package io.vitrina.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Full feeds that sweep the items they do not name ({@code ?missing=unavailable|delete}): only a
 * feed read to its end sweeps, across all its chunks, and never what it named or what was written
 * after it began. A sweep touches the whole catalog, so each test has a server of its own.
 */
class FeedSweepTest {
  private TestServer server;

  @BeforeEach
  void startServer() {
    server = TestServer.start();
  }

  @AfterEach
  void stopServer() {
    if (server != null) server.close();
  }

  @Test
  void fullFeedMarksWhatItDidNotNameUnavailableAcrossChunksButNotItsInvalidLines() {
    int stored = 2_600;
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < stored; i++) all.append(item(i).encode()).append('\n');
    assertEquals(200, ndjson("/v1/admin/items", all.toString()).status());

    // Tonight's feed: every 26th item is gone (100 of them, spread over all three chunks), and one
    // line is broken but still names its item.
    StringBuilder feed = new StringBuilder();
    for (int i = 0; i < stored; i++) {
      if (i % 26 == 25) continue;
      JsonObject line = i == 1_234 ? item(i).put("price", "not a price") : item(i);
      feed.append(line.encode()).append('\n');
    }
    Response r = ndjson("/v1/admin/items?missing=unavailable", feed.toString());

    assertEquals(422, r.status(), r.body());
    assertEquals(100, r.json().getInteger("marked_unavailable"), r.body());
    assertEquals(2_499, r.json().getInteger("unchanged"), r.body());
    assertEquals(1, r.json().getInteger("skipped"), r.body());
    assertEquals(100, unavailable());
    assertFalse(stored(id(25)).getBoolean("available"));
    assertTrue(stored(id(1_234)).getBoolean("available"), "an invalid line is not a missing item");
    assertTrue(stored(id(26)).getBoolean("available"));
    assertEquals(
        0,
        server.get("/v1/recommendations/popular?limit=100&category=Sweep").itemIds().stream()
            .filter(id -> id.equals(id(25)))
            .count());

    // The next feed names them again: they are back.
    Response back = ndjson("/v1/admin/items?missing=unavailable", all.toString());
    assertEquals(200, back.status(), back.body());
    assertEquals(100, back.json().getInteger("updated"), back.body());
    assertEquals(0, back.json().getInteger("marked_unavailable"), back.body());
    assertEquals(0, unavailable());
  }

  @Test
  void feedThatBreaksMidwayMarksNothing() {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 1_500; i++) body.append(i == 0 ? "" : ",").append(item(i).encode());
    assertEquals(
        200, server.admin("POST", "/v1/admin/items", "application/json", body + "]").status());
    body.setLength(0);
    body.append("[");
    for (int i = 0; i < 1_200; i++) body.append(i == 0 ? "" : ",").append(item(i).encode());
    body.append(",{\"id\": \"sweep-x\", \"title\": ");

    Response r =
        server.admin(
            "POST", "/v1/admin/items?missing=unavailable", "application/json", body.toString());
    assertEquals(400, r.status(), r.body());
    assertTrue(r.json().getString("message").contains("no item was marked missing"), r.body());
    assertNull(r.json().getValue("marked_unavailable"), r.body());
    assertEquals(0, unavailable());
  }

  @Test
  void feedWithNoValidItemMarksNothing() {
    server.upsertItems(new JsonArray().add(item(0)).add(item(1)));

    Response empty = server.admin("POST", "/v1/admin/items?missing=unavailable", null, "[]");
    assertEquals(422, empty.status(), empty.body());
    assertEquals("empty_feed", empty.json().getString("error"));

    Response invalid =
        ndjson("/v1/admin/items?missing=delete", "{\"id\": \"sweep-00000\", \"price\": -1}\n");
    assertEquals(422, invalid.status(), invalid.body());
    assertEquals(0, unavailable());
    assertEquals(2, server.sqlLong("SELECT count(*) FROM items"));

    Response yml =
        server.admin(
            "POST",
            "/v1/admin/feeds/yml?missing=unavailable",
            "application/xml",
            ymlFeed("<offer id=\"sweep-00000\"><name>No price</name></offer>"));
    assertEquals(422, yml.status(), yml.body());
    assertEquals(0, unavailable());
  }

  @Test
  void ymlFeedWithMissingDeleteRemovesTheOthersFromStorageAndIndex() {
    server.upsertItems(new JsonArray().add(item(0)).add(item(1)).add(item(2)));
    assertEquals(200, server.get("/v1/recommendations/similar?item=" + id(2)).status());

    Response r =
        server.admin(
            "POST",
            "/v1/admin/feeds/yml?missing=delete",
            "application/xml",
            ymlFeed(
                """
                <offer id="sweep-00000"><name>Zero</name><price>5</price></offer>
                <offer id="sweep-00001"><name>One</name><price>5</price></offer>
                """));
    assertEquals(200, r.status(), r.body());
    assertEquals(1, r.json().getInteger("removed"), r.body());
    assertEquals(2, r.json().getInteger("updated"), r.body());
    assertEquals(404, server.admin("GET", "/v1/admin/items/" + id(2), null, null).status());
    assertEquals(404, server.get("/v1/recommendations/similar?item=" + id(2)).status());
  }

  @Test
  void itemWrittenWhileTheFeedIsReadIsNotMissing() throws Exception {
    int chunk = ItemsBulkLoad.CHUNK;
    JsonArray stored = new JsonArray();
    for (int i = 0; i <= chunk; i++) stored.add(item(i));
    server.upsertItems(stored);
    // The feed's first chunk (item 0 repriced, so that its write shows), then a pause.
    StringBuilder firstChunk = new StringBuilder("[");
    for (int i = 0; i < chunk; i++)
      firstChunk
          .append(i == 0 ? "" : ",")
          .append((i == 0 ? item(i).put("price", 99) : item(i)).encode());
    // A raw HTTP/1.1 request, so that the pause between the parts is where the test puts it.
    try (Socket socket = new Socket("127.0.0.1", server.app.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/admin/items?missing=unavailable HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "X-Admin-Key: "
                  + TestServer.ADMIN_KEY
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      writeChunk(out, firstChunk.toString());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (server.sqlLong(
              "SELECT (data->>'price')::numeric::int FROM items WHERE id = '" + id(0) + "'")
          != 99)
        assertTrue(System.nanoTime() < deadline, "the feed's first chunk was never written");
      server.upsertItems(new JsonArray().add(item(7_000)));
      writeChunk(out, "]");
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      JsonObject json = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertEquals(1, json.getInteger("marked_unavailable"), answer);
    }
    assertFalse(stored(id(chunk)).getBoolean("available"));
    assertTrue(stored(id(7_000)).getBoolean("available"), "written after the feed began");
  }

  private static void writeChunk(OutputStream out, String text) throws java.io.IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  // ------------------------------------------------------------------ helpers

  private static String id(int i) {
    return String.format("sweep-%05d", i);
  }

  private static JsonObject item(int i) {
    return TestServer.item(id(i), "Sweep", 10 + i % 50, 1 + i % 4);
  }

  private Response ndjson(String path, String body) {
    return server.admin("POST", path, "application/x-ndjson", body);
  }

  private JsonObject stored(String id) {
    Response r = server.admin("GET", "/v1/admin/items/" + id, null, null);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private long unavailable() {
    return server.sqlLong("SELECT count(*) FROM items WHERE (data->>'available')::boolean = false");
  }

  private static String ymlFeed(String offers) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <yml_catalog date="2026-11-20 12:00"><shop><offers>
        %s
        </offers></shop></yml_catalog>"""
        .formatted(offers);
  }
}
