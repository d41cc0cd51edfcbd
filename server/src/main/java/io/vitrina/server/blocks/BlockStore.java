package io.vitrina.server.blocks;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.block.Block;
import io.vitrina.server.cluster.ConfigurationNotice;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Blocks in PostgreSQL, the system of record of every node's blocks. Every statement that changes a
 * block notifies, so that every node reloads them when it commits.
 */
public final class BlockStore {
  /** The name of the blocks as a live configuration. */
  public static final String CONFIGURATION = "blocks";

  private final Pool pool;
  private final ConfigurationNotice notice;

  public BlockStore(Pool pool, ConfigurationNotice notice) {
    this.pool = pool;
    this.notice = notice;
  }

  /** Creates or replaces the block of that name; whether it was new. */
  public Future<Boolean> put(Block block) {
    return pool.preparedQuery(
            "WITH saved AS (INSERT INTO blocks (name, definition, updated_at) VALUES ($1, $2::jsonb, now()) "
                + "ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = now() "
                + "RETURNING (xmax = 0) AS inserted) "
                + "SELECT inserted, "
                + ConfigurationNotice.sql(3)
                + " FROM saved")
        .execute(Tuple.of(block.name(), BlockJson.toJson(block).encode(), notice.payload()))
        .map(rows -> rows.iterator().next().getBoolean("inserted"));
  }

  /**
   * Adds the block unless one of that name exists (the demo's blocks never overwrite a store's).
   */
  public Future<Void> putIfAbsent(Block block) {
    return pool.preparedQuery(
            "WITH added AS (INSERT INTO blocks (name, definition) VALUES ($1, $2::jsonb) "
                + "ON CONFLICT (name) DO NOTHING RETURNING name) "
                + "SELECT "
                + ConfigurationNotice.sql(3)
                + " FROM added")
        .execute(Tuple.of(block.name(), BlockJson.toJson(block).encode(), notice.payload()))
        .mapEmpty();
  }

  /** Whether a block was there to delete. */
  public Future<Boolean> delete(String name) {
    return pool.preparedQuery(
            "WITH gone AS (DELETE FROM blocks WHERE name = $1 RETURNING name) "
                + "SELECT "
                + ConfigurationNotice.sql(2)
                + " FROM gone")
        .execute(Tuple.of(name, notice.payload()))
        .map(rows -> rows.size() > 0);
  }

  /** Every block, by name: a snapshot of the table. */
  public Future<Map<String, Block>> byName() {
    return pool.query("SELECT name, definition FROM blocks")
        .execute()
        .map(
            rows -> {
              Map<String, Block> out = new TreeMap<>();
              for (Row row : rows) {
                Block block = read(row);
                out.put(block.name(), block);
              }
              return Collections.unmodifiableMap(out);
            });
  }

  private static Block read(Row row) {
    Object definition = row.getValue("definition");
    JsonObject json =
        definition instanceof JsonObject object ? object : new JsonObject(definition.toString());
    return BlockJson.stored(row.getString("name"), json);
  }
}
