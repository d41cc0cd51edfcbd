package io.vitrina.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.server.TestPostgres;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A feed item's date survives restarts (the index is loaded from PostgreSQL with it), and items an
 * earlier version stored as of 1970 are dated from their last write by migration V5, so they reach
 * {@code new_arrivals} again.
 */
class FeedItemDatesTest {
  private static final String FEED =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <yml_catalog date="2026-11-20 12:00"><shop>
      <categories><category id="1">Dated shelf</category></categories>
      <offers>
      <offer id="dated-1"><name>One</name><price>5</price><categoryId>1</categoryId></offer>
      <offer id="dated-2"><name>Two</name><price>5</price><categoryId>1</categoryId></offer>
      </offers></shop></yml_catalog>""";

  @Test
  void feedItemsKeepTheirFirstImportDateAcrossRestartsAnd1970RowsAreRedated() {
    String pg = TestPostgres.newDatabase();
    String first;
    try (TestServer server = TestServer.startOn(pg)) {
      Response r = server.admin("POST", "/v1/admin/feeds/yml", "application/xml", FEED);
      assertEquals(200, r.status(), r.body());
      first = created(server, "dated-1");
    }
    // What an earlier version wrote for every feed item, and a database not yet migrated to V5.
    TestPostgres.execute(
        pg,
        "UPDATE items SET data = jsonb_set(data, '{created_at}', '\"1970-01-01T00:00:00Z\"')"
            + " WHERE id = 'dated-2'");
    TestPostgres.execute(pg, "DELETE FROM schema_migrations WHERE version = 5");

    try (TestServer restarted = TestServer.startOn(pg)) {
      assertEquals(first, created(restarted, "dated-1"));
      Instant redated = Instant.parse(created(restarted, "dated-2"));
      assertTrue(redated.isAfter(Instant.parse("2026-01-01T00:00:00Z")), redated.toString());
      Response arrivals =
          restarted.get("/v1/recommendations/new_arrivals?category=Dated%20shelf&limit=5");
      assertEquals(200, arrivals.status(), arrivals.body());
      assertEquals(List.of("dated-1", "dated-2"), arrivals.itemIds().stream().sorted().toList());

      // The same feed again, after the restart: both keep their dates.
      Response again = restarted.admin("POST", "/v1/admin/feeds/yml", "application/xml", FEED);
      assertEquals(2, again.json().getInteger("unchanged"), again.body());
      assertEquals(first, created(restarted, "dated-1"));
      assertEquals(redated.toString(), created(restarted, "dated-2"));
    }
  }

  private static String created(TestServer server, String id) {
    Response r = server.admin("GET", "/v1/admin/items/" + id, null, null);
    assertEquals(200, r.status(), r.body());
    return r.json().getString("created_at");
  }
}
