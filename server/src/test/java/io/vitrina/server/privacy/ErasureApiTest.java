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
import org.junit.jupiter.api.Test;

/**
 * A stitched shopper exported and erased through the real API: afterwards no row of any of their
 * ids is left in any table, nothing is exported, the profile index has no document of them, their
 * answers are a new shopper's, and a restart on the same database does not bring them back.
 */
class ErasureApiTest {
  /** Every id of the shopper, raw and as profile keys. */
  private static final String IDS =
      "ARRAY['ann', 'v-ann', 'v-ann-2', 'c:ann', 'v:v-ann', 'v:v-ann-2']";

  /**
   * Counts the rows of every table with a column naming a shopper (visitor_id, customer_id,
   * shopper, unit) whose value is one of {@code ids}: the check covers tables added later too.
   */
  private static final String ROWS_NAMING =
      """
      CREATE OR REPLACE FUNCTION rows_naming(ids text[]) RETURNS bigint AS $$
      DECLARE c record; n bigint; total bigint := 0;
      BEGIN
        FOR c IN SELECT table_name, column_name FROM information_schema.columns
                 WHERE table_schema = 'public'
                   AND column_name IN ('visitor_id', 'customer_id', 'shopper', 'unit')
        LOOP
          EXECUTE format('SELECT count(*) FROM %I WHERE %I = ANY($1)', c.table_name, c.column_name)
            INTO n USING ids;
          total := total + n;
        END LOOP;
        RETURN total;
      END $$ LANGUAGE plpgsql
      """;

  @Test
  void anErasedShopperIsGoneEverywhereAndStaysGoneAfterARestart() throws Exception {
    String pgUrl = TestPostgres.newDatabase();
    TestServer server = TestServer.startOn(pgUrl);
    try {
      JsonArray items = new JsonArray();
      for (int i = 1; i <= 4; i++) items.add(item("phone-" + i, "Phones", 300 + i, 5));
      server.upsertItems(items);
      JsonArray events = new JsonArray();
      events.add(event("view_item", "v-ann", "phone-1").put("region", "Moscow"));
      events.add(event("add_to_cart", "v-ann", "phone-2"));
      events.add(event("view_item", "v-ann-2", "phone-3"));
      events.add(
          new JsonObject()
              .put("name", "search")
              .put("visitor_id", "v-ann")
              .put("search_term", "phone"));
      events.add(
          new JsonObject()
              .put("name", "identify")
              .put("visitor_id", "v-ann")
              .put("customer_id", "ann"));
      events.add(
          new JsonObject()
              .put("name", "identify")
              .put("visitor_id", "v-ann-2")
              .put("customer_id", "ann"));
      events.add(
          event("purchase", null, "phone-4")
              .put("customer_id", "ann")
              .put("transaction_id", "order-1")
              .put("value", 304));
      events.add(event("view_item", "bob", "phone-1")); // someone else, who stays
      assertEquals(202, server.postEvents(events.encode()).status());
      // Experiment state of the shopper, as the counting job writes it.
      TestPostgres.execute(
          pgUrl,
          "INSERT INTO experiment_shoppers (experiment_id, shopper, arm, phase, outcome) VALUES"
              + " ('e1', 'c:ann', 'a', 1, '{}'), ('e1', 'v:bob', 'b', 1, '{}')");
      TestPostgres.execute(
          pgUrl,
          "INSERT INTO experiment_units (experiment_id, unit, shopper) VALUES"
              + " ('e1', 'v:v-ann', 'c:ann'), ('e1', 'c:ann', 'c:ann')");
      TestPostgres.execute(pgUrl, ROWS_NAMING);
      assertTrue(server.sqlLong("SELECT rows_naming(" + IDS + ")") > 0);

      Response export = server.admin("GET", "/v1/admin/profiles?visitor=v-ann", null, null);
      assertEquals(200, export.status(), export.body());
      JsonObject body = export.json();
      assertEquals("ann", body.getJsonObject("identities").getString("customer"));
      assertEquals(
          new JsonArray().add("v-ann").add("v-ann-2"),
          body.getJsonObject("identities").getJsonArray("visitors"));
      assertEquals("Moscow", body.getJsonObject("attributes").getString("region"));
      JsonObject activity = body.getJsonObject("activity");
      assertEquals(List.of("phone-2"), activity.getJsonArray("cart").getList());
      List<String> viewed =
          activity.getJsonArray("views").stream()
              .map(v -> ((JsonObject) v).getString("item_id"))
              .toList();
      assertEquals(List.of("phone-3", "phone-1"), viewed, activity.encode());
      assertEquals(1, activity.getJsonArray("views").getJsonObject(0).getInteger("times"));
      assertEquals(1, body.getJsonObject("orders").getInteger("count"));
      assertEquals(304.0, body.getJsonObject("orders").getDouble("revenue"), 1e-9);
      assertEquals("a", body.getJsonArray("experiments").getJsonObject(0).getString("arm"));
      assertTrue(body.containsKey("segments") && body.containsKey("triggers"), body.encode());
      assertTrue(
          body.getJsonObject("consent").getJsonObject("personalization").getBoolean("default"));
      assertEventsPaged(server, 7);
      awaitIndexed(server, true);

      Response erased = server.admin("DELETE", "/v1/admin/profiles?customer=ann", null, null);
      assertEquals(200, erased.status(), erased.body());
      JsonObject tables = erased.json().getJsonObject("tables");
      assertEquals(7, tables.getInteger("events"), erased.body());
      assertEquals(2, tables.getInteger("identities"));
      assertEquals(1, tables.getInteger("experiment_shoppers"));
      assertEquals(2, tables.getInteger("experiment_units"));
      assertEquals(1, erased.json().getJsonObject("memory").getInteger("profiles"));

      assertGone(server);
      assertEquals(
          3,
          server.sqlLong(
              "SELECT jsonb_array_length(items) FROM events WHERE name = 'shopper_erased'"),
          "the log tells the other nodes by the digests of the three keys");
      assertEquals(1, server.sqlLong("SELECT count(*) FROM events WHERE visitor_id = 'bob'"));
      assertEquals(
          1, server.sqlLong("SELECT count(*) FROM experiment_shoppers WHERE shopper = 'v:bob'"));
    } finally {
      server.close();
    }
    TestServer again = TestServer.startOn(pgUrl);
    try {
      assertGone(again);
    } finally {
      again.close();
    }
  }

