package io.vitrina.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shopper profiles stay near {@code --max-profiles} while new shoppers pour in, well before the
 * once-a-minute eviction: memory is bounded by the setting, not by the traffic.
 */
class ProfileBoundTest {
  private static final int MAX = 200;
  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start("--max-profiles", Integer.toString(MAX));
    server.upsertItems(new JsonArray().add(TestServer.item("bound-1", "Home", 5, 3)));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static long profilesGauge() {
    return (long) server.gauge("vitrina_profiles");
  }

  @Test
  void profilesAreEvictedAsSoonAsTheyPassTheBoundByATenth() throws Exception {
    for (int batch = 0; batch < 10; batch++) {
      JsonArray events = new JsonArray();
      for (int i = 0; i < 100; i++)
        events.add(TestServer.event("view_item", "bound-visitor-" + batch + "-" + i, "bound-1"));
      assertEquals(202, server.postEvents(events.encode()).status());
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (profilesGauge() > MAX + MAX / 10 && System.nanoTime() < deadline) Thread.sleep(20);
    long profiles = profilesGauge();
    assertTrue(
        profiles <= MAX + MAX / 10,
        "1000 shoppers seen, " + profiles + " profiles kept; the bound is " + MAX);
    // The most recent shoppers are the ones kept; the first ones were evicted.
    assertEquals(1, ownItems("bound-visitor-9-99"), "the last shopper's history was evicted");
    assertEquals(0, ownItems("bound-visitor-0-0"), "the first shopper's history was kept");
  }

  /**
   * Items of a recently_viewed block that come from the shopper's history, not the popular
   * fallback.
   */
  private static long ownItems(String visitor) {
    JsonArray items =
        server
            .get("/v1/recommendations/recently_viewed?visitor=" + visitor)
            .json()
            .getJsonArray("items");
    return items.stream()
        .map(JsonObject.class::cast)
        .filter(item -> item.getString("source").equals("recently_viewed"))
        .count();
  }
}
