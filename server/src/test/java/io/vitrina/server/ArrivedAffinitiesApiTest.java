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
 * arrives: the catalog's arrivals reach the profile through ProfileStore#countArrived.
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

    JsonObject affinities = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      TestServer.Response r =
          server.admin("GET", "/v1/admin/shoppers/affinities?visitor=early-bird", null, null);
      assertEquals(200, r.status(), r.body());
      affinities = r.json().getJsonObject("affinities");
      if (affinities.containsKey("category")) break;
      Thread.sleep(50);
    }
    JsonArray categories = affinities.getJsonArray("category");
    assertTrue(
        categories.stream().anyMatch(c -> ((JsonObject) c).getString("value").equals("Kites")),
        affinities.encode());
  }
}
