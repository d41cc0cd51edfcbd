package io.vitrina.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vitrina.engine.catalog.Item;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.cluster.LogPosition;
import io.vitrina.server.cluster.Node;
import io.vitrina.server.db.Database;
import io.vitrina.server.db.Migrations;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The change log: each write and deletion logs its items in its own statement; old rows go. */
class CatalogChangesTest {
  private final Node node = Node.started();
  private String url;
  private Vertx vertx;
  private Database database;
  private Pool pool;
  private ItemStore items;

  @BeforeEach
  void setUp() throws Exception {
    url = TestPostgres.newDatabase();
    vertx = Vertx.vertx();
    database = Database.external(url);
    pool = database.pool(vertx, 2);
    await(Migrations.apply(pool));
    items = new ItemStore(pool, node);
  }

  @AfterEach
  void tearDown() throws Exception {
    await(pool.close());
    await(vertx.close());
    database.close();
  }

  @Test
  void everyWriteAndDeletionIsLoggedInItsOrderWithItsNode() throws Exception {
    LogPosition start = await(items.changes().horizon());
    assertEquals(2, await(items.upsert(List.of(item("a", 3), item("b", 0), item("a", 4)))));
    assertEquals(1, await(items.upsert(List.of(item("b", 2)))), "a restock");
    assertEquals(List.of("a"), await(items.delete(List.of("a", "never-stored"))));

    List<CatalogChanges.Change> log = await(items.changes().after(start, 100));
    List<String> ids = log.stream().map(CatalogChanges.Change::itemId).toList();
    assertEquals(Set.of("a", "b"), Set.copyOf(ids.subList(0, 2)), "one row per item written");
    assertEquals(List.of("b", "a"), ids.subList(2, 4), "then one per statement, in order");
    assertTrue(log.stream().allMatch(change -> change.node().equals(node.id())));
    assertEquals(
        1, TestPostgres.queryLong(url, "SELECT count(*) FROM catalog_changes WHERE deleted"));
    assertEquals(
        List.of(), await(items.changes().after(log.getLast().position(), 100)), "read to its end");

    ItemStore.Current now = await(items.current(List.of("a", "b"), 30));
    assertEquals(Set.of("b"), now.items().keySet(), "a was deleted");
    assertEquals(Set.of("b"), now.restocked().keySet(), "b came back in stock");
  }

  @Test
  void pruningDeletesOnlyChangesOlderThanADay() throws Exception {
    await(items.upsert(List.of(item("old", 1), item("new", 1))));
    TestPostgres.execute(
        url,
        "UPDATE catalog_changes SET changed_at = now() - interval '25 hours' WHERE item_id = 'old'");
    assertEquals(1, await(items.changes().prune()));
    assertEquals(
        List.of("new"),
        await(items.changes().after(LogPosition.before(0), 100)).stream()
            .map(CatalogChanges.Change::itemId)
            .toList());
  }

  private static Item item(String id, int stock) {
    return ItemJson.parse(
        new io.vertx.core.json.JsonObject()
            .put("id", id)
            .put("title", "Item " + id)
            .put("price", 10)
            .put("stock", stock),
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
  }
}
