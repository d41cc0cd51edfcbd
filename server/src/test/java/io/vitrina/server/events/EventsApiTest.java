package io.vitrina.server.events;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventsApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 5; i++) items.add(item("e" + i, "Phones", 10 * i, 3));
    server.upsertItems(items);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static long storedFor(String visitor) {
    return server.sqlLong("SELECT count(*) FROM events WHERE visitor_id = '" + visitor + "'");
  }

  @Test
  void acceptedBatchIsInPostgresWhenAcknowledged() {
    JsonArray batch =
        new JsonArray()
            .add(event("view_item", "ok-1", "e1"))
            .add(event("add_to_cart", "ok-1", "e1"))
            .add(event("purchase", "ok-1", "e1", "e2"));
    Response r = server.postEvents(batch.encode());
    assertEquals(202, r.status(), r.body());
    assertEquals(3, r.json().getInteger("accepted"));
    assertEquals(3, storedFor("ok-1"));
    assertEquals(
        1,
        server.sqlLong(
            "SELECT count(*) FROM events WHERE visitor_id = 'ok-1' AND name = 'purchase' AND jsonb_array_length(items) = 2"));
  }

  @Test
  void invalidEntriesAreRejectedByIndexAndValidOnesKept() {
    JsonArray batch =
        new JsonArray()
            .add(event("view_item", "mixed-1", "e1"))
            .add(new JsonObject().put("name", "teleport").put("visitor_id", "mixed-1"))
            .add(event("view_item", "mixed-1", "not-in-the-catalog-yet"))
            .add("not an object")
            .add(
                new JsonObject()
                    .put("name", "view_item")
                    .put("items", new JsonArray().add(new JsonObject().put("item_id", "e2"))))
            .add(event("add_to_cart", "mixed-1", "e2"));
    Response r = server.postEvents(batch.encode());
    assertEquals(422, r.status(), r.body());
    JsonObject body = r.json();
    assertEquals(3, body.getInteger("accepted"));
    assertEquals(3, body.getInteger("rejected"));
    JsonArray errors = body.getJsonArray("errors");
    assertEquals(3, errors.size(), errors.encodePrettily());
    assertError(errors, 1, "name", "unknown event 'teleport'");
    assertError(errors, 3, null, "must be an event object");
    assertError(errors, 4, "visitor_id", "is required");
    assertEquals(3, storedFor("mixed-1"));
  }

  private static void assertError(JsonArray errors, int index, String field, String text) {
    for (Object o : errors) {
      JsonObject e = (JsonObject) o;
      if (e.getInteger("index") == index
          && java.util.Objects.equals(field, e.getString("field"))
          && e.getString("message").contains(text)) return;
    }
    fail(
        "no error at index "
            + index
            + " field "
            + field
            + " containing '"
            + text
            + "' in "
            + errors.encodePrettily());
  }

  @Test
  void malformedJsonIsA400ThatSaysWhere() {
    Response r = server.postEvents("[{\"name\": \"view_item\", ");
    assertEquals(400, r.status());
    assertEquals("malformed_json", r.json().getString("error"));
    assertTrue(r.json().getString("message").contains("line 1"), r.body());
  }

  @Test
  void anEventMissingItsItemsSaysWhichField() {
    Response r =
        server.postEvents(new JsonObject().put("name", "purchase").put("visitor_id", "x").encode());
    assertEquals(422, r.status());
    assertEquals("items", r.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertFalse(
        r.json().getJsonArray("errors").getJsonObject(0).containsKey("index"),
        "a single event has no index");
  }

  @Test
  void oversizeBodyIsRefusedWith413() {
    String big = "[" + (event("view_item", "big", "e1").encode() + ",").repeat(20_000) + "{}]";
    Response r = server.postEvents(big);
    assertEquals(413, r.status());
    assertEquals("body_too_large", r.json().getString("error"));
    assertEquals(0, storedFor("big"));
  }

  @Test
  void siteKeyIsRequired() {
    HttpRequest.Builder none =
        HttpRequest.newBuilder(URI.create(server.base() + "/v1/events"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(event("view_item", "k", "e1").encode()));
    assertEquals(401, server.send(none).status());
    HttpRequest.Builder wrong =
        HttpRequest.newBuilder(URI.create(server.base() + "/v1/events?site_key=nope"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(event("view_item", "k", "e1").encode()));
    Response r = server.send(wrong);
    assertEquals(403, r.status());
    assertEquals("wrong_site_key", r.json().getString("error"));
    assertEquals(0, storedFor("k"));
  }

  @Test
  void beaconFormWithTextPlainAndKeyInQueryIsAccepted() {
    HttpRequest.Builder beacon =
        HttpRequest.newBuilder(
                URI.create(server.base() + "/v1/events?site_key=" + TestServer.SITE_KEY))
            .header("Content-Type", "text/plain;charset=UTF-8")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonArray().add(event("view_item", "beacon-1", "e3")).encode()));
    Response r = server.send(beacon);
    assertEquals(202, r.status(), r.body());
    assertEquals(1, storedFor("beacon-1"));
  }

  @Test
  void eventsUpdateTheProfileAtOnceAndIdentifyStitchesTheVisitorToTheCustomer() {
    server.postEvents(
        new JsonArray()
            .add(event("view_item", "anon-7", "e4"))
            .add(event("view_item", "anon-7", "e5"))
            .encode());
    assertEquals(
        java.util.List.of("e5", "e4"),
        server.get("/v1/recommendations/recently_viewed?visitor=anon-7&limit=2").itemIds());

    Response identify =
        server.postEvents(
            new JsonObject()
                .put("name", "identify")
                .put("visitor_id", "anon-7")
                .put("customer_id", "cust-7")
                .encode());
    assertEquals(202, identify.status(), identify.body());
    assertEquals(
        java.util.List.of("e5", "e4"),
        server.get("/v1/recommendations/recently_viewed?customer=cust-7&limit=2").itemIds());
    // The anonymous id keeps resolving to the customer, e.g. from a page that has not reloaded.
    server.postEvents(event("view_item", "anon-7", "e1").encode());
    assertEquals(
        "e1",
        server.get("/v1/recommendations/recently_viewed?customer=cust-7&limit=1").itemIds().get(0));
    assertEquals(
        1,
        server.sqlLong(
            "SELECT count(*) FROM identities WHERE visitor_id = 'anon-7' AND customer_id = 'cust-7'"));
  }

  @Test
  void metricsCountEventsByNameRejectionsByFieldAndDuplicates() {
    JsonObject order =
        event("purchase", "metrics-1", "e2").put("transaction_id", "metrics-order-1");
    Response r =
        server.postEvents(
            new JsonArray()
                .add(event("add_to_wishlist", "metrics-1", "e1"))
                .add(order)
                .add(order)
                .add(event("view_item", "metrics-1", "e1").put("timestamp", "soon"))
                .add(event("view_item", "metrics-1", "e1").put("name", "peek"))
                .encode());
    assertEquals(422, r.status(), r.body());
    assertEquals(3, r.json().getInteger("accepted"));
    assertEquals(1, r.json().getInteger("duplicates"));
    String metrics = server.get("/metrics").body();
    assertTrue(
        metrics.contains("\nvitrina_events_accepted_total{name=\"add_to_wishlist\"} 1\n"), metrics);
    assertTrue(
        metrics.contains("\nvitrina_events_duplicates_total{name=\"purchase\"} 1\n"), metrics);
    assertTrue(
        metrics.contains("\nvitrina_events_rejected_total{reason=\"timestamp\"} 1\n"), metrics);
    assertTrue(metrics.contains("\nvitrina_events_rejected_total{reason=\"name\"} "), metrics);
    assertEquals(
        1,
        metrics
            .lines()
            .filter(l -> l.equals("# TYPE vitrina_events_accepted_total counter"))
            .count(),
        "one header for all the series of a counter");
  }

  @Test
  void unknownContentTypeIs415() {
    HttpRequest.Builder form =
        HttpRequest.newBuilder(URI.create(server.base() + "/v1/events"))
            .header("X-Site-Key", TestServer.SITE_KEY)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("name=view_item"));
    assertEquals(415, server.send(form).status());
  }
}
