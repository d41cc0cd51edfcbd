package io.vitrina.server.http;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobPaceTest {
  /** Busy work of {@code millis}, stepping the pace between units of a tenth of a millisecond. */
  private static long wallNanosOf(long millis, JobPace pace) {
    long started = System.nanoTime();
    long workLeft = millis * 1_000_000;
    while (workLeft > 0) {
      long unit = System.nanoTime();
      while (System.nanoTime() - unit < 100_000) Thread.onSpinWait();
      workLeft -= System.nanoTime() - unit;
      pace.step();
    }
    return System.nanoTime() - started;
  }

  @Test
  void aScanAtAQuarterShareTakesAtLeastFourTimesItsWork() {
    long wall = wallNanosOf(20, JobPace.of(Duration.ofMillis(1), 0.25));
    assertTrue(wall >= 75_000_000, "20 ms of work at a quarter share took " + wall / 1e6 + " ms");
  }

  @Test
  void anUnpacedScanNeverSleeps() {
    long unpaced = wallNanosOf(20, JobPace.UNPACED);
    long paced = wallNanosOf(20, JobPace.of(Duration.ofMillis(1), 0.25));
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
