package io.vitrina.server.cluster;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

/**
 * A place in a log that every node reads in one order: the writing transaction's id, then the row's
 * id. Ids alone are not that order: a row's id is drawn before its transaction commits, so a reader
 * tailing ids could pass a row that commits later and never see it. A log table has a {@code xid
 * bigint DEFAULT (pg_current_xact_id()::text::bigint)} column and an index on {@code (xid, id)},
 * and is read after a position and below the {@link #HORIZON}: every transaction below it has
 * ended, so nothing can appear there any more.
 */
public record LogPosition(long xid, long id) {
  /**
   * SQL for the oldest transaction still open (or the next one to start, when none is): the rows
   * below it are all there is to read.
   */
  public static final String HORIZON = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

  /**
   * SQL for the rows of a log after the position given as {@code $1, $2} and below the horizon; the
   * log's columns {@code xid} and {@code id}, unqualified.
   */
  public static final String AFTER_AND_SETTLED = "(xid, id) > ($1, $2) AND xid < " + HORIZON;

  /** The place just before every row of transaction {@code xid} and later ones. */
  public static LogPosition before(long xid) {
    return new LogPosition(xid, -1);
  }

  /** The position of a row read with its {@code xid} and {@code id} columns. */
  public static LogPosition of(Row row) {
    return new LogPosition(row.getLong("xid"), row.getLong("id"));
  }

  /**
   * The horizon now, as the place a reader starts from that reads everything before it another way
   * (a replay at start): whatever is below it is complete; the rest it tails.
   */
  public static Future<LogPosition> horizon(Pool pool) {
    return pool.query("SELECT " + HORIZON)
        .execute()
        .map(rows -> before(rows.iterator().next().getLong(0)));
  }
}