  @Test
  void aShopperComingBackAfterAnErasureIsExposedToExperimentsAnew() throws Exception {
    try (TestServer server = TestServer.start("--experiments-global-holdout", "0.5")) {
      server.upsertItems(new JsonArray().add(item("phone-1", "Phones", 300, 5)));
      assertEquals(
          201,
          server
              .admin(
                  "PUT",
                  "/v1/admin/blocks/home",
                  "application/json",
                  new JsonObject().put("algorithm", "popular").encode())
              .status());
      String exposures =
          "SELECT count(*) FROM events WHERE name = 'experiment_exposure' AND visitor_id = 'v-cy'";
      assertEquals(200, server.get("/v1/blocks/home?visitor=v-cy").status());
      awaitCount(server, exposures, 1);
      Response erased = server.admin("DELETE", "/v1/admin/profiles?visitor=v-cy", null, null);
      assertEquals(200, erased.status(), erased.body());
      assertEquals(1, erased.json().getJsonObject("tables").getInteger("events"), erased.body());
      assertEquals(0, server.sqlLong(exposures));
      assertEquals(200, server.get("/v1/blocks/home?visitor=v-cy").status());
      awaitCount(server, exposures, 1);
    }
  }

  private static void awaitCount(TestServer server, String sql, long expected)
      throws InterruptedException {
    for (int attempt = 0; attempt < 100 && server.sqlLong(sql) != expected; attempt++)
      Thread.sleep(50);
    assertEquals(expected, server.sqlLong(sql), sql);
  }

  private static void assertGone(TestServer server) throws InterruptedException {
    assertEquals(0, server.sqlLong("SELECT rows_naming(" + IDS + ")"));
    for (String who : List.of("customer=ann", "visitor=v-ann", "visitor=v-ann-2"))
      assertEquals(404, server.admin("GET", "/v1/admin/profiles?" + who, null, null).status(), who);
    awaitIndexed(server, false);
    for (String who : List.of("customer=ann", "visitor=v-ann")) {
      Response viewed = server.get("/v1/recommendations/recently_viewed?" + who);
      assertEquals(200, viewed.status(), viewed.body());
      assertEquals(List.of(), viewed.itemIds(), "a new shopper: " + viewed.body());
    }
  }

  /** The events come a page at a time, oldest first, each page naming the next. */
  private static void assertEventsPaged(TestServer server, int total) {
    int seen = 0;
    String after = "";
    for (int page = 0; page < 10; page++) {
      Response r =
          server.admin("GET", "/v1/admin/profiles?customer=ann&events_limit=3" + after, null, null);
      assertEquals(200, r.status(), r.body());
      JsonObject events = r.json().getJsonObject("events");
      seen += events.getJsonArray("items").size();
      String next = events.getString("next");
      if (next == null) break;
      after = "&events_after=" + next;
    }
    assertEquals(total, seen);
  }

  /** Waits until the profile index has (or no longer has) a document of customer ann. */
  private static void awaitIndexed(TestServer server, boolean present) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      Response r =
          server.admin(
              "POST",
              "/v1/admin/audiences/by-affinity",
              "application/json",
              new JsonObject()
                  .put(
                      "affinities",
                      new JsonObject().put("category", new JsonObject().put("Phones", 1)))
                  .put("size", 100)
                  .encode());
      assertEquals(200, r.status(), r.body());
      boolean has =
          r.json().getJsonArray("shoppers").stream()
              .anyMatch(s -> "ann".equals(((JsonObject) s).getString("customer")));
      if (has == present && r.json().getInteger("pending") == 0) return;
      Thread.sleep(100);
    }
    fail("the profile index " + (present ? "never had" : "still has") + " customer ann");
  }
}
