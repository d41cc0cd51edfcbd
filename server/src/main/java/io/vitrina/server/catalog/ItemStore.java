package io.vitrina.server.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.catalog.Item;
import io.vitrina.server.db.KeysetPager;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Items in PostgreSQL, the system of record of the catalog. */
public final class ItemStore {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ItemStore.class);
  private static final int PAGE = 5_000;
  private final Pool pool;

  public ItemStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Inserts or replaces items in one statement. When one batch names an id twice, the last one
   * wins, as it would in a sequence of single upserts.
   */
  public Future<Integer> upsert(List<Item> items) {
    Map<String, Item> lastById = new LinkedHashMap<>();
    for (Item item : items) lastById.put(item.id(), item);
    if (lastById.isEmpty()) return Future.succeededFuture(0);
    String[] ids = new String[lastById.size()];
    String[] data = new String[lastById.size()];
    int i = 0;
    for (Item item : lastById.values()) {
      ids[i] = item.id();
      data[i++] = ItemJson.toJson(item).encode();
    }
    return pool.preparedQuery(
            "INSERT INTO items (id, data, updated_at) SELECT id, data::jsonb, now() FROM unnest($1::text[], $2::text[]) AS t(id, data) "
                + "ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at, "
                + "restocked_at = CASE WHEN NOT "
                + IN_STOCK.formatted("items")
                + " AND "
                + IN_STOCK.formatted("excluded")
                + " THEN now() ELSE items.restocked_at END")
        .execute(Tuple.tuple().addValue(ids).addValue(data))
        .map(rows -> rows.rowCount());
  }

  /** Whether the row's item is in stock, as {@code Item.inStock} says: available, stock above 0. */
  private static final String IN_STOCK =
      "(coalesce((%1$s.data->>'available')::boolean, true) AND coalesce((%1$s.data->>'stock')::int, 1) > 0)";

  /** Items that came back in stock within {@code days} days, and when. */
  public Future<Map<String, Instant>> restockedWithin(int days) {
    return pool.preparedQuery(
            "SELECT id, restocked_at FROM items WHERE restocked_at > now() - make_interval(days => $1)")
        .execute(Tuple.of(days))
        .map(
            rows -> {
              Map<String, Instant> out = new LinkedHashMap<>();
              for (Row row : rows)
                out.put(row.getString("id"), row.getOffsetDateTime("restocked_at").toInstant());
              return out;
            });
  }

  public Future<Optional<Item>> get(String id) {
    return pool.preparedQuery("SELECT data FROM items WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(toItem(rows.iterator().next())));
  }

  /** Whether an item was there to delete. */
  public Future<Boolean> delete(String id) {
    return pool.preparedQuery("DELETE FROM items WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() > 0);
  }

  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM items")
        .execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Streams every item, a page at a time, in id order; the next page is read once {@code page} has
   * completed for this one. Completes with the number read.
   */
  public Future<Long> forEachPage(Function<List<Item>, Future<?>> page) {
    return KeysetPager.forEachPage(
        "",
        afterId ->
            pool.preparedQuery("SELECT id, data FROM items WHERE id > $1 ORDER BY id LIMIT " + PAGE)
                .execute(Tuple.of(afterId)),
        row -> row.getString("id"),
        ItemStore::readable,
        page);
  }

  /**
   * The row's item, or null (logged) when it cannot be read: one such row must not keep the service
   * from starting.
   */
  private static Item readable(Row row) {
    try {
      return toItem(row);
    } catch (RuntimeException e) {
      LOG.warn(
          "Item '{}' in PostgreSQL cannot be read and is not served: {}",
          row.getString("id"),
          e.getMessage());
      return null;
    }
  }

  private static Item toItem(Row row) {
    JsonObject data = (JsonObject) row.getValue("data");
    return ItemJson.parse(data, Instant.EPOCH);
  }
}
