package io.vitrina.server.http;

import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a job's long scan (every profile, once a minute) to a small share of a core, so that the
 * requests on the same core wait for it at most one slice. Without it, a scan of 1.5 s on a core
 * that served at 70% of its maximum took half the core for 3 s, and the arrivals queued behind it:
 * p99 1.6 s in an open model. The scan calls {@link #step} between two units of work (a profile);
 * once a slice of work has run, the worker sleeps long enough for the scan's share to stay {@code
 * share}. Work is the thread's CPU time, not the time passed: on a busy core a slice's time holds
 * the requests' turns too, and counting them stretched a scan of 1.3 s past a minute. A scan of
 * {@code t} of work thus takes about {@code t / share}.
 *
 * <p>One pace per run, stepped on one thread. Scans a caller waits for (an admin's change, the
 * start) run at {@link #UNPACED}. Paced scans run on {@link #workers}, not on the pool that
 * blocking request work shares.
 */
public final class JobPace {
  /** A scan's slice: the longest that the requests beside it wait for it. */
  public static final Duration SLICE = Duration.ofMillis(1);

  /** A scan's share of a core over its run. */
  public static final double SHARE = 0.1;

  /** Never sleeps: for scans someone waits for. */
  public static final JobPace UNPACED = new JobPace(Long.MAX_VALUE, 1);

  private final long sliceNanos;
  private final double restPerWork;

  /** The thread's CPU time when this slice began; from the first step, on the scan's thread. */
  private long sliceStarted = -1;

  private boolean interrupted;

  private JobPace(long sliceNanos, double share) {
    this.sliceNanos = sliceNanos;
    this.restPerWork = (1 - share) / share;
  }

  /** A pace of {@link #SHARE} in slices of {@link #SLICE}. */
  public static JobPace background() {
    return of(SLICE, SHARE);
  }

  /**
   * @param share of a core, more than 0 and at most 1 (1: never sleeps)
   */
  public static JobPace of(Duration slice, double share) {
    if (!(share > 0 && share <= 1))
      throw new IllegalArgumentException("a job's share must be in (0, 1], was " + share);
    return new JobPace(slice.toNanos(), share);
  }

  /** How long a paced scan may run before Vert.x warns that it blocks its worker. */
  static final Duration LONGEST_SCAN = Duration.ofMinutes(10);

  /**
   * The workers paced scans run on (two threads, shared by name): a scan of 6 s of work at a tenth
   * of a core takes a minute, the default workers' limit before Vert.x warns.
   */
  public static LowPriority.Workers workers(Vertx vertx) {
    return LowPriority.workers(vertx, "vitrina-paced-scans", 2, LONGEST_SCAN);
  }

  /** Between two units of work: sleeps when this slice has run its time. */
  public void step() {
    if (sliceNanos == Long.MAX_VALUE || interrupted) return;
    if (sliceStarted < 0) {
      sliceStarted = cpuNanos();
      return;
    }
    long ran = cpuNanos() - sliceStarted;
    if (ran < sliceNanos) return;
    rest((long) (ran * restPerWork));
    sliceStarted = cpuNanos();
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** The calling thread's CPU time, or the time passed where the JVM cannot tell it. */
  private static long cpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported()
        ? THREADS.getCurrentThreadCpuTime()
        : System.nanoTime();
  }

  private void rest(long nanos) {
    long until = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = until - System.nanoTime()) {
      LockSupport.parkNanos(this, left);
      if (Thread.currentThread().isInterrupted()) {
        // Closing: the scan finishes at full speed, and the flag stays for whoever checks it.
        interrupted = true;
        return;
      }
    }
  }
}
