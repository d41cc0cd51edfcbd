package io.vitrina.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A shopper's view of an item the catalog has not got yet counts in their affinities once the item
 * arrives, on every node: each counts the lines it applied when its own index gets the item,
 * whichever node wrote it, and a node started later rebuilds the lines as it replays the events.
 */
class ArrivedAffinitiesApiTest {
  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void aViewOfAnItemThatArrivesLaterCountsInTheShoppersAffinities() throws Exception {
    JsonArray events = new JsonArray().add(TestServer.event("view_item", "early-bird", "late-1"));
    assertEquals(202, server.postEvents(events.encode()).status());

    server.upsertItems(new JsonArray().add(TestServer.item("late-1", "Kites", 25, 4)));

    assertLikes(server, "early-bird", "Kites");
  }

  @Test
  void anItemWrittenOnOneNodeCountsTheLinesEveryNodeApplied() throws Exception {
    String pgUrl = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pgUrl);
        TestServer b = TestServer.startOn(pgUrl)) {
      assertEquals(
          202,
          a.postEvents(TestServer.event("view_item", "two-nodes", "late-2").encode()).status());
      awaitGauge(b, "vitrina_events_awaiting_items", 1);

      b.upsertItems(new JsonArray().add(TestServer.item("late-2", "Kites", 25, 4)));

      assertLikes(b, "two-nodes", "Kites");
      assertLikes(a, "two-nodes", "Kites");
    }
  }

  @Test
  void aNodeStartedLaterCountsTheLinesOfEventsBeforeIt() throws Exception {
    String pgUrl = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pgUrl)) {
      assertEquals(
          202, a.postEvents(TestServer.event("view_item", "before", "late-3").encode()).status());
    }
    try (TestServer later = TestServer.startOn(pgUrl)) {
      assertEquals(1, later.gauge("vitrina_events_awaiting_items"), "rebuilt by the replay");

      later.upsertItems(new JsonArray().add(TestServer.item("late-3", "Kites", 25, 4)));

      assertLikes(later, "before", "Kites");
    }
  }

  /** Waits until the shopper's category affinities on {@code node} hold {@code category}. */
  private static void assertLikes(TestServer node, String visitor, String category)
      throws InterruptedException {
    JsonObject affinities = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      TestServer.Response r =
          node.admin("GET", "/v1/admin/shoppers/affinities?visitor=" + visitor, null, null);
      assertEquals(200, r.status(), r.body());
      affinities = r.json().getJsonObject("affinities");
      if (affinities.containsKey("category")) break;
      Thread.sleep(50);
    }
    JsonArray categories = affinities.getJsonArray("category");
    assertTrue(
        categories != null
            && categories.stream()
                .anyMatch(c -> ((JsonObject) c).getString("value").equals(category)),
        node.base() + ": " + affinities.encode());
  }

  private static void awaitGauge(TestServer node, String name, double value)
      throws InterruptedException {
    for (int attempt = 0; attempt < 100 && node.gauge(name) != value; attempt++) Thread.sleep(50);
    assertEquals(value, node.gauge(name), name + " on " + node.base());
  }
}
