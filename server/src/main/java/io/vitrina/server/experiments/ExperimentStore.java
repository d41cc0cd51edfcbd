package io.vitrina.server.experiments;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.experiment.Experiment;
import io.vitrina.server.cluster.ConfigurationNotice;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Experiments in PostgreSQL, the system of record of every node's experiments. Each change is made
 * against the version it was read at, so two admins changing one experiment at once cannot
 * overwrite each other, and notifies, so every node reloads the experiments when it commits. A
 * unique index keeps at most one experiment running on a placement, whichever nodes start them.
 */
final class ExperimentStore {
  /** The name of the experiments as a live configuration. */
  static final String CONFIGURATION = "experiments";

  /** The store of a single-store deployment (the table's default). */
  private static final String STORE = "default";

  /** What a write found instead of doing its change. */
  enum Outcome {
    DONE,
    /** Changed meanwhile (or gone): read it again. */
    STALE,
    /** Another experiment runs on the placement. */
    PLACEMENT_TAKEN,
    /** Created already under this id. */
    EXISTS
  }

  /** An experiment and the version it was stored at. */
  record Stored(Experiment experiment, long version) {}

  private final Pool pool;
  private final ConfigurationNotice notice;

  ExperimentStore(Pool pool, ConfigurationNotice notice) {
    this.pool = pool;
    this.notice = notice;
  }

  Future<Outcome> create(Experiment experiment) {
    return pool.preparedQuery(
            "WITH saved AS (INSERT INTO experiments (store_id, id, placement, status, definition) "
                + "VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING RETURNING id) "
                + "SELECT "
                + ConfigurationNotice.sql(6)
                + " FROM saved")
        .execute(
            Tuple.of(
                STORE,
                experiment.id(),
                experiment.placement().toString(),
                experiment.status().wireName(),
                ExperimentJson.toJson(experiment).encode(),
                notice.payload()))
        .map(rows -> rows.size() > 0 ? Outcome.DONE : Outcome.EXISTS);
  }

  /** Replaces the experiment stored at {@code version} with {@code next}. */
  Future<Outcome> replace(long version, Experiment next) {
    return pool.preparedQuery(
            "WITH saved AS (UPDATE experiments SET placement = $3, status = $4, "
                + "definition = $5::jsonb, version = version + 1, updated_at = now() "
                + "WHERE store_id = $1 AND id = $2 AND version = $6 RETURNING id) "
                + "SELECT "
                + ConfigurationNotice.sql(7)
                + " FROM saved")
        .execute(
            Tuple.of(
                STORE,
                next.id(),
                next.placement().toString(),
                next.status().wireName(),
                ExperimentJson.toJson(next).encode(),
                version,
                notice.payload()))
        .map(rows -> rows.size() > 0 ? Outcome.DONE : Outcome.STALE)
        .recover(
            e ->
                e instanceof PgException pg && "23505".equals(pg.getSqlState())
                    ? Future.succeededFuture(Outcome.PLACEMENT_TAKEN)
                    : Future.failedFuture(e));
  }

  /** Every experiment, by id: a snapshot of the table. */
  Future<Map<String, Stored>> byId() {
    return pool.preparedQuery(
            "SELECT definition, version FROM experiments WHERE store_id = $1 ORDER BY id")
        .execute(Tuple.of(STORE))
        .map(
            rows -> {
              Map<String, Stored> out = new TreeMap<>();
              for (Row row : rows) {
                Object definition = row.getValue("definition");
                JsonObject json =
                    definition instanceof JsonObject object
                        ? object
                        : new JsonObject(definition.toString());
                Experiment experiment = ExperimentJson.stored(json);
                out.put(experiment.id(), new Stored(experiment, row.getLong("version")));
              }
              return Collections.unmodifiableMap(out);
            });
  }
}
