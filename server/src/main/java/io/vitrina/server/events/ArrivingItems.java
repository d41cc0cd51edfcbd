package io.vitrina.server.events;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.signal.Event;
import io.vitrina.server.db.KeysetPager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events that named items the catalog did not have yet, until those items arrive: a tracker is
 * often ahead of the catalog feed. Such events are stored and applied like any other; their
 * history, popularity and the models count the ids already. What the online state skips is an
 * item's facets (its affinities), because it does not know them: {@link #itemsArrived} asks the
 * profiles to count those once the catalog has the items.
 *
 * <p>The lines are written down with the event, in the {@link EventLog}'s statement, in {@code
 * events_awaiting_items}; nothing is written for the events whose items are all known, which are
 * nearly all. A line is settled once its event went through the online state: deleted when the item
 * had arrived meanwhile (the profile counted it then), else marked {@code applied}. Only applied
 * lines are counted on arrival, so that none counts twice: an arrival waits for the lines settled
 * before it, and lines of events not yet applied will count when they are.
 *
 * <p>One node's state: several nodes, which each apply every event, will need a line per node.
 */
public final class ArrivingItems {
  private static final Logger LOG = LoggerFactory.getLogger(ArrivingItems.class);

  /** The store of a single-store deployment (the tables' default). */
  static final String STORE = "default";

  private static final int PAGE = 1_000;

  private final Vertx vertx;
  private final Pool pool;
  private final Function<Collection<String>, Set<String>> inCatalog;
  private final BiConsumer<Event, Set<String>> countArrived;

  /** Lines waiting for the settle under way to finish; guarded by this. */
  private List<Settled> queued = new ArrayList<>();

  /** Completes when {@link #queued} is written; guarded by this. */
  private Promise<Void> nextWrite = Promise.promise();

  private boolean writing; // guarded by this
  private Future<Void> lastWrite = Future.succeededFuture(); // guarded by this
  private Future<Integer> arrivals = Future.succeededFuture(0); // guarded by this

  /** A line of an applied event: {@code arrived} when the profile could count it after all. */
  private record Settled(long eventId, String itemId, boolean arrived) {}

  /**
   * @param inCatalog the ids among those given that the catalog has now
   * @param countArrived counts into the event's shopper profile the affinities of the given item
   *     lines of the event, as applying it would have had the catalog known them
   */
  public ArrivingItems(
      Vertx vertx,
      Pool pool,
      Function<Collection<String>, Set<String>> inCatalog,
      BiConsumer<Event, Set<String>> countArrived) {
    this.vertx = vertx;
    this.pool = pool;
    this.inCatalog = inCatalog;
    this.countArrived = countArrived;
  }

  /**
   * Settles the lines of an event just applied to the online state. Looked up after the event was
   * applied: an item that arrived in between was counted by the profile, and is deleted; one that
   * became searchable during those microseconds is taken as counted (it may lose that one event's
   * affinity, never count it twice). Looked up under the lock: an arrival of an item still missing
   * here comes later, so it waits for this line.
   */
  void applied(EventLog.Awaiting awaiting) {
    synchronized (this) {
      Set<String> arrived = inCatalog.apply(awaiting.itemIds());
      for (String id : awaiting.itemIds())
        queued.add(new Settled(awaiting.eventId(), id, arrived.contains(id)));
      writeIfIdle();
    }
  }

  /**
   * Counts the affinities the profiles skipped for {@code ids}, which the catalog has now, and
   * forgets those lines. Arrivals run one after another. Completes with the lines counted.
   */
  public Future<Integer> itemsArrived(Set<String> ids) {
    if (ids.isEmpty()) return Future.succeededFuture(0);
    Set<String> arrived = Set.copyOf(ids);
    synchronized (this) {
      Future<Void> settledBefore = queued.isEmpty() ? lastWrite : nextWrite.future();
      Future<Integer> previous = arrivals;
      arrivals =
          previous
              .transform(x -> settledBefore.otherwiseEmpty())
              .compose(x -> countEach(List.copyOf(arrived), 0, 0));
      return arrivals;
    }
  }

  private Future<Integer> countEach(List<String> ids, int next, int counted) {
    if (next == ids.size()) return Future.succeededFuture(counted);
    return count(ids.get(next)).compose(n -> countEach(ids, next + 1, counted + n));
  }

  /** Counts one item's applied lines a page at a time, deleting each page once counted. */
  private Future<Integer> count(String itemId) {
    return KeysetPager.forEachPage(
            0L,
            after ->
                pool.preparedQuery(
                        "SELECT a.event_id, "
                            + EventHistory.COLUMNS_OF_E
                            + " FROM events_awaiting_items a JOIN events e ON e.id = a.event_id "
                            + "WHERE a.store_id = $1 AND a.item_id = $2 AND a.applied AND a.event_id > $3 "
                            + "ORDER BY a.event_id LIMIT "
                            + PAGE)
                    .execute(Tuple.of(STORE, itemId, after)),
            row -> row.getLong("event_id"),
            row -> new Line(row.getLong("event_id"), EventHistory.toEvent(row)),
            page -> countAndForget(itemId, page))
        .map(Long::intValue);
  }

