package io.vitrina.server.events;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.Origin;
import io.vitrina.server.cluster.LogPosition;
import io.vitrina.server.cluster.LogReader;
import io.vitrina.server.cluster.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's one reader of the event log: it applies every stored event to the node's online state
 * once, in the order every node applies them ({@link LogPosition}), so that nodes fed the same log
 * hold the same profiles whichever node each event reached.
 *
 * <p>The events this node accepted it takes from memory: the intake hands each over with the id it
 * was stored under ({@link #expect}), and the reader applies it when the log reaches it, as {@link
 * Origin#LIVE}; the intake acknowledges only then, so a shopper's next request on this node sees
 * it. The other nodes' events it reads from PostgreSQL, as {@link Origin#PEER}. It reads after a
 * commit of this node, when another node's commit notifies, and on a short poll (the backstop for a
 * notification missed while the listening session was down).
 *
 * <p>Read through a {@link LogReader}: one read at a time, a wake-up during a read makes another
 * follow it.
 */
final class EventTail {
  private static final Logger LOG = LoggerFactory.getLogger(EventTail.class);

  /** Rows one read takes; a full read is followed by the next at once. */
  static final int BATCH = 2_000;

  /** The backstop: how often the log is read without a wake-up. */
  static final Duration POLL = Duration.ofMillis(500);

  /**
   * How long an event this node stored may wait for the intake to hand it over before it is read
   * back like another node's: its commit's answer was lost (the connection broke after the commit),
   * so its request failed, but the event is stored and every node must count it.
   */
  static final Duration UNCLAIMED = Duration.ofSeconds(5);

  /** Applies an event of the log to the node's online state. */
  @FunctionalInterface
  interface Applier {
    void apply(Event event, Origin origin);
  }

  private record Own(Event event, Runnable afterApply) {}

  private final LogReader reader;
  private final Pool pool;
  private final String node;
  private final EventHistory history;
  private final Applier applier;
  private final Map<Long, Own> own = new ConcurrentHashMap<>();
  private final Set<Long> readBack = ConcurrentHashMap.newKeySet();
  private final LongAdder fromPeers = new LongAdder();
  private volatile LogPosition position; // null until started; written by the read under way
  private long unclaimedSince; // nanos, 0 when not waiting; the read under way's

  EventTail(Vertx vertx, Pool pool, Node node, EventHistory history, Applier applier) {
    this.reader = new LogReader(vertx, "the event log", POLL, this::read);
    this.pool = pool;
    this.node = node.id();
    this.history = history;
    this.applier = applier;
  }

  /** Reads from {@code from} on: everything before it was applied another way (a replay). */
  void start(LogPosition from) {
    position = from;
    reader.start();
  }

  /**
   * An event this node stored under {@code id}: applied as {@link Origin#LIVE} when the log reaches
   * it, then {@code afterApply} runs.
   */
  void expect(long id, Event event, Runnable afterApply) {
    if (readBack.remove(id)) {
      afterApply.run(); // read back already, its commit's answer being late
      return;
    }
    own.put(id, new Own(event, afterApply));
  }

  /** Reads the log now, or right after the read under way. */
  void wake() {
    reader.wake();
  }

  /** One read: true when there may be more to read at once. */
  private Future<Boolean> read() {
    LogPosition from = position;
    return pool.preparedQuery(
            "SELECT xid, id, node FROM events WHERE "
                + LogPosition.AFTER_AND_SETTLED
                + " ORDER BY xid, id LIMIT "
                + BATCH)
        .execute(Tuple.of(from.xid(), from.id()))
        .compose(rows -> fetchOthers(rows).map(others -> applyInOrder(rows, others)));
  }

  /** The events of the rows that are not this node's, and of its own one that waited too long. */
  private Future<Map<Long, Event>> fetchOthers(RowSet<Row> rows) {
    List<Long> ids = new ArrayList<>();
    boolean firstUnclaimed = true;
    for (Row row : rows) {
      long id = row.getLong("id");
      if (!node.equals(row.getString("node"))) ids.add(id);
      else if (firstUnclaimed && !own.containsKey(id)) {
        firstUnclaimed = false;
        if (waitedTooLong()) ids.add(id);
      }
    }
    return ids.isEmpty() ? Future.succeededFuture(Map.of()) : history.byId(ids);
  }

  private boolean waitedTooLong() {
    return unclaimedSince != 0 && System.nanoTime() - unclaimedSince > UNCLAIMED.toNanos();
  }

  /**
   * Applies the rows in order and moves the position past each; stops at an event of this node's
   * that the intake has not handed over yet (its commit's answer is on its way). True when the read
   * was full and there may be more.
   */
  private boolean applyInOrder(RowSet<Row> rows, Map<Long, Event> others) {
    for (Row row : rows) {
      long id = row.getLong("id");
      if (node.equals(row.getString("node"))) {
        Own mine = own.remove(id);
        if (mine != null) {
          applier.apply(mine.event(), Origin.LIVE);
          mine.afterApply().run();
        } else if (others.containsKey(id)) {
          LOG.warn("Event {} of this node was stored but its commit went unanswered; applied", id);
          readBack.add(id);
          applier.apply(others.get(id), Origin.LIVE);
        } else {
          if (unclaimedSince == 0) unclaimedSince = System.nanoTime();
          return false;
        }
      } else {
        Event event = others.get(id);
        if (event != null) {
          applier.apply(event, Origin.PEER);
          fromPeers.increment();
        }
      }
      unclaimedSince = 0;
      position = LogPosition.of(row);
    }
    return rows.size() == BATCH;
  }

  /** Events applied from other nodes since start. */
  long fromPeers() {
    return fromPeers.sum();
  }

  /** Events this node stored that wait to be applied. */
  int waiting() {
    return own.size();
  }

  /**
   * Stops reading once the events this node stored are applied (their requests answered), or after
   * {@code patience}.
   */
  Future<Void> stop(Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    Promise<Void> stopped = Promise.promise();
    awaitOwn(deadline, stopped);
    return stopped.future();
  }

  private void awaitOwn(long deadline, Promise<Void> done) {
    if (own.isEmpty() || System.nanoTime() > deadline || position == null) {
      reader.stop();
      done.tryComplete();
      return;
    }
    wake();
    reader.after(Duration.ofMillis(20), () -> awaitOwn(deadline, done));
  }
}
