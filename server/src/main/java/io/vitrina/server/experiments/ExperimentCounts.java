package io.vitrina.server.experiments;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.attribution.TokenSigner;
import io.vitrina.engine.experiment.ArmTotals;
import io.vitrina.engine.experiment.Experiment;
import io.vitrina.engine.experiment.OutcomeBook;
import io.vitrina.engine.experiment.ShopperOutcome;
import io.vitrina.engine.experiment.Status;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventType;
import io.vitrina.server.cluster.LogPosition;
import io.vitrina.server.events.EventHistory;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the event log into the experiments' shoppers and arms, once per event in the cluster: one
 * node at a time (a once-per-cluster job) reads the log after the position it stored, a page at a
 * time, and writes what the page changed (outcomes, ids, arms' totals) and the new position in one
 * transaction. The position is compared as it is moved, so a run that lost its lease to another
 * node cannot count a page twice.
 *
 * <p>Only running and paused experiments count; a stopped one keeps its totals. The experiments are
 * read from PostgreSQL after the log's horizon is, so that an exposure below the horizon always
 * finds its experiment.
 */
final class ExperimentCounts {
  private static final String STORE = "default";
  private static final int PAGE = 2_000;

  /** Pages one run counts at most, so that a long backlog leaves room for the lease's renewal. */
  private static final int PAGES_PER_RUN = 50;

  /** The window before exposure whose revenue is the CUPED covariate. */
  static final Duration PRE_EXPOSURE = Duration.ofDays(14);

  private final Pool pool;
  private final EventHistory history;
  private final TokenSigner tokens;
  private final ExperimentStore store;

  ExperimentCounts(Pool pool, EventHistory history, TokenSigner tokens, ExperimentStore store) {
    this.pool = pool;
    this.history = history;
    this.tokens = tokens;
    this.store = store;
  }

  /** Counts what the log holds below its horizon now; completes with the events read. */
  Future<Integer> run() {
    return history
        .horizon()
        .compose(horizon -> store.byId().compose(all -> pages(horizon, active(all), 0, 0)));
  }

  private static Map<String, Experiment> active(Map<String, ExperimentStore.Stored> all) {
    Map<String, Experiment> out = new HashMap<>();
    for (ExperimentStore.Stored s : all.values()) {
      Status status = s.experiment().status();
      if (status == Status.RUNNING || status == Status.PAUSED)
        out.put(s.experiment().id(), s.experiment());
    }
    return out;
  }

  private Future<Integer> pages(
      LogPosition horizon, Map<String, Experiment> active, int page, int read) {
    if (page == PAGES_PER_RUN) return Future.succeededFuture(read);
    return position()
        .compose(
            at -> {
              if (active.isEmpty()) return moveTo(at, horizon).map(read);
              return history
                  .between(at, horizon, OutcomeBook.READS, PAGE)
                  .compose(
                      events -> {
                        if (events.isEmpty()) return moveTo(at, horizon).map(read);
                        LogPosition last = events.getLast().position();
                        Future<Integer> counted = count(at, last, active, events);
                        return events.size() < PAGE
                            ? counted.compose(n -> moveTo(last, horizon)).map(read + events.size())
                            : counted.compose(
                                n -> pages(horizon, active, page + 1, read + events.size()));
                      });
            });
  }

  private Future<LogPosition> position() {
    return pool.preparedQuery("SELECT xid, id FROM experiment_log_position WHERE store_id = $1")
        .execute(Tuple.of(STORE))
        .map(rows -> LogPosition.of(rows.iterator().next()));
  }

  /** Moves the position from {@code from} to {@code to}, unless another run moved it meanwhile. */
  private Future<Void> moveTo(LogPosition from, LogPosition to) {
    if (from.equals(to)) return Future.succeededFuture();
    return pool.withTransaction(conn -> move(conn, from, to)).mapEmpty();
  }

  private static Future<Boolean> move(SqlConnection conn, LogPosition from, LogPosition to) {
    return conn.preparedQuery(
            "UPDATE experiment_log_position SET xid = $2, id = $3 "
                + "WHERE store_id = $1 AND xid = $4 AND id = $5")
        .execute(Tuple.of(STORE, to.xid(), to.id(), from.xid(), from.id()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Counts one page and moves the position past it, in one transaction. */
  private Future<Integer> count(
      LogPosition from,
      LogPosition to,
      Map<String, Experiment> active,
      List<EventHistory.Logged> page) {
    List<Event> events = page.stream().map(EventHistory.Logged::event).toList();
    String[] experiments = active.keySet().toArray(String[]::new);
    Set<String> ids = new LinkedHashSet<>();
    for (Event e : events) ids.addAll(OutcomeBook.unitsOf(e));
    return pool.withTransaction(
        conn ->
            move(conn, from, to)
                .compose(
                    moved -> {
                      if (!moved)
                        return Future.failedFuture(
                            new IllegalStateException("another run counted this page"));
                      return preRevenue(conn, events);
                    })
                .compose(
                    pre ->
                        units(conn, experiments, ids)
                            .compose(
                                units ->
                                    outcomes(conn, experiments, shoppersOf(units, ids))
                                        .compose(
                                            outcomes -> {
                                              OutcomeBook book =
                                                  new OutcomeBook(
                                                      active,
                                                      t -> tokens.verify(t),
                                                      e -> pre.getOrDefault(e, 0.0),
                                                      ShopperOutcome.Rules.DEFAULT);
                                              units.forEach(
                                                  u ->
                                                      book.knownUnit(
                                                          u.experiment(), u.unit(), u.shopper()));
                                              outcomes.forEach(book::knownOutcome);
                                              for (Event e : events) book.apply(e);
                                              return write(conn, book);
                                            })))
                .map(events.size()));
  }

  private record Unit(String experiment, String unit, String shopper) {}

  private static Future<List<Unit>> units(
      SqlConnection conn, String[] experiments, Set<String> ids) {
    return conn.preparedQuery(
            "SELECT experiment_id, unit, shopper FROM experiment_units "
                + "WHERE store_id = $1 AND experiment_id = ANY($2) AND unit = ANY($3)")
        .execute(Tuple.of(STORE, experiments, ids.toArray(String[]::new)))
        .map(
            rows -> {
              List<Unit> out = new ArrayList<>(rows.size());
              for (Row r : rows) out.add(new Unit(r.getString(0), r.getString(1), r.getString(2)));
              return out;
            });
  }

  private static Set<String> shoppersOf(List<Unit> units, Set<String> ids) {
    Set<String> out = new HashSet<>(ids);
    for (Unit u : units) out.add(u.shopper());
    return out;
  }

  private static Future<Map<OutcomeBook.Key, ShopperOutcome>> outcomes(
      SqlConnection conn, String[] experiments, Set<String> shoppers) {
    return conn.preparedQuery(
            "SELECT experiment_id, shopper, outcome FROM experiment_shoppers "
                + "WHERE store_id = $1 AND experiment_id = ANY($2) AND shopper = ANY($3)")
        .execute(Tuple.of(STORE, experiments, shoppers.toArray(String[]::new)))
        .map(
            rows -> {
              Map<OutcomeBook.Key, ShopperOutcome> out = new HashMap<>();
              for (Row r : rows)
                out.put(
                    new OutcomeBook.Key(r.getString(0), r.getString(1)),
                    OutcomeJson.outcome(json(r.getValue(2))));
              return out;
            });
  }

  /**
   * The revenue of each exposure's shopper (its visitor or customer id) in the window before it: a
   * query only when the page holds exposures.
   */
  private static Future<Map<Event, Double>> preRevenue(SqlClient conn, List<Event> events) {
    List<Event> exposures =
        events.stream().filter(e -> e.type() == EventType.EXPERIMENT_EXPOSURE).toList();
    if (exposures.isEmpty()) return Future.succeededFuture(Map.of());
    int n = exposures.size();
    String[] visitors = new String[n];
    String[] customers = new String[n];
    java.time.OffsetDateTime[] at = new java.time.OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      visitors[i] = exposures.get(i).visitorId();
      customers[i] = exposures.get(i).customerId();
      at[i] = exposures.get(i).occurredAt().atOffset(ZoneOffset.UTC);
    }
    // One look-up per exposure in the purchases-by-shopper indexes (V17), either id matching.
    return conn.preparedQuery(
            "SELECT x.ord, coalesce((SELECT sum(coalesce(e.value, (SELECT sum((l->>'p')::numeric * "
                + "coalesce((l->>'q')::int, 1)) FROM jsonb_array_elements(e.items) l), 0)) "
                + "FROM events e WHERE e.store_id = $5 AND e.name = 'purchase' "
                + "AND e.occurred_at >= x.t - $4::int * interval '1 second' AND e.occurred_at < x.t "
                + "AND (e.visitor_id = x.v OR e.customer_id = x.c)), 0) "
                + "FROM unnest($1::text[], $2::text[], $3::timestamptz[]) WITH ORDINALITY AS x(v, c, t, ord)")
        .execute(Tuple.of(visitors, customers, at, (int) PRE_EXPOSURE.toSeconds(), STORE))
        .map(
            rows -> {
              Map<Event, Double> out = new HashMap<>();
              for (Row r : rows)
                out.put(exposures.get(r.getLong(0).intValue() - 1), r.getNumeric(1).doubleValue());
              return out;
            });
  }

  /** Writes the book's changes: new ids, outcomes, and each arm's totals moved by its deltas. */
  private static Future<Void> write(SqlConnection conn, OutcomeBook book) {
    List<OutcomeBook.Change> changes = book.changes();
    Map<OutcomeBook.ArmKey, ArmTotals> deltas = new HashMap<>();
    for (OutcomeBook.Change c : changes) deltas.merge(c.arm(), c.delta(), ArmTotals::plus);
    return writeUnits(conn, book.newUnits())
        .compose(x -> writeOutcomes(conn, changes))
        .compose(x -> addToTotals(conn, deltas));
  }

  private static Future<Void> writeUnits(SqlConnection conn, Map<OutcomeBook.Key, String> units) {
    if (units.isEmpty()) return Future.succeededFuture();
    List<String> experiments = new ArrayList<>(),
        ids = new ArrayList<>(),
        shoppers = new ArrayList<>();
    units.forEach(
        (key, shopper) -> {
          experiments.add(key.experiment());
          ids.add(key.shopper());
          shoppers.add(shopper);
        });
    return conn.preparedQuery(
            "INSERT INTO experiment_units (store_id, experiment_id, unit, shopper) "
                + "SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING")
        .execute(
            Tuple.of(
                STORE,
                experiments.toArray(String[]::new),
                ids.toArray(String[]::new),
                shoppers.toArray(String[]::new)))
        .mapEmpty();
  }

  private static Future<Void> writeOutcomes(SqlConnection conn, List<OutcomeBook.Change> changes) {
    if (changes.isEmpty()) return Future.succeededFuture();
    int n = changes.size();
    String[] experiments = new String[n], shoppers = new String[n], arms = new String[n];
    Integer[] phases = new Integer[n];
    String[] outcomes = new String[n];
    for (int i = 0; i < n; i++) {
      OutcomeBook.Change c = changes.get(i);
      experiments[i] = c.key().experiment();
      shoppers[i] = c.key().shopper();
      arms[i] = c.after().arm();
      phases[i] = c.after().phase();
      outcomes[i] = OutcomeJson.toJson(c.after()).encode();
    }
    return conn.preparedQuery(
            "INSERT INTO experiment_shoppers (store_id, experiment_id, shopper, arm, phase, outcome) "
                + "SELECT $1, e, s, a, p, o::jsonb FROM unnest($2::text[], $3::text[], $4::text[], "
                + "$5::int[], $6::text[]) AS x(e, s, a, p, o) "
                + "ON CONFLICT (store_id, experiment_id, shopper) DO UPDATE SET outcome = excluded.outcome")
        .execute(Tuple.of(STORE, experiments, shoppers, arms, phases, outcomes))
        .mapEmpty();
  }

  /** Adds the deltas to the arms' stored totals (read under a row lock, in the transaction). */
  private static Future<Void> addToTotals(
      SqlConnection conn, Map<OutcomeBook.ArmKey, ArmTotals> deltas) {
    if (deltas.isEmpty()) return Future.succeededFuture();
    Set<String> experiments = new HashSet<>();
    deltas.keySet().forEach(k -> experiments.add(k.experiment()));
    return conn.preparedQuery(
            "SELECT experiment_id, phase, arm, totals FROM experiment_totals "
                + "WHERE store_id = $1 AND experiment_id = ANY($2) FOR UPDATE")
        .execute(
            Tuple.tuple().addString(STORE).addArrayOfString(experiments.toArray(String[]::new)))
        .compose(
            rows -> {
              Map<OutcomeBook.ArmKey, ArmTotals> stored = new HashMap<>();
              for (Row r : rows)
                stored.put(
                    new OutcomeBook.ArmKey(r.getString(0), r.getInteger(1), r.getString(2)),
                    OutcomeJson.totals(json(r.getValue(3))));
              int n = deltas.size();
              String[] ex = new String[n], arms = new String[n], totals = new String[n];
              Integer[] phases = new Integer[n];
              int i = 0;
              for (var d : deltas.entrySet()) {
                ArmTotals now = stored.getOrDefault(d.getKey(), ArmTotals.EMPTY).plus(d.getValue());
                ex[i] = d.getKey().experiment();
                phases[i] = d.getKey().phase();
                arms[i] = d.getKey().arm();
                totals[i++] = OutcomeJson.toJson(now).encode();
              }
              return conn.preparedQuery(
                      "INSERT INTO experiment_totals (store_id, experiment_id, phase, arm, totals) "
                          + "SELECT $1, e, p, a, t::jsonb FROM unnest($2::text[], $3::int[], $4::text[], "
                          + "$5::text[]) AS x(e, p, a, t) ON CONFLICT (store_id, experiment_id, phase, arm) "
                          + "DO UPDATE SET totals = excluded.totals, updated_at = now()")
                  .execute(Tuple.of(STORE, ex, phases, arms, totals));
            })
        .mapEmpty();
  }

  /** Each arm's totals of one phase as they stood at one time. */
  record Snapshot(java.time.Instant at, Map<String, ArmTotals> byArm) {}

  /**
   * Keeps every counting experiment's totals as they stand now, for the lift over time; completes
   * with the rows written.
   */
  Future<Integer> snapshot() {
    return pool.preparedQuery(
            "INSERT INTO experiment_snapshots (store_id, experiment_id, phase, arm, taken_at, totals) "
                + "SELECT t.store_id, t.experiment_id, t.phase, t.arm, now(), t.totals "
                + "FROM experiment_totals t JOIN experiments e "
                + "ON e.store_id = t.store_id AND e.id = t.experiment_id "
                + "WHERE t.store_id = $1 AND e.status IN ('running', 'paused')")
        .execute(Tuple.of(STORE))
        .map(rows -> rows.rowCount());
  }

  /** The snapshots of one phase of {@code experiment}, oldest first. */
  Future<List<Snapshot>> snapshots(String experiment, int phase) {
    return pool.preparedQuery(
            "SELECT taken_at, arm, totals FROM experiment_snapshots "
                + "WHERE store_id = $1 AND experiment_id = $2 AND phase = $3 ORDER BY taken_at")
        .execute(Tuple.of(STORE, experiment, phase))
        .map(
            rows -> {
              Map<java.time.Instant, Map<String, ArmTotals>> byTime = new java.util.TreeMap<>();
              for (Row r : rows)
                byTime
                    .computeIfAbsent(r.getOffsetDateTime(0).toInstant(), t -> new HashMap<>())
                    .put(r.getString(1), OutcomeJson.totals(json(r.getValue(2))));
              List<Snapshot> out = new ArrayList<>(byTime.size());
              byTime.forEach((at, byArm) -> out.add(new Snapshot(at, byArm)));
              return out;
            });
  }

  /**
   * The outcomes of {@code experiment}'s shoppers exposed in {@code phase}, without what only the
   * counting reads (the touches and orders, most of a row): what a report that caps revenue sums
   * again (one row a shopper, not the events).
   */
  Future<List<ShopperOutcome>> shoppers(String experiment, int phase) {
    return pool.preparedQuery(
            "SELECT outcome - 'touches' - 'orders' FROM experiment_shoppers "
                + "WHERE store_id = $1 AND experiment_id = $2 AND phase = $3")
        .execute(Tuple.of(STORE, experiment, phase))
        .map(
            rows -> {
              List<ShopperOutcome> out = new ArrayList<>(rows.size());
              for (Row r : rows) out.add(OutcomeJson.outcome(json(r.getValue(0))));
              return out;
            });
  }

  /** Each arm's totals of {@code experiment}, by phase and arm. */
  Future<Map<OutcomeBook.ArmKey, ArmTotals>> totals(String experiment) {
    return pool.preparedQuery(
            "SELECT phase, arm, totals FROM experiment_totals WHERE store_id = $1 AND experiment_id = $2")
        .execute(Tuple.of(STORE, experiment))
        .map(
            rows -> {
              Map<OutcomeBook.ArmKey, ArmTotals> out = new HashMap<>();
              for (Row r : rows)
                out.put(
                    new OutcomeBook.ArmKey(experiment, r.getInteger(0), r.getString(1)),
                    OutcomeJson.totals(json(r.getValue(2))));
              return out;
            });
  }

  /**
   * Each arm's totals of {@code experiment} computed again from the events of the log up to the
   * counting's position, with nothing loaded and nothing written: what the online totals must
   * equal.
   */
  Future<Map<OutcomeBook.ArmKey, ArmTotals>> recompute(Experiment experiment) {
    Map<Event, Double> pre = new HashMap<>();
    OutcomeBook book =
        new OutcomeBook(
            Map.of(experiment.id(), experiment),
            t -> tokens.verify(t),
            e -> pre.getOrDefault(e, 0.0),
            ShopperOutcome.Rules.DEFAULT);
    return position()
        .compose(upTo -> recomputePages(book, pre, new LogPosition(0, 0), upTo))
        .map(x -> book.totalsByArm());
  }

  private Future<Void> recomputePages(
      OutcomeBook book, Map<Event, Double> pre, LogPosition after, LogPosition upTo) {
    return history
        .between(after, upTo, OutcomeBook.READS, PAGE)
        .compose(
            page -> {
              if (page.isEmpty()) return Future.succeededFuture();
              List<Event> events = page.stream().map(EventHistory.Logged::event).toList();
              return preRevenue(pool, events)
                  .compose(
                      revenue -> {
                        pre.putAll(revenue);
                        for (Event e : events) book.apply(e);
                        return page.size() < PAGE
                            ? Future.succeededFuture()
                            : recomputePages(book, pre, page.getLast().position(), upTo);
                      });
            });
  }

  private static JsonObject json(Object value) {
    return value instanceof JsonObject o ? o : new JsonObject(value.toString());
  }
}
