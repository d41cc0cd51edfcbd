package io.vitrina.server.events;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import org.junit.jupiter.api.Test;

class BackPressureTest {
  @Test
  void moreEventsThanTheQueueHoldsGet503WithRetryAfterAndNothingHalfStored() {
    try (TestServer server = TestServer.start("--max-pending-events", "3")) {
      server.upsertItems(new JsonArray().add(item("b1", "Phones", 10, 1)));
      JsonArray four = new JsonArray();
      for (int i = 0; i < 4; i++) four.add(event("view_item", "flood", "b1"));
      Response r = server.postEvents(four.encode());
      assertEquals(503, r.status(), r.body());
      assertEquals("overloaded", r.json().getString("error"));
      assertEquals("1", r.headers().get("retry-after").get(0));
      assertEquals(0, server.sqlLong("SELECT count(*) FROM events WHERE visitor_id = 'flood'"));
      // Within the limit the same service accepts.
      assertEquals(
          202,
          server
              .postEvents(new JsonArray().add(event("view_item", "flood", "b1")).encode())
              .status());
    }
  }
}
