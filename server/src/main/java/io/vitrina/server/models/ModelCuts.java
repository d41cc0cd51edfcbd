package io.vitrina.server.models;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vitrina.server.cluster.LogPosition;
import io.vitrina.server.cluster.Node;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The cuts of the event log that models are built from, kept in PostgreSQL: a node that builds a
 * model announces its cut, and every node builds the same one. Built from the same events, in the
 * same order, as of the same time, the nodes' models are the same, without shipping a model between
 * them.
 */
final class ModelCuts {
  /** The channel an announcement notifies, with the announcing node's id. */
  static final String CHANNEL = "vitrina_models";

  /**
   * What a model is built from.
   *
   * @param version increases with every announcement: the model version every node serves
   * @param since the oldest event the build reads
   * @param below the build reads the events before this place of the log
   * @param at the build's "now": decay and recency are computed as of it
   */
  record Cut(long version, Instant since, LogPosition below, Instant at) {}

  private final Pool pool;
  private final String node;

  ModelCuts(Pool pool, Node node) {
    this.pool = pool;
    this.node = node.id();
  }

  /** Announces a cut at the log's horizon now, reading the events since {@code since}. */
  Future<Cut> announce(Instant since) {
    return pool.preparedQuery(
            "WITH cut AS (INSERT INTO model_cuts (below_xid, since, node) VALUES ("
                + LogPosition.HORIZON
                + ", $1, $2) RETURNING version, since, below_xid, at) "
                + "SELECT cut.*, pg_notify('"
                + CHANNEL
                + "', $2) FROM cut")
        .execute(Tuple.of(since.atOffset(ZoneOffset.UTC), node))
        .map(rows -> cut(rows.iterator().next()));
  }

  /** The latest cut announced, if any. */
  Future<Optional<Cut>> latest() {
    return pool.query(
            "SELECT version, since, below_xid, at FROM model_cuts "
                + "WHERE store_id = 'default' ORDER BY version DESC LIMIT 1")
        .execute()
        .map(ModelCuts::first);
  }

  private static Optional<Cut> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(cut(rows.iterator().next()));
  }

  private static Cut cut(Row row) {
    return new Cut(
        row.getLong("version"),
        instant(row.getOffsetDateTime("since")),
        LogPosition.before(row.getLong("below_xid")),
        instant(row.getOffsetDateTime("at")));
  }

  private static Instant instant(OffsetDateTime time) {
    return time.toInstant();
  }
}
