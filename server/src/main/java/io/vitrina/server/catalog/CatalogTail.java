package io.vitrina.server.catalog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vitrina.server.cluster.LogPosition;
import io.vitrina.server.cluster.LogReader;
import io.vitrina.server.cluster.Node;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * This node's reader of the catalog's change log: it brings the other nodes' item writes and
 * deletions into this node's index, in the log's order ({@link LogPosition}). Its own writes the
 * node indexed as it made them, so it skips them. It reads after a notification from another node,
 * and on a short poll (the backstop for one missed while the listening session was down).
 *
 * <p>Read through a {@link LogReader}. A read that fails leaves the position where it was, so the
 * next one takes the same changes again.
 */
final class CatalogTail {
  /** Changes one read takes; a full read is followed by the next at once. */
  static final int BATCH = 5_000;

  /** The backstop: how often the log is read without a wake-up. */
  static final Duration POLL = Duration.ofMillis(500);

  private final LogReader reader;
  private final CatalogChanges changes;
  private final String node;
  private final Function<Set<String>, Future<Void>> apply;
  private final LongAdder fromPeers = new LongAdder();
  private volatile LogPosition position; // written by the read under way

  /**
   * @param apply brings the given items, changed by other nodes, into the index as PostgreSQL now
   *     holds them (absent there: deleted); a failure makes the next read take them again
   */
  CatalogTail(
      Vertx vertx, CatalogChanges changes, Node node, Function<Set<String>, Future<Void>> apply) {
    this.reader = new LogReader(vertx, "the catalog's changes", POLL, this::read);
    this.changes = changes;
    this.node = node.id();
    this.apply = apply;
  }

  /** Reads from {@code from} on: everything before it the index loaded whole. */
  void start(LogPosition from) {
    position = from;
    reader.start();
  }

  /** Reads the log now, or right after the read under way. */
  void wake() {
    reader.wake();
  }

  /** One read: true when there may be more to read at once. */
  private Future<Boolean> read() {
    return changes
        .after(position, BATCH)
        .compose(
            read -> {
              if (read.isEmpty()) return Future.succeededFuture(false);
              Set<String> others = new LinkedHashSet<>();
              for (CatalogChanges.Change change : read)
                if (!node.equals(change.node())) others.add(change.itemId());
              Future<Void> applied =
                  others.isEmpty() ? Future.succeededFuture() : apply.apply(others);
              return applied.map(
                  x -> {
                    fromPeers.add(others.size());
                    position = read.getLast().position();
                    return read.size() == BATCH;
                  });
            });
  }

  /** Items other nodes changed, brought into this node's index since start. */
  long fromPeers() {
    return fromPeers.sum();
  }

  /** Stops reading; a read under way finishes. */
  void stop() {
    reader.stop();
  }
}