  private record Line(long eventId, Event event) {}

  private Future<Void> countAndForget(String itemId, List<Line> page) {
    Set<String> item = Set.of(itemId);
    return vertx
        .executeBlocking(
            () -> {
              for (Line line : page)
                if (line.event() != null) countArrived.accept(line.event(), item);
              return null;
            },
            false)
        .compose(
            x ->
                pool.preparedQuery(
                        "DELETE FROM events_awaiting_items WHERE store_id = $1 AND item_id = $2 AND event_id = ANY($3)")
                    .execute(
                        Tuple.of(
                            STORE, itemId, page.stream().map(Line::eventId).toArray(Long[]::new))))
        .mapEmpty();
  }

  /**
   * At start, after the profiles were rebuilt: the rebuild counted every item the catalog has, so
   * their lines go, as do the lines of events older than the rebuild read; the others were skipped
   * by it and are now applied (including those a stop left unsettled). Completes with the lines
   * kept.
   */
  Future<Long> settleAfterReplay(Instant replayedSince) {
    return pool.preparedQuery(
            "SELECT DISTINCT item_id FROM events_awaiting_items WHERE store_id = $1")
        .execute(Tuple.of(STORE))
        .compose(
            rows -> {
              List<String> ids = new ArrayList<>(rows.size());
              for (Row row : rows) ids.add(row.getString(0));
              String[] known = inCatalog.apply(ids).toArray(String[]::new);
              return pool.preparedQuery(
                      "WITH gone AS (DELETE FROM events_awaiting_items a WHERE a.store_id = $1 AND "
                          + "(a.item_id = ANY($2) OR NOT EXISTS (SELECT 1 FROM events e "
                          + "WHERE e.id = a.event_id AND e.occurred_at >= $3)) RETURNING item_id, event_id), "
                          + "kept AS (UPDATE events_awaiting_items a SET applied = true WHERE a.store_id = $1 "
                          + "AND NOT a.applied AND NOT EXISTS (SELECT 1 FROM gone g "
                          + "WHERE g.item_id = a.item_id AND g.event_id = a.event_id)) "
                          + "SELECT count(*) FROM events_awaiting_items a WHERE a.store_id = $1 AND "
                          + "NOT EXISTS (SELECT 1 FROM gone g WHERE g.item_id = a.item_id AND g.event_id = a.event_id)")
                  .execute(Tuple.of(STORE, known, replayedSince.atOffset(ZoneOffset.UTC)));
            })
        .map(rows -> rows.iterator().next().getLong(0))
        .onSuccess(
            kept -> {
              if (kept > 0) LOG.info("{} event lines await items not yet in the catalog", kept);
            });
  }

  /** Forgets the lines of events older than {@code since}: no profile counts them any more. */
  Future<Integer> forgetOlderThan(Instant since) {
    return pool.preparedQuery(
            "DELETE FROM events_awaiting_items a USING events e WHERE a.store_id = $1 "
                + "AND e.id = a.event_id AND e.occurred_at < $2")
        .execute(Tuple.of(STORE, since.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.rowCount());
  }

  /** Writes what is queued unless a write is under way (it writes the rest when done). */
  private void writeIfIdle() {
    if (writing || queued.isEmpty()) return;
    writing = true;
    List<Settled> batch = queued;
    Promise<Void> done = nextWrite;
    queued = new ArrayList<>();
    nextWrite = Promise.promise();
    lastWrite = done.future();
    write(batch)
        .onComplete(
            result -> {
              // Lines left unsettled are not counted on arrival; the next start settles them
              // (its rebuild of the profiles counts what the catalog has by then).
              if (result.failed())
                LOG.warn(
                    "Settling {} event lines that await items failed; the next start settles them: {}",
                    batch.size(),
                    result.cause().getMessage());
              synchronized (this) {
                writing = false;
                writeIfIdle();
              }
              done.tryComplete();
            });
  }

  private Future<Void> write(List<Settled> batch) {
    Long[] events = new Long[batch.size()];
    String[] items = new String[batch.size()];
    Boolean[] arrived = new Boolean[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      events[i] = batch.get(i).eventId();
      items[i] = batch.get(i).itemId();
      arrived[i] = batch.get(i).arrived();
    }
    return pool.preparedQuery(
            "WITH s AS (SELECT * FROM unnest($2::bigint[], $3::text[], $4::bool[]) AS s(e, i, arrived)), "
                + "gone AS (DELETE FROM events_awaiting_items a USING s WHERE s.arrived "
                + "AND a.store_id = $1 AND a.item_id = s.i AND a.event_id = s.e) "
                + "UPDATE events_awaiting_items a SET applied = true FROM s WHERE NOT s.arrived "
                + "AND a.store_id = $1 AND a.item_id = s.i AND a.event_id = s.e")
        .execute(Tuple.of(STORE, events, items, arrived))
        .mapEmpty();
  }
}
