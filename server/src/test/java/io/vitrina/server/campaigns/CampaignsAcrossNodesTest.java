package io.vitrina.server.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database: a campaign saved through one decides on the other, and a show reported
 * to one caps the campaign on the other (every node applies every shopper's events), and on a node
 * started later, from the events it replays.
 */
class CampaignsAcrossNodesTest {
  private static final long WITHIN_NANOS = 5_000_000_000L;

  @Test
  void aCampaignSavedOnOneNodeIsCappedOnTheOtherByAShowReportedToTheFirst() {
    String pgUrl = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pgUrl);
        TestServer b = TestServer.startOn(pgUrl)) {
      JsonObject popup =
          new JsonObject()
              .put("content", new JsonObject().put("title", "Once"))
              .put(
                  "triggers",
                  new JsonArray().add(new JsonObject().put("type", "idle").put("seconds", 20)))
              .put("caps", new JsonObject().put("lifetime", 1));
      Response saved =
          a.admin("PUT", "/v1/admin/campaigns/once", "application/json", popup.encode());
      assertEquals(201, saved.status(), saved.body());
      String decide = "/v1/decide?visitor=roamer";
      within(() -> b.get(decide), r -> r.body().contains("\"once\""), "saved on A, decided on B");

      JsonArray show =
          new JsonArray()
              .add(
                  new JsonObject()
                      .put("name", "view_promotion")
                      .put("visitor_id", "roamer")
                      .put("item_list_id", "once"));
      assertEquals(202, a.postEvents(show.encode()).status());
      assertEquals(0, a.get(decide).json().getJsonArray("campaigns").size(), "capped on A at once");
      within(
          () -> b.get(decide),
          r -> r.json().getJsonArray("campaigns").isEmpty(),
          "shown through A, capped on B");
      assertTrue(b.admin("GET", "/v1/admin/campaigns", null, null).body().contains("\"once\""));
      try (TestServer c = TestServer.startOn(pgUrl)) {
        assertEquals(
            0,
            c.get(decide).json().getJsonArray("campaigns").size(),
            "a node started since rebuilds the history from the events it replays");
        assertEquals(
            1, c.get("/v1/decide?visitor=someone-else").json().getJsonArray("campaigns").size());
      }
    }
  }

  private static Response within(Supplier<Response> ask, Predicate<Response> until, String what) {
    long deadline = System.nanoTime() + WITHIN_NANOS;
    Response r = ask.get();
    while (!until.test(r) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      r = ask.get();
    }
    assertTrue(until.test(r), what + ": " + r.body());
    return r;
  }
}
