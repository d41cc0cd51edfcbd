package io.vitrina.server.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vitrina.server.http.Job;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configuration kept in PostgreSQL (a capability's blocks, experiments, campaigns) as every
 * node holds it in memory: an immutable snapshot that readers take whole, replaced whole by a
 * reload that reads the configuration's table again, the way Lucene's {@code SearcherManager} swaps
 * searchers. Made by {@link LiveConfigurations#of}, which also has every node reload it when any
 * node saves it.
 *
 * <p>Reloads run one at a time, each reading after the previous one swapped. So each snapshot holds
 * every save the one before held (a statement sees every transaction that committed before it
 * started), and a reload that asks while another runs gets the next one, which starts after it
 * asked. A node that saved waits for {@link #reload()} before it answers: that reload starts after
 * the commit, so it holds the save, and no later swap can hold less. This needs no version column
 * and treats deletions like any change; a reload reads the whole table, which suits configuration
 * (a few hundred rows, changed by people), not catalogs.
 *
 * @param <T> the snapshot: immutable, readable from any thread
 */
public final class LiveConfiguration<T> {
  private static final Logger LOG = LoggerFactory.getLogger(LiveConfiguration.class);

  /**
   * How often every node reloads anyway: the backstop for a reload that failed and for the time the
   * listening session is down (its resubscription reloads too).
   */
  public static final Duration POLL_EVERY = Duration.ofSeconds(30);

  private final ConfigurationNotice notice;
  private final Supplier<Future<T>> read;
  private final Object lock = new Object();
  private volatile T current;

  /** Whether a reload is reading or swapping now; guarded by {@link #lock}. */
  private boolean reloading;

  /**
   * The callers who asked while a reload ran, all served by the one that starts next; guarded by
   * {@link #lock}.
   */
  private Promise<Void> waiting;

  LiveConfiguration(ConfigurationNotice notice, Supplier<Future<T>> read, T empty) {
    this.notice = notice;
    this.read = read;
    this.current = empty;
  }

  /** The configuration's name, as its notices give it. */
  public String name() {
    return notice.configuration();
  }

  /** The snapshot now: take it once per use, so that one use sees one configuration. */
  public T current() {
    return current;
  }

  /**
   * What a statement saving this configuration notifies, so that every other node reloads it when
   * the save commits.
   */
  public ConfigurationNotice notice() {
    return notice;
  }

  /**
   * Reads the configuration and swaps it in; completes once a read that started after this call has
   * been swapped in (or failed: the snapshot stays as it was).
   */
  public Future<Void> reload() {
    Promise<Void> mine;
    synchronized (lock) {
      if (reloading) {
        if (waiting == null) waiting = Promise.promise();
        return waiting.future();
      }
      reloading = true;
      mine = Promise.promise();
    }
    run(mine);
    return mine.future();
  }

  private void run(Promise<Void> done) {
    Future<T> reading;
    try {
      reading = read.get();
    } catch (RuntimeException e) {
      reading = Future.failedFuture(e);
    }
    reading.onComplete(
        result -> {
          if (result.succeeded()) current = result.result();
          Promise<Void> next;
          synchronized (lock) {
            next = waiting;
            waiting = null;
            reloading = next != null;
          }
          if (result.succeeded()) done.complete();
          else done.fail(result.cause());
          if (next != null) run(next);
        });
  }

  /**
   * After a change of this configuration committed: {@code result} once this node serves it (the
   * reload reads after the commit). The change is stored either way, so a failed reload does not
   * fail the request that made it; the poll brings it.
   */
  public <R> Future<R> servedAfterChange(R result) {
    return reload()
        .transform(
            reloaded -> {
              if (reloaded.failed())
                LOG.warn(
                    "A change of {} is stored but not yet served here: {}",
                    name(),
                    reloaded.cause().getMessage());
              return Future.succeededFuture(result);
            });
  }

  /** The slow poll that reloads on every node whatever the notices said. */
  public Job poll() {
    // The scheduler logs a failed run.
    return Job.onEveryNode(name() + " reload", POLL_EVERY, this::reload);
  }
}
