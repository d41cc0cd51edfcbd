package io.vitrina.server.catalog;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import org.junit.jupiter.api.Test;

/**
 * A catalog update that brings an item back in stock shows in {@code back_in_stock} for shoppers
 * who looked at it, and is kept in PostgreSQL, so a restarted service still knows it.
 */
class RestockTest {
  @Test
  void aRestockReachesTheShoppersWhoLookedAndSurvivesARestart() {
    String pg = TestPostgres.newDatabase();
    String block = "/v1/recommendations/back_in_stock?visitor=waiting&limit=3";
    try (TestServer server = TestServer.startOn(pg)) {
      server.upsertItems(
          new JsonArray().add(item("kettle", "Kitchen", 30, 0)).add(item("mug", "Kitchen", 5, 4)));
      assertEquals(
          202, server.postEvents(event("view_item", "waiting", "kettle").encode()).status());
      assertFalse(server.get(block).body().contains("\"source\":\"back_in_stock\""));
      server.upsertItems(new JsonArray().add(item("kettle", "Kitchen", 30, 7)));
      Response r = server.get(block);
      assertEquals("kettle", r.itemIds().get(0), r.body());
      assertEquals("back in stock", r.items().getJsonObject(0).getString("explanation"));
      assertEquals(
          1,
          server.sqlLong("SELECT count(*) FROM items WHERE restocked_at IS NOT NULL"),
          "the mug never ran out");
    }
    try (TestServer restarted = TestServer.startOn(pg)) {
      Response r = restarted.get(block);
      assertEquals("kettle", r.itemIds().get(0), r.body());
      assertEquals("back_in_stock", r.items().getJsonObject(0).getString("source"));
    }
  }
}
