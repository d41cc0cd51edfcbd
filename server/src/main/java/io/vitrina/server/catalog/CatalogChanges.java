package io.vitrina.server.catalog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vitrina.server.cluster.LogPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog's change log in PostgreSQL ({@code catalog_changes}): one row per item written or
 * deleted, stamped with the writing transaction and node, written by {@link ItemStore} in the
 * statement that changed {@code items}, with a notification on {@link #CHANNEL}. It says which
 * items changed, not what they became: a reader takes them from {@code items} as they are now.
 */
final class CatalogChanges {
  /** The channel a catalog write notifies, with the writing node's id. */
  static final String CHANNEL = "vitrina_catalog";

  /** Change rows are kept this long: a node that has not read them by then reloads at start. */
  static final Duration KEPT = Duration.ofDays(1);

  /**
   * One row of the log: which item changed, on which node. (Whether it was deleted a reader learns
   * from {@code items}; the log's {@code deleted} column is for whoever reads the table.)
   */
  record Change(LogPosition position, String node, String itemId) {}

  private final Pool pool;

  CatalogChanges(Pool pool) {
    this.pool = pool;
  }

  /** The log's horizon now: the changes below it are all there will ever be there. */
  Future<LogPosition> horizon() {
    return LogPosition.horizon(pool);
  }

  /** Up to {@code limit} settled changes after {@code from}, in the log's order. */
  Future<List<Change>> after(LogPosition from, int limit) {
    return pool.preparedQuery(
            "SELECT xid, id, node, item_id FROM catalog_changes WHERE "
                + LogPosition.AFTER_AND_SETTLED
                + " ORDER BY xid, id LIMIT "
                + limit)
        .execute(Tuple.of(from.xid(), from.id()))
        .map(
            rows -> {
              List<Change> out = new ArrayList<>(rows.size());
              for (Row row : rows)
                out.add(
                    new Change(
                        LogPosition.of(row), row.getString("node"), row.getString("item_id")));
              return out;
            });
  }

  /**
   * Deletes the changes older than {@link #KEPT}; completes with how many. Harmless when several
   * nodes run it at once: each deletes what is still there.
   */
  Future<Integer> prune() {
    return pool.preparedQuery(
            "DELETE FROM catalog_changes WHERE changed_at < now() - make_interval(secs => $1)")
        .execute(Tuple.of((double) KEPT.toSeconds()))
        .map(rows -> rows.rowCount());
  }
}
