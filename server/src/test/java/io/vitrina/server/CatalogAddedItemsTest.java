package io.vitrina.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog tells its listeners which ids a write added, once the index can find them: what lets
 * events that arrived before their item start counting when it does. Updates are not additions.
 */
class CatalogAddedItemsTest {
  private static TestServer server;
  private static final List<Set<String>> added = new CopyOnWriteArrayList<>();
  private static final List<Set<String>> knownWhenTold = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
    server
        .app
        .catalog()
        .onAdded(
            ids -> {
              added.add(ids);
              knownWhenTold.add(server.app.catalog().known(ids));
            });
  }

  @AfterAll
  static void stopServer() {
    if (server != null) server.close();
  }

  @Test
  void everyWriteTellsTheIdsItAddedOnceTheyAreSearchableAndNeverAnUpdate() {
    server.upsertItems(
        new JsonArray()
            .add(TestServer.item("arrive-1", "Arrivals", 5, 1))
            .add(TestServer.item("arrive-2", "Arrivals", 5, 1)));
    assertEquals(List.of(Set.of("arrive-1", "arrive-2")), added);
    assertEquals(added, knownWhenTold);

    server.upsertItems(new JsonArray().add(TestServer.item("arrive-1", "Arrivals", 6, 0)));
    assertEquals(1, added.size(), "an update is not an addition: " + added);

    TestServer.Response merge =
        server.admin(
            "POST",
            "/v1/admin/items?mode=merge",
            "application/x-ndjson",
            "{\"id\": \"arrive-2\", \"stock\": 4}\n"
                + TestServer.item("arrive-3", "Arrivals", 5, 1).encode());
    assertEquals(200, merge.status(), merge.body());
    TestServer.Response yml =
        server.admin(
            "POST",
            "/v1/admin/feeds/yml",
            "application/xml",
            "<yml_catalog><shop><offers><offer id=\"arrive-4\"><name>Four</name><price>3</price>"
                + "</offer></offers></shop></yml_catalog>");
    assertEquals(200, yml.status(), yml.body());
    assertEquals(
        List.of(Set.of("arrive-1", "arrive-2"), Set.of("arrive-3"), Set.of("arrive-4")), added);
    assertEquals(added, knownWhenTold);
  }
}
