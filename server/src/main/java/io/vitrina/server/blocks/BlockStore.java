package io.vitrina.server.blocks;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.block.Block;
import java.util.ArrayList;
import java.util.List;

/** Blocks in PostgreSQL, the system of record of every node's blocks. */
public final class BlockStore {
  private final Pool pool;

  public BlockStore(Pool pool) {
    this.pool = pool;
  }

  /** Creates or replaces the block of that name; whether it was new. */
  public Future<Boolean> put(Block block) {
    return pool.preparedQuery(
            "INSERT INTO blocks (name, definition, updated_at) VALUES ($1, $2::jsonb, now()) "
                + "ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = now() "
                + "RETURNING (xmax = 0) AS inserted")
        .execute(Tuple.of(block.name(), BlockJson.toJson(block).encode()))
        .map(rows -> rows.iterator().next().getBoolean("inserted"));
  }

  /**
   * Adds the block unless one of that name exists (the demo's blocks never overwrite a store's).
   */
  public Future<Void> putIfAbsent(Block block) {
    return pool.preparedQuery(
            "INSERT INTO blocks (name, definition) VALUES ($1, $2::jsonb) ON CONFLICT (name) DO NOTHING")
        .execute(Tuple.of(block.name(), BlockJson.toJson(block).encode()))
        .mapEmpty();
  }

  /** Whether a block was there to delete. */
  public Future<Boolean> delete(String name) {
    return pool.preparedQuery("DELETE FROM blocks WHERE name = $1")
        .execute(Tuple.of(name))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Every block, by name. */
  public Future<List<Block>> all() {
    return pool.query("SELECT name, definition FROM blocks ORDER BY name")
        .execute()
        .map(
            rows -> {
              List<Block> out = new ArrayList<>();
              for (Row row : rows) out.add(read(row));
              return out;
            });
  }

  private static Block read(Row row) {
    Object definition = row.getValue("definition");
    JsonObject json =
        definition instanceof JsonObject object ? object : new JsonObject(definition.toString());
    return BlockJson.stored(row.getString("name"), json);
  }
}
