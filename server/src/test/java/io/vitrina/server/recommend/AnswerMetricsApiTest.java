package io.vitrina.server.recommend;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} counts the answers a store's engineer watches, as they are served over HTTP: per
 * algorithm (whichever endpoint asked), per named block, those filled by fallbacks with their
 * items, and the empty ones; names a page chose are no labels.
 */
class AnswerMetricsApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 6; i++) items.add(item("lamp-" + i, "Lamps", 10 + i, 5));
    server.upsertItems(items);
    JsonArray events = new JsonArray();
    for (int i = 1; i <= 6; i++)
      for (int v = 0; v < i; v++) events.add(event("view_item", "viewer-" + v, "lamp-" + i));
    assertEquals(202, server.postEvents(events.encode()).status());
    server.rebuildModel();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String scrape() {
    Response metrics = server.get("/metrics");
    assertEquals(200, metrics.status());
    return metrics.body();
  }

  private static long count(String scrape, String family, String label, String value) {
    Matcher m =
        Pattern.compile(
                "(?m)^" + Pattern.quote(family + "{" + label + "=\"" + value + "\"}") + " (\\d+)$")
            .matcher(scrape);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static long answers(String scrape, String algorithm) {
    return count(scrape, "vitrina_recommendations_total", "algorithm", algorithm);
  }

  private static Response ok(String path) {
    Response r = server.get(path);
    assertEquals(200, r.status(), path + ": " + r.body());
    return r;
  }

  @Test
  void answersAreCountedPerAlgorithmWhicheverEndpointAsked() {
    String before = scrape();
    ok("/v1/recommendations/popular?limit=3");
    ok("/v1/recommendations/popular?limit=3&block=home-page");
    ok("/v1/recommendations/new_arrivals?limit=2");
    ok("/v1/search?q=lamp&limit=2");
    assertEquals(404, server.get("/v1/recommendations/no_such_algorithm").status());
    String after = scrape();

    assertEquals(2, answers(after, "popular") - answers(before, "popular"));
    assertEquals(1, answers(after, "new_arrivals") - answers(before, "new_arrivals"));
    assertEquals(1, answers(after, "search_personal") - answers(before, "search_personal"));
    assertFalse(after.contains("no_such_algorithm"), "an unknown name is no label");
    assertFalse(after.contains("home-page"), "the page's block= is no label");
    assertTrue(
        after.contains("# HELP vitrina_recommendations_total "), "described for the operator");
  }

  @Test
  void aNamedBlockIsCountedByItsNameAndItsAlgorithm() {
    JsonObject block = new JsonObject().put("algorithm", "popular").put("limit", 2);
    Response saved =
        server.admin("PUT", "/v1/admin/blocks/footer", "application/json", block.encode());
    assertTrue(saved.status() == 201 || saved.status() == 200, saved.body());
    String before = scrape();
    ok("/v1/blocks/footer");
    ok("/v1/blocks/footer?visitor=someone");
    String after = scrape();

    String family = "vitrina_block_recommendations_total";
    assertEquals(
        2, count(after, family, "block", "footer") - count(before, family, "block", "footer"));
    assertEquals(2, answers(after, "popular") - answers(before, "popular"));
  }

  @Test
  void emptyAnswersAndFallbacksAreCountedWithTheFallbackItems() {
    String before = scrape();
    // A first visit has viewed nothing: its recently_viewed is empty unless a fallback is asked.
    Response empty = ok("/v1/recommendations/recently_viewed?visitor=first-visit");
    assertEquals(0, empty.itemIds().size(), empty.body());
    Response padded =
        ok("/v1/recommendations/recently_viewed?visitor=first-visit&fallback=popular&limit=4");
    assertEquals(4, padded.json().getInteger("fallback_items"), padded.body());
    Response own = ok("/v1/recommendations/popular?limit=4");
    assertEquals(0, own.json().getInteger("fallback_items"), own.body());
    String after = scrape();

    String algorithm = "recently_viewed";
    assertEquals(2, answers(after, algorithm) - answers(before, algorithm));
    assertEquals(1, delta(before, after, "vitrina_recommendations_empty_total", algorithm));
    assertEquals(1, delta(before, after, "vitrina_recommendations_with_fallback_total", algorithm));
    assertEquals(
        4, delta(before, after, "vitrina_recommendations_fallback_items_total", algorithm));
    assertEquals(0, delta(before, after, "vitrina_recommendations_with_fallback_total", "popular"));
    assertEquals(0, delta(before, after, "vitrina_recommendations_empty_total", "popular"));
  }

  private static long delta(String before, String after, String family, String algorithm) {
    return count(after, family, "algorithm", algorithm)
        - count(before, family, "algorithm", algorithm);
  }
}
