package io.vitrina.server;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonObject;
import io.vitrina.demo.DemoStore;
import io.vitrina.server.TestServer.Response;
import org.junit.jupiter.api.Test;

/**
 * What the README promises: the demo store serves personal blocks to known and unknown visitors.
 */
class DemoStoreServiceTest {
  @Test
  void demoStoreServesPersonalRecommendationsToADemoVisitorAndToAStranger() {
    try (TestServer server = TestServer.start("--demo")) {
      assertEquals(DemoStore.DEFAULT_ITEMS, server.get("/ready").json().getInteger("items"));
      server.rebuildModel();
      Response known =
          server.get(
              "/v1/recommendations/personal?visitor=" + DemoStore.DEMO_VISITOR_ID + "&limit=10");
      assertEquals(10, known.itemIds().size(), known.body());
      assertTrue(
          known.items().stream()
              .anyMatch(o -> ((JsonObject) o).getString("source").equals("personal")),
          "the demo visitor's history drives at least part of the block: " + known.body());
      Response stranger = server.get("/v1/recommendations/personal?visitor=somebody-new&limit=10");
      assertEquals(10, stranger.itemIds().size(), stranger.body());
      assertTrue(server.sqlLong("SELECT count(*) FROM events") > 10_000);
    }
  }
}
