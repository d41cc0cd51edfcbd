package io.vitrina.server.events;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.Origin;
import io.vitrina.server.async.CallerContext;
import io.vitrina.server.cluster.Node;
import io.vitrina.server.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventIntake}: group commit to PostgreSQL through the {@link EventLog}, then the
 * serving core's online state through the {@link EventTail}, which applies this node's events and
 * every other node's in the log's one order. At start the core is rebuilt from the stored events
 * below the log's horizon, and the tail goes on from there, so memory only ever holds what
 * PostgreSQL holds.
 */
public final class DurableEventIntake implements EventIntake {
  private static final Logger LOG = LoggerFactory.getLogger(DurableEventIntake.class);

  private final Vertx vertx;
  private final EventLog log;
  private final EventHistory history;
  private final ServingCore core;
  private final Clock clock;
  private final EventTail tail;
  private final AtomicBoolean evicting = new AtomicBoolean();
  private final Promise<Void> replayed = Promise.promise();

  public DurableEventIntake(
      Vertx vertx,
      Pool pool,
      Node node,
      EventLog log,
      EventHistory history,
      ServingCore core,
      Clock clock) {
    this.vertx = vertx;
    this.log = log;
    this.history = history;
    this.core = core;
    this.clock = clock;
    this.tail = new EventTail(vertx, pool, node, history, this::applyOnline);
  }

  /**
   * Completes once the start's replay has rebuilt profiles and popularity (or failed): what a model
   * swap writes into the index as demand is only whole from then on.
   */
  public Future<Void> replayed() {
    return replayed.future();
  }

  /** Reads the log now: another node stored events. */
  public void othersStored() {
    tail.wake();
  }

  void registerGauges(Metrics metrics) {
    metrics.gauge("vitrina_profiles", "shopper profiles in memory", core::profileCount);
    metrics.gauge(
        "vitrina_events_pending", "accepted events waiting for their group commit", log::pending);
    metrics.gauge(
        "vitrina_events_written", "events committed to PostgreSQL since start", log::written);
    metrics.gauge("vitrina_event_commits", "group commits since start", log::commits);
    metrics.gauge(
        "vitrina_events_from_peers",
        "events other nodes accepted, applied here since start",
        tail::fromPeers);
    metrics.gauge(
        "vitrina_events_awaiting_items",
        "event lines whose item this node's catalog does not have yet: their affinities count when"
            + " it arrives",
        core::awaitedLines);
    metrics.gauge(
        "vitrina_events_awaiting_items_dropped",
        "event lines not kept to wait for their item since start, because too many waited",
        core::awaitedLinesDropped);
    metrics.gauge(
        "vitrina_events_unapplied",
        "events this node stored that wait for the log's order to be applied",
        tail::waiting);
  }

  @Override
  public Future<EventLog.Appended> append(Collection<Event> accepted) {
    return CallerContext.completeOnCaller(
        vertx, log.append(List.copyOf(accepted)).compose(this::applyInLogOrder));
  }

  /** Completes once the tail has applied every new event of {@code appended}. */
  private Future<EventLog.Appended> applyInLogOrder(EventLog.Appended appended) {
    List<Event> added = appended.added();
    if (added.isEmpty()) return Future.succeededFuture(appended);
    Promise<EventLog.Appended> applied = Promise.promise();
    AtomicInteger left = new AtomicInteger(added.size());
    for (int i = 0; i < added.size(); i++) {
      tail.expect(
          appended.ids().get(i),
          added.get(i),
          () -> {
            if (left.decrementAndGet() == 0) applied.complete(appended);
          });
    }
    tail.wake();
    return applied.future();
  }

  /**
   * Rebuilds profiles and popularity from the stored events of the profile window, up to the log's
   * horizon, then starts the tail there; at start.
   */
  Future<Void> replay() {
    long started = System.nanoTime();
    Instant since = core.replaySince(clock.instant());
    return history
        .horizon()
        .compose(
            horizon ->
                history
                    .forEachPage(
                        since,
                        horizon,
                        page ->
                            vertx.executeBlocking(
                                () -> {
                                  for (Event event : page) applyOnline(event, Origin.REPLAY);
                                  return null;
                                },
                                false))
                    .onSuccess(
                        count -> {
                          LOG.info(
                              "Profiles rebuilt from {} events in {} ms: {} shoppers",
                              count,
                              (System.nanoTime() - started) / 1_000_000,
                              core.profileCount());
                          tail.start(horizon);
                        }))
        .onComplete(x -> replayed.tryComplete())
        .compose(count -> evictIdle())
        .mapEmpty();
  }

  /** Drops idle profiles and keeps the bound; on a worker. */
  Future<Integer> evictIdle() {
    return vertx.executeBlocking(
        () -> {
          int evicted = core.evictProfiles(clock.instant());
          if (evicted > 0)
            LOG.info("Evicted {} idle shopper profiles; {} remain", evicted, core.profileCount());
          return evicted;
        },
        false);
  }

  /**
   * Stops accepting; completes when everything accepted before is committed and applied (or, if the
   * log cannot be read, a few seconds later).
   */
  Future<Void> close() {
    return log.close().transform(x -> tail.stop(STOP_PATIENCE));
  }

  /** How long a stop waits for the tail to apply what this node stored. */
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(5);

  private void applyOnline(Event event, Origin origin) {
    core.apply(event, origin);
    evictIfOverBound();
  }

  /**
   * The minute's eviction is too late when new shoppers arrive by the ten thousand a second: past a
   * tenth over the bound, evict now, one eviction at a time on a worker, and look again when it is
   * done (shoppers kept arriving meanwhile). Not logged: under such a load it would be every
   * second; the vitrina_profiles gauge shows it.
   */
  private void evictIfOverBound() {
    if (!core.profilesOverBound() || !evicting.compareAndSet(false, true)) return;
    vertx
        .executeBlocking(core::evictBeyondBound, false)
        .onComplete(
            x -> {
              evicting.set(false);
              evictIfOverBound();
            });
  }
}
