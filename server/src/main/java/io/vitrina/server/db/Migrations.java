package io.vitrina.server.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: {@code db/migration/V<n>__<name>.sql} on the classpath, applied in
 * order, each in its own transaction, recorded in {@code schema_migrations}. A transaction-level
 * advisory lock keeps two starting nodes from applying the same migration twice.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
  private static final long LOCK_ID = 0x56495452494e41L; // "VITRINA"

  /** Listed here rather than scanned: a jar offers no portable directory listing. */
  static final List<String> FILES =
      List.of(
          "V1__events_and_items.sql",
          "V2__blocks.sql",
          "V3__item_restocks.sql",
          "V4__event_regions.sql",
          "V5__feed_items_dated.sql",
          "V6__orders_and_awaited_items.sql",
          "V7__shared_event_log.sql",
          "V8__cluster_jobs.sql",
          "V9__catalog_changes.sql",
          "V11__model_cuts.sql",
          "V12__awaited_items_per_node.sql",
          "V13__identities_in_log_order.sql",
          "V14__experiments.sql",
          "V15__experiment_counts.sql",
          "V16__experiment_snapshots.sql",
          "V17__purchases_by_shopper.sql",
          "V18__segments.sql",
          "V20__trigger_messages.sql",
          "V21__campaigns_and_slots.sql");

  private Migrations() {}

  public static Future<Integer> apply(Pool pool) {
    return pool.query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        .execute()
        .compose(ignored -> applyFrom(pool, 0, 0));
  }

  private static Future<Integer> applyFrom(Pool pool, int index, int applied) {
    if (index >= FILES.size()) return Future.succeededFuture(applied);
    Migration migration = load(FILES.get(index));
    return pool.withTransaction(
            conn ->
                conn.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                    .execute(Tuple.of(LOCK_ID))
                    .compose(
                        x ->
                            conn.preparedQuery("SELECT 1 FROM schema_migrations WHERE version = $1")
                                .execute(Tuple.of(migration.version())))
                    .compose(
                        rows -> {
                          if (rows.size() > 0) return Future.succeededFuture(false);
                          LOG.info(
                              "Applying schema migration V{} {}",
                              migration.version(),
                              migration.name());
                          return conn.query(migration.sql())
                              .execute()
                              .compose(
                                  x ->
                                      conn.preparedQuery(
                                              "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)")
                                          .execute(Tuple.of(migration.version(), migration.name())))
                              .map(true);
                        }))
        .compose(didApply -> applyFrom(pool, index + 1, applied + (didApply ? 1 : 0)));
  }

  record Migration(int version, String name, String sql) {}

  static Migration load(String file) {
    Matcher m = NAME.matcher(file);
    if (!m.matches())
      throw new IllegalStateException("migration file name " + file + " is not V<n>__<name>.sql");
    try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + file)) {
      if (in == null)
        throw new IllegalStateException("migration " + file + " is missing from the classpath");
      return new Migration(
          Integer.parseInt(m.group(1)),
          m.group(2),
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
