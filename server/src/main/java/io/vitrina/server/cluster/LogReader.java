package io.vitrina.server.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node reads a shared log: one read at a time, another right after when woken during a read
 * or when a read was full, and a poll as the backstop for a wake-up that never came (a notification
 * missed while the listening session was down). A failed read is logged and the next one tries
 * again. Its timers run on a context of its own: one set from a request's event loop would die with
 * the HTTP verticle when a stop undeploys it first.
 */
public final class LogReader {
  private static final Logger LOG = LoggerFactory.getLogger(LogReader.class);

  private final Vertx vertx;
  private final Context context;
  private final String what;
  private final Duration poll;
  private final Supplier<Future<Boolean>> read;
  private final AtomicBoolean reading = new AtomicBoolean();
  private volatile boolean again;
  private volatile boolean started;
  private volatile boolean stopped;
  private volatile long timer = -1;

  /**
   * @param what the log, for the warning when a read fails
   * @param read one read; true when there may be more to read at once
   */
  public LogReader(Vertx vertx, String what, Duration poll, Supplier<Future<Boolean>> read) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.what = what;
    this.poll = poll;
    this.read = read;
  }

  /** Reads now, and on every poll from now on. */
  public void start() {
    started = true;
    context.runOnContext(
        x -> {
          timer = vertx.setPeriodic(poll.toMillis(), id -> wake());
          wake();
        });
  }

  /** Reads now, or right after the read under way; nothing before the start or after the stop. */
  public void wake() {
    again = true;
    if (!started || stopped || !reading.compareAndSet(false, true)) return;
    again = false;
    Future<Boolean> next;
    try {
      next = read.get();
    } catch (RuntimeException e) {
      next = Future.failedFuture(e);
    }
    next.onComplete(
        result -> {
          if (result.failed())
            LOG.warn("Reading {} failed (next try soon): {}", what, result.cause().toString());
          reading.set(false);
          if (again || (result.succeeded() && result.result())) wake();
        });
  }

  /** Runs {@code step} after {@code delay}, on the reader's own context. */
  public void after(Duration delay, Runnable step) {
    context.runOnContext(x -> vertx.setTimer(Math.max(1, delay.toMillis()), id -> step.run()));
  }

  /** Reads no more; a read under way finishes. */
  public void stop() {
    stopped = true;
    long id = timer;
    if (id >= 0) vertx.cancelTimer(id);
  }
}
