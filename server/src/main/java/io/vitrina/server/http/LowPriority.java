package io.vitrina.server.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work (model builds, the popularity refresh, content neighbours, the minute's scans and
 * the common pool their parallel parts run on) at the operating system's lowest priority, so that
 * on a busy core the request threads take their turn first and the background takes what they
 * leave. On one core at 70% of its maximum, the background at the default priority put arrivals in
 * a queue for seconds (p95 597 ms in an open model); at the lowest, p95 7 ms. On an idle machine
 * the background runs as fast as before: a priority, unlike a pace, wastes no idle time.
 *
 * <p>Linux only, where the nice value is a thread's own: a thread lowers itself once, by {@code
 * renice} of its own thread id (read from {@code /proc/thread-self}; Java 21 has no stable call for
 * {@code setpriority}). Raising it back would need privileges, so a thread once lowered stays
 * lowered, and only pools that run background work alone are lowered. Elsewhere, or without {@code
 * renice}, nothing changes.
 */
public final class LowPriority {
  private static final Logger LOG = LoggerFactory.getLogger(LowPriority.class);

  /** The lowest nice value. */
  static final int NICEST = 19;

  /** Where the calling thread's id can be read: Linux. */
  private static final Path THREAD_SELF = Path.of("/proc/thread-self");

  private static final boolean SUPPORTED = Files.isSymbolicLink(THREAD_SELF);

  private static final ThreadLocal<Boolean> LOWERED = ThreadLocal.withInitial(() -> false);

  private LowPriority() {}

  /**
   * A pool of its own for background work, shared by {@code name}: every task it runs lowers its
   * thread first. Nothing else may run on it, since its threads stay lowered.
   *
   * @param longestTask how long one task may run before Vert.x warns that it blocks its thread
   */
  public static Workers workers(Vertx vertx, String name, int threads, Duration longestTask) {
    return new Workers(
        vertx.createSharedWorkerExecutor(
            name, threads, longestTask.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** Background workers (see {@link #workers}). */
  public static final class Workers {
    private final WorkerExecutor executor;

    private Workers(WorkerExecutor executor) {
      this.executor = executor;
    }

    /** Runs {@code work} on a lowered thread, in no particular order with other tasks. */
    public <T> Future<T> run(Callable<T> work) {
      return executor.executeBlocking(
          () -> {
            lowerThisThread();
            return work.call();
          },
          false);
    }

    public Future<Void> close() {
      return executor.close();
    }
  }

  /** Lowers the calling thread to the lowest priority, once; false where the system cannot. */
  static boolean lowerThisThread() {
    if (LOWERED.get()) return true;
    if (!SUPPORTED) return false;
    try {
      // "<pid>/task/<tid>"
      String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
      Process renice =
          new ProcessBuilder("renice", "-n", Integer.toString(NICEST), "-p", tid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      boolean lowered = renice.waitFor(10, TimeUnit.SECONDS) && renice.exitValue() == 0;
      if (!lowered) LOG.debug("renice failed for {}", Thread.currentThread().getName());
      LOWERED.set(lowered);
      return lowered;
    } catch (IOException e) {
      LOG.debug("renice failed: {}", e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Makes the common fork-join pool's threads low-priority, unless the JVM was given its own
   * factory. Call first thing at start: the pool reads the property when first used. Only
   * background work runs there (parallel decoding of segments, a model's rewrite and training).
   */
  public static void lowerCommonPool() {
    if (SUPPORTED)
      System.getProperties()
          .putIfAbsent(
              "java.util.concurrent.ForkJoinPool.common.threadFactory",
              CommonPoolThreads.class.getName());
  }

  /** The common pool's threads, each lowered as it starts. */
  public static final class CommonPoolThreads implements ForkJoinPool.ForkJoinWorkerThreadFactory {
    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
      return new ForkJoinWorkerThread(null, pool, true) {
        @Override
        protected void onStart() {
          super.onStart();
          lowerThisThread();
        }
      };
    }
  }
}
