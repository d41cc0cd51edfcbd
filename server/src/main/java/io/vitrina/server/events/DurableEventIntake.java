package io.vitrina.server.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.signal.Event;
import io.vitrina.server.async.CallerContext;
import io.vitrina.server.metrics.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventIntake}: group commit to PostgreSQL through the {@link EventLog}, then the
 * serving core's online state, for the events that were new. At start the core is rebuilt from the
 * stored events, so memory only ever holds what PostgreSQL holds. Events that named items the
 * catalog lacked are settled with {@link ArrivingItems}.
 */
public final class DurableEventIntake implements EventIntake {
  private static final Logger LOG = LoggerFactory.getLogger(DurableEventIntake.class);

  private final Vertx vertx;
  private final EventLog log;
  private final EventHistory history;
  private final ServingCore core;
  private final ArrivingItems arrivals;
  private final Clock clock;
  private final AtomicBoolean evicting = new AtomicBoolean();

  public DurableEventIntake(
      Vertx vertx,
      EventLog log,
      EventHistory history,
      ServingCore core,
      ArrivingItems arrivals,
      Clock clock) {
    this.vertx = vertx;
    this.log = log;
    this.history = history;
    this.core = core;
    this.arrivals = arrivals;
    this.clock = clock;
  }

  void registerGauges(Metrics metrics) {
    metrics.gauge("vitrina_profiles", "shopper profiles in memory", core::profileCount);
    metrics.gauge(
        "vitrina_events_pending", "accepted events waiting for their group commit", log::pending);
    metrics.gauge(
        "vitrina_events_written", "events committed to PostgreSQL since start", log::written);
    metrics.gauge("vitrina_event_commits", "group commits since start", log::commits);
  }

  @Override
  public Future<EventLog.Appended> append(Collection<Event> accepted, Set<String> unknownItems) {
    return CallerContext.completeOnCaller(
        vertx, log.append(List.copyOf(accepted), unknownItems).onSuccess(this::applyNew));
  }

  private void applyNew(EventLog.Appended appended) {
    List<Event> added = appended.added();
    for (int i = 0; i < added.size(); i++) {
      applyOnline(added.get(i));
      EventLog.Awaiting awaiting = appended.awaiting().get(i);
      if (awaiting != null) arrivals.applied(awaiting);
    }
  }

  /** Rebuilds profiles and popularity from the stored events of the profile window; at start. */
  Future<Void> replay() {
    long started = System.nanoTime();
    Instant since = core.replaySince(clock.instant());
    return history
        .forEachPage(
            since,
            page ->
                vertx.executeBlocking(
                    () -> {
                      page.forEach(this::applyOnline);
                      return null;
                    },
                    false))
        .onSuccess(
            count ->
                LOG.info(
                    "Profiles rebuilt from {} events in {} ms: {} shoppers",
                    count,
                    (System.nanoTime() - started) / 1_000_000,
                    core.profileCount()))
        .compose(count -> arrivals.settleAfterReplay(since))
        .compose(count -> evictIdle())
        .mapEmpty();
  }

  /** Forgets event lines that await items, of events older than the profiles hold. */
  Future<Integer> forgetOldAwaitedLines() {
    return arrivals
        .forgetOlderThan(core.replaySince(clock.instant()))
        .onFailure(e -> LOG.warn("Forgetting old event lines that await items failed", e));
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

  /** Stops accepting; completes when everything accepted before is committed. */
  Future<Void> close() {
    return log.close();
  }

  private void applyOnline(Event event) {
    core.apply(event);
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
