package io.vitrina.server.triggers;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.trigger.Sent;
import io.vitrina.engine.trigger.TriggerKind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outbox in PostgreSQL ({@code trigger_messages}, V20): what each shopper used up and was sent
 * (read by the scan), the occasions a scan records (once: the unique key makes a repeat insert
 * nothing), the pages the pull endpoint reads, and the rows a webhook sender claims.
 */
final class TriggerStore {
  static final String STORE = "default";

  private static final String COLUMNS =
      "id, shopper, kind, occasion, status, subject, items, fired_at";

  private final Pool pool;

  TriggerStore(Pool pool) {
    this.pool = pool;
  }

  /** Every shopper's used-up occasions and latest messages since {@code since}. */
  Future<Map<String, Sent>> recent(Instant since) {
    return pool.preparedQuery(
            "SELECT shopper, kind, occasion, status, fired_at FROM trigger_messages "
                + "WHERE store_id = $1 AND fired_at >= $2")
        .execute(Tuple.of(STORE, at(since)))
        .map(
            rows -> {
              Map<String, History> byShopper = new HashMap<>();
              for (Row row : rows) {
                History h = byShopper.computeIfAbsent(row.getString("shopper"), k -> new History());
                h.used.add(row.getString("kind") + "|" + row.getString("occasion"));
                if ("suppressed".equals(row.getString("status"))) continue; // never sent
                Instant firedAt = row.getOffsetDateTime("fired_at").toInstant();
                if (h.last == null || firedAt.isAfter(h.last)) h.last = firedAt;
                TriggerKind.fromWireName(row.getString("kind"))
                    .ifPresent(kind -> h.byKind.merge(kind, firedAt, TriggerStore::later));
              }
              Map<String, Sent> out = new HashMap<>(byShopper.size());
              byShopper.forEach((k, h) -> out.put(k, new Sent(h.used, h.last, h.byKind)));
              return out;
            });
  }

  private static final class History {
    final Set<String> used = new HashSet<>();
    final Map<TriggerKind, Instant> byKind = new HashMap<>();
    Instant last;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /**
   * Records the occasions; one already recorded (by another node, before a restart) stays as it
   * was.
   *
   * @return how many were new
   */
  Future<Integer> record(List<TriggerMessage> messages) {
    if (messages.isEmpty()) return Future.succeededFuture(0);
    List<Tuple> batch = new ArrayList<>(messages.size());
    for (TriggerMessage m : messages)
      batch.add(
          Tuple.of(
                  STORE,
                  m.shopper(),
                  m.kind(),
                  m.occasion(),
                  m.status().wireName(),
                  m.visitorId(),
                  m.customerId())
              .addValue(m.subject())
              .addValue(m.items())
              .addValue(at(m.firedAt())));
    return pool.preparedQuery(
            "INSERT INTO trigger_messages (store_id, shopper, kind, occasion, status, visitor_id, "
                + "customer_id, subject, items, fired_at, next_attempt_at) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                + "CASE WHEN $5 = 'fired' THEN $10 END) "
                + "ON CONFLICT (store_id, shopper, kind, occasion) DO NOTHING")
        .executeBatch(batch)
        .map(
            rows -> {
              int inserted = 0;
              for (var r = rows; r != null; r = r.next()) inserted += r.rowCount();
              return inserted;
            });
  }

  /** The store's saved settings (as saved: what differs from the defaults), or empty. */
  Future<JsonObject> settings() {
    return pool.preparedQuery("SELECT settings FROM trigger_settings WHERE store_id = $1")
        .execute(Tuple.of(STORE))
        .map(
            rows ->
                rows.size() == 0
                    ? new JsonObject()
                    : (JsonObject) rows.iterator().next().getValue("settings"));
  }

  Future<Void> saveSettings(JsonObject settings) {
    return pool.preparedQuery(
            "INSERT INTO trigger_settings (store_id, settings) VALUES ($1, $2) "
                + "ON CONFLICT (store_id) DO UPDATE SET settings = excluded.settings, updated_at = now()")
        .execute(Tuple.of(STORE, settings))
        .mapEmpty();
  }

  /** Fired messages after the id {@code after}, oldest first. */
  Future<List<TriggerMessage>> page(long after, int limit) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM trigger_messages WHERE store_id = $1 AND status = 'fired' AND id > $2 "
                + "ORDER BY id LIMIT $3")
        .execute(Tuple.of(STORE, after, limit))
        .map(TriggerStore::messages);
  }

  /** Every message of the shoppers under {@code keys}, oldest first: their export. */
  Future<List<TriggerMessage>> ofShoppers(List<String> keys) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM trigger_messages WHERE store_id = $1 AND shopper = ANY($2) ORDER BY id")
        .execute(Tuple.tuple().addString(STORE).addArrayOfString(keys.toArray(String[]::new)))
        .map(TriggerStore::messages);
  }

  /** Deletes every message of the shoppers under {@code keys}: their erasure; the rows deleted. */
  static Future<Integer> erase(SqlConnection tx, List<String> keys) {
    return tx.preparedQuery(
            "DELETE FROM trigger_messages WHERE store_id = $1 AND shopper = ANY($2)")
        .execute(Tuple.tuple().addString(STORE).addArrayOfString(keys.toArray(String[]::new)))
        .map(rows -> rows.rowCount());
  }

  /**
   * Claims up to {@code limit} undelivered messages that are due, locking them for the transaction
   * of {@code conn}: another node's claim skips them.
   */
  static Future<List<TriggerMessage>> claimDue(SqlConnection conn, int limit) {
    return conn.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM trigger_messages WHERE store_id = $1 AND status = 'fired' "
                + "AND delivered_at IS NULL AND next_attempt_at <= now() "
                + "ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED")
        .execute(Tuple.of(STORE, limit))
        .map(TriggerStore::messages);
  }

  static Future<Void> delivered(SqlConnection conn, long id) {
    return conn.preparedQuery(
            "UPDATE trigger_messages SET delivered_at = now(), attempts = attempts + 1, "
                + "last_error = NULL WHERE store_id = $1 AND id = $2")
        .execute(Tuple.of(STORE, id))
        .mapEmpty();
  }

  /**
   * A failed attempt: tried again after {@code backoffSeconds} doubled for each earlier attempt (at
   * most an hour), or never when {@code backoffSeconds} is negative.
   */
  static Future<Void> failed(SqlConnection conn, long id, String error, double backoffSeconds) {
    return conn.preparedQuery(
            "UPDATE trigger_messages SET attempts = attempts + 1, last_error = $3, "
                + "next_attempt_at = CASE WHEN $4::float8 < 0 THEN NULL ELSE now() + LEAST("
                + "interval '1 hour', make_interval(secs => $4::float8 * power(2, attempts))) END "
                + "WHERE store_id = $1 AND id = $2")
        .execute(Tuple.of(STORE, id, error, backoffSeconds))
        .mapEmpty();
  }

  private static List<TriggerMessage> messages(Iterable<Row> rows) {
    List<TriggerMessage> out = new ArrayList<>();
    for (Row row : rows)
      out.add(
          new TriggerMessage(
              row.getLong("id"),
              row.getString("shopper"),
              row.getString("kind"),
              row.getString("occasion"),
              TriggerMessage.Status.valueOf(row.getString("status").toUpperCase()),
              (JsonObject) row.getValue("subject"),
              (JsonArray) row.getValue("items"),
              row.getOffsetDateTime("fired_at").toInstant()));
    return out;
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
