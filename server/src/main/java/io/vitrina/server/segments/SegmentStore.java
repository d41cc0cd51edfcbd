package io.vitrina.server.segments;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.segment.RfmScale;
import io.vitrina.engine.segment.SegmentRule;
import io.vitrina.server.cluster.ConfigurationNotice;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule segments in PostgreSQL, every node's system of record of them. Every statement that changes
 * one notifies, so that every node reloads them when it commits.
 */
public final class SegmentStore {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentStore.class);

  /** The name of the segments as a live configuration. */
  public static final String CONFIGURATION = "segments";

  /** A rule as saved: the rule, and the JSON it was read from (given back as it was sent). */
  public record Saved(SegmentRule rule, JsonObject definition) {}

  /**
   * What every node holds: the rule segments by id, and the RFM thresholds the store set (null: its
   * customers' quintiles).
   */
  public record Snapshot(Map<String, Saved> rules, RfmScale scale) {
    public static final Snapshot EMPTY = new Snapshot(Map.of(), null);
  }

  /** The one store of a deployment, until several come: every statement names it. */
  private static final String STORE = "default";

  private final Pool pool;
  private final ConfigurationNotice notice;

  public SegmentStore(Pool pool, ConfigurationNotice notice) {
    this.pool = pool;
    this.notice = notice;
  }

  /** Creates or replaces the segment; whether it was new. */
  public Future<Boolean> put(String id, JsonObject definition) {
    return pool.preparedQuery(
            "WITH saved AS (INSERT INTO segments (id, definition, updated_at) VALUES ($1, $2::text::jsonb, now()) "
                + "ON CONFLICT (store_id, id) DO UPDATE SET definition = excluded.definition, updated_at = now() "
                + "RETURNING (xmax = 0) AS inserted) "
                + "SELECT inserted, "
                + ConfigurationNotice.sql(3)
                + " FROM saved")
        .execute(Tuple.of(id, definition.encode(), notice.payload()))
        .map(rows -> rows.iterator().next().getBoolean("inserted"));
  }

  /** Adds the segment unless one of that id exists (the demo's never overwrite a store's). */
  public Future<Void> putIfAbsent(String id, JsonObject definition) {
    return pool.preparedQuery(
            "WITH added AS (INSERT INTO segments (id, definition) VALUES ($1, $2::text::jsonb) "
                + "ON CONFLICT (store_id, id) DO NOTHING RETURNING id) "
                + "SELECT "
                + ConfigurationNotice.sql(3)
                + " FROM added")
        .execute(Tuple.of(id, definition.encode(), notice.payload()))
        .mapEmpty();
  }

  /** Whether a segment was there to delete. */
  public Future<Boolean> delete(String id) {
    return pool.preparedQuery(
            "WITH gone AS (DELETE FROM segments WHERE store_id = '"
                + STORE
                + "' AND id = $1 RETURNING id) "
                + "SELECT "
                + ConfigurationNotice.sql(2)
                + " FROM gone")
        .execute(Tuple.of(id, notice.payload()))
        .map(rows -> rows.size() > 0);
  }

  /** Sets the store's RFM thresholds; whether none were set before. */
  public Future<Boolean> putScale(RfmScale scale) {
    return pool.preparedQuery(
            "WITH saved AS (INSERT INTO rfm_scales (scale, updated_at) VALUES ($1::text::jsonb, now()) "
                + "ON CONFLICT (store_id) DO UPDATE SET scale = excluded.scale, updated_at = now() "
                + "RETURNING (xmax = 0) AS inserted) "
                + "SELECT inserted, "
                + ConfigurationNotice.sql(2)
                + " FROM saved")
        .execute(Tuple.of(SegmentJson.toJson(scale).encode(), notice.payload()))
        .map(rows -> rows.iterator().next().getBoolean("inserted"));
  }

  /** Goes back to the customers' quintiles; whether thresholds were set. */
  public Future<Boolean> deleteScale() {
    return pool.preparedQuery(
            "WITH gone AS (DELETE FROM rfm_scales WHERE store_id = '"
                + STORE
                + "' RETURNING store_id) "
                + "SELECT "
                + ConfigurationNotice.sql(1)
                + " FROM gone")
        .execute(Tuple.of(notice.payload()))
        .map(rows -> rows.size() > 0);
  }

  /** The rule segments and the set thresholds: a snapshot of the tables. */
  public Future<Snapshot> snapshot() {
    return rules()
        .compose(
            rules ->
                pool.query("SELECT scale FROM rfm_scales WHERE store_id = '" + STORE + "'")
                    .execute()
                    .map(
                        rows ->
                            new Snapshot(
                                rules,
                                rows.size() == 0
                                    ? null
                                    : SegmentJson.scale(json(rows.iterator().next(), "scale")))));
  }

  private static JsonObject json(Row row, String column) {
    Object value = row.getValue(column);
    return value instanceof JsonObject object ? object : new JsonObject(value.toString());
  }

  private Future<Map<String, Saved>> rules() {
    return pool.query("SELECT id, definition FROM segments WHERE store_id = '" + STORE + "'")
        .execute()
        .map(
            rows -> {
              Map<String, Saved> out = new TreeMap<>();
              for (Row row : rows) {
                String id = row.getString("id");
                JsonObject json = json(row, "definition");
                try {
                  out.put(id, new Saved(SegmentJson.stored(id, json), json));
                } catch (RuntimeException e) {
                  // Saved by a newer version with a condition this one lacks: the others serve.
                  LOG.warn("Segment {} is not understood by this version: {}", id, e.getMessage());
                }
              }
              return Collections.unmodifiableMap(out);
            });
  }
}
