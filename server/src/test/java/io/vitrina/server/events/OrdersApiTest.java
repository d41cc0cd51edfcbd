package io.vitrina.server.events;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import org.junit.jupiter.api.Test;

/**
 * Orders as stores send them: a purchase with its transaction id may come twice (a tracker's retry,
 * the store's server postback as well as the tracker), even in one batch, even after a restart; it
 * counts once everywhere. A refund is kept with its order, and counts as no purchase.
 */
class OrdersApiTest {
  private static JsonObject purchase(String visitor, String transactionId, String... items) {
    return event("purchase", visitor, items)
        .put("transaction_id", transactionId)
        .put("value", 301.0)
        .put("currency", "EUR");
  }

  @Test
  void aPurchaseSentAgainCountsOnceInTheProfilePopularityAndTheStoredOrders() {
    String pgUrl = TestPostgres.newDatabase();
    try (TestServer server = TestServer.startOn(pgUrl)) {
      server.upsertItems(
          new JsonArray()
              .add(item("phone-1", "Phones", 301, 5))
              .add(item("case-1", "Cases", 301, 5)));
      Response first = server.postEvents(purchase("buyer", "T-1", "phone-1").encode());
      assertEquals(202, first.status(), first.body());
      assertEquals(0, first.json().getInteger("duplicates"));

      Response retry = server.postEvents(purchase("buyer", "T-1", "phone-1").encode());
      assertEquals(202, retry.status(), "a duplicate is accepted: " + retry.body());
      assertEquals(1, retry.json().getInteger("accepted"));
      assertEquals(1, retry.json().getInteger("duplicates"));

      JsonObject other = purchase("buyer", "T-2", "case-1");
      Response batch = server.postEvents(new JsonArray().add(other).add(other).encode());
      assertEquals(202, batch.status(), batch.body());
      assertEquals(2, batch.json().getInteger("accepted"));
      assertEquals(1, batch.json().getInteger("duplicates"), "the copy in the same batch");
      assertCountedOnce(server);
    }
    // After a restart the stored order is still known, and the profiles rebuilt from PostgreSQL
    // hold each order once.
    try (TestServer server = TestServer.startOn(pgUrl)) {
      Response postback = server.postEvents(purchase("buyer", "T-1", "phone-1").encode());
      assertEquals(202, postback.status(), postback.body());
      assertEquals(1, postback.json().getInteger("duplicates"));
      assertCountedOnce(server);
    }
  }

  /** T-1 (a phone) and T-2 (a case) once each: the profile leans to neither, popularity alike. */
  private static void assertCountedOnce(TestServer server) {
    assertEquals(
        1, server.sqlLong("SELECT count(*) FROM events WHERE transaction_id = 'T-1'"), "T-1 rows");
    assertEquals(
        1, server.sqlLong("SELECT count(*) FROM events WHERE transaction_id = 'T-2'"), "T-2 rows");
    assertEquals(
        602,
        server.sqlLong(
            "SELECT sum(value)::bigint FROM events WHERE name = 'purchase' AND currency = 'EUR'"),
        "revenue");
    Response affinities =
        server.admin("GET", "/v1/admin/shoppers/affinities?visitor=buyer", null, null);
    assertEquals(200, affinities.status(), affinities.body());
    JsonArray categories = affinities.json().getJsonObject("affinities").getJsonArray("category");
    assertNotNull(categories, affinities.body());
    assertEquals(
        shareOf(categories, "Phones"), shareOf(categories, "Cases"), 0.01, affinities.body());
    server.rebuildModel();
    Response popular = server.get("/v1/recommendations/popular?limit=2");
    assertEquals(2, popular.itemIds().size(), popular.body());
    double a = popular.items().getJsonObject(0).getDouble("score");
    double b = popular.items().getJsonObject(1).getDouble("score");
    assertEquals(1.0, b / a, 0.05, "one purchase each: " + popular.body());
  }

  @Test
  void aRefundNeedsItsOrderIsKeptWithItsLinesAndCountsAsNoPurchase() {
    try (TestServer server = TestServer.start()) {
      server.upsertItems(
          new JsonArray().add(item("lamp-1", "Lamps", 40, 5)).add(item("lamp-2", "Lamps", 40, 5)));
      JsonObject refund = new JsonObject().put("name", "refund").put("customer_id", "c-9");
      Response noOrder = server.postEvents(refund.encode());
      assertEquals(422, noOrder.status(), noOrder.body());
      assertEquals(
          "transaction_id",
          noOrder.json().getJsonArray("errors").getJsonObject(0).getString("field"));

      JsonObject order =
          new JsonObject()
              .put("name", "purchase")
              .put("customer_id", "c-9")
              .put("transaction_id", "R-1")
              .put("value", 120)
              .put("currency", "EUR")
              .put(
                  "items",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("item_id", "lamp-1")
                              .put("quantity", 2)
                              .put("price", 40))
                      .add(new JsonObject().put("item_id", "lamp-2").put("price", 40)));
      assertEquals(202, server.postEvents(order.encode()).status());
      JsonObject someItems =
          refund
              .copy()
              .put("transaction_id", "R-1")
              .put("value", 40)
              .put(
                  "items",
                  new JsonArray().add(new JsonObject().put("item_id", "lamp-1").put("price", 40)));
      JsonObject wholeOrder = refund.copy().put("transaction_id", "R-1");
      Response refunds =
          server.postEvents(
              new JsonArray()
                  .add(someItems)
                  .add(someItems)
                  .add(wholeOrder)
                  .add(wholeOrder)
                  .encode());
      assertEquals(202, refunds.status(), refunds.body());
      assertEquals(
          1,
          refunds.json().getInteger("duplicates"),
          "a whole order is refunded once: " + refunds.body());
      assertEquals(
          3,
          server.sqlLong(
              "SELECT count(*) FROM events WHERE name = 'refund' AND transaction_id = 'R-1'"));
      assertEquals(
          2,
          server.sqlLong(
              "SELECT count(*) FROM events WHERE name = 'refund' AND items = '[{\"id\": \"lamp-1\", \"p\": 40.0}]'::jsonb"),
          "the refunded lines are kept");

      server.rebuildModel();
      Response popular = server.get("/v1/recommendations/popular?limit=2");
      double lamp1 = scoreOf(popular, "lamp-1");
      double lamp2 = scoreOf(popular, "lamp-2");
      assertEquals(
          2.0, lamp1 / lamp2, 0.1, "two bought, one: refunds add nothing " + popular.body());
      String metrics = server.get("/metrics").body();
      assertTrue(metrics.contains("vitrina_events_accepted_total{name=\"refund\"} 4"), metrics);
    }
  }

  private static double shareOf(JsonArray affinities, String value) {
    for (Object o : affinities) {
      JsonObject affinity = (JsonObject) o;
      if (affinity.getString("value").equals(value)) return affinity.getDouble("share");
    }
    throw new AssertionError(value + " missing from " + affinities.encode());
  }

  private static double scoreOf(Response r, String id) {
    for (Object o : r.items()) {
      JsonObject item = (JsonObject) o;
      if (item.getString("id").equals(id)) return item.getDouble("score");
    }
    throw new AssertionError(id + " missing from " + r.body());
  }
}
