package io.vitrina.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Catalog uploads over {@code --catalog-body-limit} are refused with 413, whether the client
 * announces the size (Content-Length) or streams it chunked; a feed over the limit imports nothing.
 */
class CatalogBodyLimitTest {
  private static final int LIMIT = 20_000;
  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start("--catalog-body-limit", Integer.toString(LIMIT));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** A feed of {@code offers} offers, ~100 bytes each. */
  private static String feed(String prefix, int offers) {
    StringBuilder xml = new StringBuilder("<yml_catalog><shop><offers>");
    for (int i = 0; i < offers; i++) {
      xml.append("<offer id=\"")
          .append(prefix)
          .append(i)
          .append("\"><name>Mug ")
          .append(i)
          .append("</name><price>5</price></offer>\n");
    }
    return xml.append("</offers></shop></yml_catalog>").toString();
  }

  private static Response postFeed(String feed, boolean chunked) {
    return post("/v1/admin/feeds/yml", "application/xml", feed, chunked);
  }

  private static Response post(String path, String contentType, String text, boolean chunked) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    HttpRequest.BodyPublisher body =
        chunked
            ? HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(bytes)) // no Content-Length
            : HttpRequest.BodyPublishers.ofByteArray(bytes);
    return server.send(
        HttpRequest.newBuilder(URI.create(server.base() + path))
            .version(HttpClient.Version.HTTP_1_1)
            .header("X-Admin-Key", TestServer.ADMIN_KEY)
            .header("Content-Type", contentType)
            .POST(body));
  }

  @Test
  void feedUnderTheLimitIsImported() {
    Response r = postFeed(feed("small-", 10), true);
    assertEquals(200, r.status(), r.body());
    assertEquals(10, r.json().getInteger("upserted"));
  }

  @Test
  void chunkedFeedOverTheLimitIsRefusedAndImportsNothing() {
    String big = feed("chunked-", 1_000);
    assertTrue(big.length() > LIMIT);
    Response r = postFeed(big, true);
    assertEquals(413, r.status(), r.body());
    assertEquals("body_too_large", r.json().getString("error"));
    assertEquals(
        404,
        server.admin("GET", "/v1/admin/items/chunked-0", null, null).status(),
        "nothing of the feed was imported");
  }

  @Test
  void feedAnnouncedOverTheLimitIsRefused() {
    Response r = postFeed(feed("announced-", 1_000), false);
    assertEquals(413, r.status(), r.body());
    assertEquals("body_too_large", r.json().getString("error"));
  }

  @Test
  void itemUploadOverTheLimitIsRefused() {
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < 1_000; i++)
      ndjson.append("{\"id\":\"big-").append(i).append("\",\"title\":\"Mug\",\"price\":5}\n");
    Response r = post("/v1/admin/items", "application/x-ndjson", ndjson.toString(), true);
    assertEquals(413, r.status(), r.body());
    assertEquals("body_too_large", r.json().getString("error"));
  }
}
