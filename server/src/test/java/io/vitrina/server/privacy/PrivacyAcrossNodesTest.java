package io.vitrina.server.privacy;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database, in one process: an erasure on one node clears the other's memory
 * (which holds the shopper from the shared log), and a consent given on one holds on the other.
 */
class PrivacyAcrossNodesTest {
  @Test
  void anErasureOnOneNodeClearsTheOthersMemoryAndConsentHoldsOnBoth() throws Exception {
    String pgUrl = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pgUrl);
        TestServer b = TestServer.startOn(pgUrl)) {
      a.upsertItems(new JsonArray().add(item("i1", "Even", 10, 5)).add(item("i2", "Odd", 10, 5)));
      assertEquals(202, a.postEvents(event("view_item", "v-x", "i1").encode()).status());
      JsonObject identify =
          new JsonObject().put("name", "identify").put("visitor_id", "v-x").put("customer_id", "x");
      assertEquals(202, b.postEvents(identify.encode()).status());
      assertEquals(202, a.postEvents(event("view_item", "v-y", "i2").encode()).status());
      String recentOfX = "/v1/recommendations/recently_viewed?customer=x";
      assertEquals(List.of("i1"), eventually(() -> b.get(recentOfX).itemIds(), List.of("i1")));

      JsonObject refuse =
          new JsonObject()
              .put("name", "consent")
              .put("visitor_id", "v-y")
              .put("consent", new JsonObject().put("personalization", false));
      assertEquals(202, a.postEvents(refuse.encode()).status());
      String recentOfY = "/v1/recommendations/recently_viewed?visitor=v-y";
      assertEquals(List.of(), eventually(() -> b.get(recentOfY).itemIds(), List.of()));

      Response erased = a.admin("DELETE", "/v1/admin/profiles?visitor=v-x", null, null);
      assertEquals(200, erased.status(), erased.body());
      assertEquals("x", erased.json().getJsonObject("ids").getString("customer"));
      assertEquals(List.of(), eventually(() -> b.get(recentOfX).itemIds(), List.of()));
      assertEquals(
          List.of(),
          b.get("/v1/recommendations/recently_viewed?visitor=v-x").itemIds(),
          "the visitor id too");
      for (TestServer node : List.of(a, b))
        assertEquals(404, node.admin("GET", "/v1/admin/profiles?customer=x", null, null).status());

      // The shopper coming back after the erasure is a new one, on both nodes.
      assertEquals(202, b.postEvents(event("view_item", "v-x", "i2").encode()).status());
      String recentOfV = "/v1/recommendations/recently_viewed?visitor=v-x";
      assertEquals(List.of("i2"), eventually(() -> a.get(recentOfV).itemIds(), List.of("i2")));
    }
  }

  private static <T> T eventually(Supplier<T> read, T expected) throws InterruptedException {
    T last = read.get();
    for (int attempt = 0; attempt < 100 && !last.equals(expected); attempt++) {
      Thread.sleep(50);
      last = read.get();
    }
    return last;
  }
}
