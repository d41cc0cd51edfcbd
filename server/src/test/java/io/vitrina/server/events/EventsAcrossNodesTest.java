package io.vitrina.server.events;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonArray;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database, in one process: every node applies every event, in one order, so a
 * shopper whose clicks reach both nodes gets the same answer from each.
 */
class EventsAcrossNodesTest {
  private static final int VIEWED = 12;
  private static final int ITEMS = 30;

  @Test
  void eventsSentAlternatelyToTwoNodesGiveTheSameAnswersOnBoth() throws Exception {
    String pgUrl = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pgUrl)) {
      JsonArray items = new JsonArray();
      for (int i = 0; i < ITEMS; i++) items.add(item("i" + i, i % 2 == 0 ? "Even" : "Odd", 10, 5));
      a.upsertItems(items);
      try (TestServer b = TestServer.startOn(pgUrl)) {
        // Back to back, with no pause: the order of application is the log's, not the arrival's.
        for (int i = 0; i < VIEWED; i++) {
          TestServer node = i % 2 == 0 ? a : b;
          Response r = node.postEvents(event("view_item", "shopper", "i" + i).encode());
          assertEquals(202, r.status(), r.body());
        }
        Response cart = b.postEvents(event("add_to_cart", "shopper", "i3").encode());
        assertEquals(202, cart.status(), cart.body());
        // Others who viewed what the shopper viewed, and more: what a model learns from.
        for (int s = 0; s < 20; s++) {
          TestServer node = s % 2 == 0 ? b : a;
          for (int i = s; i < s + 8; i++) {
            String viewed = "i" + (i % ITEMS);
            assertEquals(
                202, node.postEvents(event("view_item", "other" + s, viewed).encode()).status());
          }
        }

        String recent = "/v1/recommendations/recently_viewed?visitor=shopper&limit=20";
        List<String> onA = eventually(() -> a.get(recent).itemIds(), VIEWED);
        List<String> onB = eventually(() -> b.get(recent).itemIds(), VIEWED);
        assertEquals(VIEWED, onA.size(), "every view reached node A: " + onA);
        assertEquals(onA, onB, "the same history, in the same order, on both nodes");
        eventually(() -> b.get("/v1/recommendations/recently_viewed?visitor=other19").itemIds(), 8);
        a.rebuildModel();
        b.rebuildModel();
        for (String algorithm : List.of("personal", "cart_cross_sell", "also_viewed")) {
          String path =
              "/v1/recommendations/" + algorithm + "?visitor=shopper&item=i3&fallback=popular";
          List<String> fromA = a.get(path).itemIds();
          assertFalse(fromA.isEmpty(), algorithm + " answers");
          assertEquals(fromA, b.get(path).itemIds(), algorithm + " on both nodes");
        }
      }
    }
  }

  @Test
  void aNodeStartedLaterHasTheEventsOthersAcceptedBefore() {
    String pgUrl = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pgUrl)) {
      a.upsertItems(new JsonArray().add(item("i1", "Even", 10, 5)).add(item("i2", "Odd", 10, 5)));
      assertEquals(202, a.postEvents(event("view_item", "early", "i1").encode()).status());
      try (TestServer b = TestServer.startOn(pgUrl)) {
        assertEquals(202, a.postEvents(event("view_item", "early", "i2").encode()).status());
        String recent = "/v1/recommendations/recently_viewed?visitor=early";
        assertEquals(List.of("i2", "i1"), eventually(() -> b.get(recent).itemIds(), 2));
      }
    }
  }

  /** What {@code read} answers once it holds {@code size} entries, or after ten seconds. */
  private static List<String> eventually(Supplier<List<String>> read, int size) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<String> last = read.get();
    while (last.size() < size && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      last = read.get();
    }
    return last;
  }
}
