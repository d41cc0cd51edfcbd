package io.vitrina.server.cluster;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one listening session ({@code LISTEN}/{@code NOTIFY}): how one node tells the others
 * that the event log grew, the catalog changed or a configuration was saved. A wake-up only: a
 * session that was not listening misses a notification for good, so a listener reads durable state
 * when woken, keeps a short poll as its backstop, and is woken (with a null payload) whenever the
 * session (re)subscribes, since it may have missed some meanwhile.
 *
 * <p>Senders notify inside the transaction that wrote, with {@code pg_notify(channel, node id)}:
 * PostgreSQL delivers it at commit, so a woken reader finds the rows.
 */
public final class Wakeups {
  private static final Logger LOG = LoggerFactory.getLogger(Wakeups.class);

  /** How long after a lost session the next attempt comes. */
  static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final PgSubscriber subscriber;
  private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public Wakeups(Vertx vertx, PgConnectOptions connect) {
    this.vertx = vertx;
    this.subscriber =
        PgSubscriber.subscriber(vertx, connect)
            .reconnectPolicy(attempt -> RECONNECT_AFTER.toMillis());
  }

  /**
   * Calls {@code listener} with the notifying node's id on every notification of {@code channel},
   * and with null when the session (re)subscribed.
   */
  public void on(String channel, Consumer<String> listener) {
    boolean first = !listeners.containsKey(channel);
    listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
    if (!first) return;
    subscriber
        .channel(channel)
        .subscribeHandler(x -> tell(channel, null))
        .exceptionHandler(e -> LOG.warn("Listening on {} failed: {}", channel, e.toString()))
        .handler(payload -> tell(channel, payload));
  }

  private void tell(String channel, String payload) {
    for (Consumer<String> listener : listeners.getOrDefault(channel, List.of())) {
      try {
        listener.accept(payload);
      } catch (RuntimeException e) {
        LOG.warn("A listener of {} failed", channel, e);
      }
    }
  }

  /** Opens the session; retries in the background until it is open. Never fails. */
  public void start() {
    subscriber
        .connect()
        .onSuccess(x -> LOG.info("Listening for other nodes on {}", listeners.keySet()))
        .onFailure(
            e -> {
              if (closed) return;
              LOG.warn(
                  "The listening session did not open ({}); trying again in {} s (other nodes'"
                      + " changes arrive by the poll meanwhile)",
                  e.toString(),
                  RECONNECT_AFTER.toSeconds());
              vertx.setTimer(RECONNECT_AFTER.toMillis(), id -> start());
            });
  }

  public void close() {
    closed = true;
    subscriber.close();
  }
}
