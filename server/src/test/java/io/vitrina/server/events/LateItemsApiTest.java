package io.vitrina.server.events;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tracker ahead of the catalog feed: events name a case the catalog gets only later. They are
 * accepted, and once the case arrives and the model is rebuilt they shape the shoppers' blocks as
 * if the catalog had always had it.
 */
class LateItemsApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 6; i++) {
      items.add(item("phone-" + i, "Phones", 300 + i, 5));
      if (i != 3) items.add(item("case-" + i, "Cases", 10 + i, 5));
    }
    server.upsertItems(items);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void eventsForAnItemNotYetInTheCatalogCountOnceItArrives() throws Exception {
    // Buyers of phone N also buy case N; case-3 is not in the catalog yet.
    JsonArray events = new JsonArray();
    for (int i = 1; i <= 6; i++) {
      for (int buyer = 0; buyer < 8; buyer++) {
        String visitor = "late-buyer-" + i + "-" + buyer;
        events.add(event("view_item", visitor, "phone-" + i));
        events.add(event("view_item", visitor, "case-" + i));
        events.add(event("purchase", visitor, "phone-" + i, "case-" + i));
      }
    }
    Response batch = server.postEvents(events.encode());
    assertEquals(202, batch.status(), batch.body());
    assertEquals(events.size(), batch.json().getInteger("accepted"));
    Response early = server.postEvents(event("view_item", "early-bird", "case-3").encode());
    assertEquals(202, early.status(), "an item the feed has not brought yet: " + early.body());
    assertEquals(
        17,
        server.sqlLong("SELECT count(*) FROM events WHERE items @> '[{\"id\": \"case-3\"}]'"),
        "every event naming case-3 is stored");
    assertEquals(
        17,
        server.gauge("vitrina_events_awaiting_items"),
        "the lines naming case-3 wait for it; nothing waits for the items the catalog has");

    server.upsertItems(new JsonArray().add(item("case-3", "Cases", 13, 5)));
    assertEquals(0, server.gauge("vitrina_events_awaiting_items"), "counted on arrival");
    server.rebuildModel();

    Response personal = server.get("/v1/recommendations/personal?visitor=early-bird&limit=4");
    assertEquals(200, personal.status(), personal.body());
    assertEquals("phone-3", personal.itemIds().get(0), personal.body());
    assertTrue(
        personal.items().getJsonObject(0).getString("explanation").contains("because you viewed"),
        personal.body());
    assertEquals(
        "case-3",
        server
            .get("/v1/recommendations/recently_viewed?visitor=early-bird&limit=3")
            .itemIds()
            .get(0),
        "the history kept the id");
    Response bought = server.get("/v1/recommendations/also_bought?item=case-3&limit=2");
    assertEquals("phone-3", bought.itemIds().get(0), bought.body());
    Response popular = server.get("/v1/recommendations/popular?category=Cases&limit=10");
    assertTrue(popular.itemIds().contains("case-3"), popular.body());
    assertEquals("popular", sourceOf(popular, "case-3"), "counted by its own demand");
  }

  @Test
  void onlyWhatIsMalformedIsRefused() {
    Response r =
        server.postEvents(
            new JsonArray()
                .add(event("view_item", "strict-1", "not-yet-1"))
                .add(event("add_to_cart", "strict-1", "not-yet-1", "phone-1"))
                .add(event("view_item", "strict-1", ""))
                .encode());
    assertEquals(422, r.status(), r.body());
    assertEquals(2, r.json().getInteger("accepted"));
    assertEquals(1, r.json().getInteger("rejected"));
    assertEquals(
        "items[0].item_id",
        r.json().getJsonArray("errors").getJsonObject(0).getString("field"),
        r.body());
  }

  private static String sourceOf(Response r, String id) {
    for (Object o : r.items()) {
      JsonObject item = (JsonObject) o;
      if (item.getString("id").equals(id)) return item.getString("source");
    }
    return null;
  }
}
