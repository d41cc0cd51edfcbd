package io.vitrina.server.http;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobPaceTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Busy work of {@code millis} of this thread's CPU time (what the pace counts: on a busy machine
   * the time passed holds other threads' turns), stepping the pace between units of a tenth of a
   * millisecond; returns the time passed.
   */
  private static long wallNanosOf(long millis, JobPace pace) {
    long started = System.nanoTime();
    long cpuEnd = THREADS.getCurrentThreadCpuTime() + millis * 1_000_000;
    while (THREADS.getCurrentThreadCpuTime() < cpuEnd) {
      long unit = System.nanoTime();
      while (System.nanoTime() - unit < 100_000) Thread.onSpinWait();
      pace.step();
    }
    return System.nanoTime() - started;
  }

  @Test
  void aScanAtAQuarterShareRestsThreeTimesItsWork() {
    long wall = wallNanosOf(20, JobPace.of(Duration.ofMillis(1), 0.25));
    // Rests of three times each slice of at least 1 ms; the last slice, under 1 ms, is not rested.
    assertTrue(wall >= 20_000_000 + 3 * 19_000_000, "20 ms of work took " + wall / 1e6 + " ms");
  }

  @Test
  void anUnpacedScanNeverSleeps() {
    long unpaced = wallNanosOf(20, JobPace.UNPACED);
    // At a tenth, the 20 ms take at least 191 ms.
    long paced = wallNanosOf(20, JobPace.of(Duration.ofMillis(1), 0.1));
    assertTrue(unpaced < paced, "unpaced " + unpaced / 1e6 + " ms, paced " + paced / 1e6 + " ms");
  }

  @Test
  void anInterruptedScanGoesOnAtFullSpeedAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    try {
      long wall = wallNanosOf(20, JobPace.of(Duration.ofMillis(1), 0.01));
      // At a hundredth share the 20 ms would take 2 s: the interrupt ended the first rest.
      assertTrue(wall < 1_000_000_000L, "took " + wall / 1e6 + " ms");
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aShareOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> JobPace.of(Duration.ofMillis(1), 0));
    assertThrows(IllegalArgumentException.class, () -> JobPace.of(Duration.ofMillis(1), 1.5));
  }
}
