package io.vitrina.server.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.catalog.Item;
import io.vitrina.server.cluster.Node;
import io.vitrina.server.db.KeysetPager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Items in PostgreSQL, the system of record of the catalog. Every write logs the items it changed
 * in {@link CatalogChanges}, in the same statement, and notifies the other nodes.
 */
public final class ItemStore {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ItemStore.class);
  private static final int PAGE = 5_000;
  private static final String NOTIFY = "pg_notify('" + CatalogChanges.CHANNEL + "', ";
  private final Pool pool;
  private final String node;
  private final CatalogChanges changes;

  /**
   * @param node the node whose writes these are, named in the change log
   */
  public ItemStore(Pool pool, Node node) {
    this.pool = pool;
    this.node = node.id();
    this.changes = new CatalogChanges(pool);
  }

  /** The log of what the writes here changed. */
  CatalogChanges changes() {
    return changes;
  }

  /**
   * Inserts or replaces items in one statement, which also logs them as changed. When one batch
   * names an id twice, the last one wins, as it would in a sequence of single upserts.
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
            "WITH up AS (INSERT INTO items (id, data, updated_at) SELECT id, data::jsonb, now() FROM unnest($1::text[], $2::text[]) AS t(id, data) "
                + "ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at, "
                + "restocked_at = CASE WHEN NOT "
                + IN_STOCK.formatted("items")
                + " AND "
                + IN_STOCK.formatted("excluded")
                + " THEN now() ELSE items.restocked_at END RETURNING id), "
                + "logged AS (INSERT INTO catalog_changes (node, item_id) SELECT $3, id FROM up) "
                + "SELECT count(*) FROM up, (SELECT "
                + NOTIFY
                + "$3)) AS wake")
        .execute(Tuple.tuple().addValue(ids).addValue(data).addValue(node))
        .map(rows -> (int) rows.iterator().next().getLong(0).longValue());
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
    return pool.preparedQuery("SELECT data, updated_at FROM items WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(toItem(rows.iterator().next())));
  }

  /** The stored items among {@code ids}, by id; an id not stored (or not readable) is absent. */
  public Future<Map<String, Item>> find(Collection<String> ids) {
    if (ids.isEmpty()) return Future.succeededFuture(Map.of());
    return pool.preparedQuery("SELECT id, data, updated_at FROM items WHERE id = ANY($1::text[])")
        .execute(Tuple.of(ids.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, Item> out = new HashMap<>(rows.size() * 2);
              for (Row row : rows) {
                Item item = readable(row);
                if (item != null) out.put(item.id(), item);
              }
              return out;
            });
  }

  /**
   * Stored items by id, and when those of them that came back in stock within the last days did.
   */
  record Current(Map<String, Item> items, Map<String, Instant> restocked) {}

  /**
   * The stored items among {@code ids} as they are now (an id not stored is absent), with their
   * restocks of the last {@code restockDays} days: what the other nodes' writes made them.
   */
  Future<Current> current(Collection<String> ids, int restockDays) {
    if (ids.isEmpty()) return Future.succeededFuture(new Current(Map.of(), Map.of()));
    return pool.preparedQuery(
            "SELECT id, data, updated_at, CASE WHEN restocked_at > now() - make_interval(days => $2)"
                + " THEN restocked_at END AS restocked_at FROM items WHERE id = ANY($1::text[])")
        .execute(Tuple.of(ids.toArray(String[]::new), restockDays))
        .map(
            rows -> {
              Map<String, Item> items = new HashMap<>(rows.size() * 2);
              Map<String, Instant> restocked = new HashMap<>();
              for (Row row : rows) {
                Item item = readable(row);
                if (item == null) continue;
                items.put(item.id(), item);
                if (row.getValue("restocked_at") != null)
                  restocked.put(item.id(), row.getOffsetDateTime("restocked_at").toInstant());
              }
              return new Current(items, restocked);
            });
  }

  /**
   * Deletes the items among {@code ids}, logging them as deleted; completes with the ids that were
   * there.
   */
  public Future<List<String>> delete(Collection<String> ids) {
    if (ids.isEmpty()) return Future.succeededFuture(List.of());
    return pool.preparedQuery(
            "WITH gone AS (DELETE FROM items WHERE id = ANY($1::text[]) RETURNING id), "
                + "logged AS (INSERT INTO catalog_changes (node, item_id, deleted) SELECT $2, id, true FROM gone) "
                + "SELECT gone.id FROM gone, (SELECT "
                + NOTIFY
                + "$2)) AS wake")
        .execute(Tuple.of(ids.toArray(String[]::new), node))
        .map(
            rows -> {
              List<String> out = new ArrayList<>(rows.size());
              for (Row row : rows) out.add(row.getString("id"));
              return out;
            });
  }

  /**
   * A page of items in id order, filtered in the database: by a category at any level of the path,
   * compared in lower case, and by {@link #IN_STOCK}.
   */
  public Future<ItemPage> page(ItemQuery query) {
    return pool.preparedQuery(
            "SELECT id, data, updated_at FROM items WHERE id > $1"
                + " AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements_text("
                + "CASE WHEN jsonb_typeof(data->'categories') = 'array' THEN data->'categories'"
                + " ELSE '[]'::jsonb END) AS c(name) WHERE lower(c.name) = lower($2)))"
                + " AND ($3::boolean IS NULL OR "
                + IN_STOCK.formatted("items")
                + " = $3) ORDER BY id LIMIT $4")
        .execute(
            Tuple.of(
                query.after() == null ? "" : query.after(),
                query.category(),
                query.inStock(),
                query.limit() + 1))
        .map(
            rows -> {
              // One row more than asked tells whether there is a next page.
              List<Item> items = new ArrayList<>(rows.size());
              String last = null;
              int read = 0;
              for (Row row : rows) {
                if (read++ == query.limit()) return new ItemPage(items, last);
                last = row.getString("id");
                Item item = readable(row);
                if (item != null) items.add(item);
              }
              return new ItemPage(items, null);
            });
  }

  /** The database's clock: what {@code updated_at} is written with. */
  public Future<Instant> now() {
    return pool.query("SELECT now()")
        .execute()
        .map(rows -> rows.iterator().next().getOffsetDateTime(0).toInstant());
  }

  /**
   * Streams, a page at a time in id order, the ids of items last written before {@code before};
   * with {@code listedOnly}, only those whose {@code available} is not false.
   */
  public Future<Long> forEachIdWrittenBefore(
      Instant before, boolean listedOnly, Function<List<String>, Future<?>> page) {
    String listed = listedOnly ? " AND coalesce((data->>'available')::boolean, true)" : "";
    return KeysetPager.forEachPage(
        "",
        afterId ->
            pool.preparedQuery(
                    "SELECT id FROM items WHERE id > $1 AND updated_at < $2"
                        + listed
                        + " ORDER BY id LIMIT "
                        + PAGE)
                .execute(Tuple.of(afterId, before.atOffset(ZoneOffset.UTC))),
        row -> row.getString("id"),
        row -> row.getString("id"),
        page);
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
            pool.preparedQuery(
                    "SELECT id, data, updated_at FROM items WHERE id > $1 ORDER BY id LIMIT "
                        + PAGE)
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

  /**
   * Rows keep the {@code created_at} they were given; one without it (written by hand) dates from
   * its last write rather than from 1970, which would keep it out of {@code new_arrivals}.
   */
  private static Item toItem(Row row) {
    JsonObject data = (JsonObject) row.getValue("data");
    return ItemJson.parse(data, row.getOffsetDateTime("updated_at").toInstant());
  }
}
