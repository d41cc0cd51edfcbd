package io.vitrina.server.recommend;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import org.junit.jupiter.api.Test;

/** The region events carry is stored, replayed and picks the shopper's regional best sellers. */
class GeoPopularApiTest {
  @Test
  void shoppersInDifferentRegionsGetTheirRegionsBestSellers() {
    try (TestServer server = TestServer.start()) {
      server.upsertItems(
          new JsonArray()
              .add(item("sled", "Winter", 50, 9))
              .add(item("flippers", "Summer", 20, 9))
              .add(item("hat", "Winter", 10, 9)));
      JsonArray events = new JsonArray();
      for (int s = 0; s < 6; s++) {
        events.add(event("purchase", "north-" + s, "sled").put("region", "Murmansk"));
        events.add(event("purchase", "south-" + s, "flippers").put("region", "Sochi"));
      }
      events.add(event("view_item", "north-new", "hat").put("region", "Murmansk"));
      events.add(event("view_item", "south-new", "hat").put("region", "Sochi"));
      assertEquals(202, server.postEvents(events.encode()).status());
      server.rebuildModel();
      Response north = server.get("/v1/recommendations/geo_popular?visitor=north-new&limit=1");
      assertEquals("sled", north.itemIds().get(0), north.body());
      assertEquals("popular in Murmansk", north.items().getJsonObject(0).getString("explanation"));
      Response south = server.get("/v1/recommendations/geo_popular?visitor=south-new&limit=1");
      assertEquals("flippers", south.itemIds().get(0), south.body());
      assertEquals(14, server.sqlLong("SELECT count(*) FROM events WHERE region IS NOT NULL"));
    }
  }
}
