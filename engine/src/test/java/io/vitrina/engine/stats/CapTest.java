package io.vitrina.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CapTest {

  @Test
  void theCapIsTheInterpolatedPercentileOfTheNonZeroValues() {
    // Non-zero values 10, 20, ..., 100: rank 0.9 × 9 = 8.1, between 90 and 100.
    double[] values = {0, 0, 0, 50, 10, 100, 0, 30, 20, 40, 60, 70, 80, 90, 0};
    Cap cap = Cap.atPercentile(values, 0.9);
    assertEquals(91, cap.value(), 1e-9);
    assertEquals(0.9, cap.percentile());
    // The zeros do not drag it down: counting them, the 90th percentile would be 86.
    assertEquals(100, Cap.atPercentile(values, 1).value());
  }

  @Test
  void valuesAboveTheCapCountAsTheCap() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i + 1;
    }
    values[99] = 1_000_000;
    Cap cap = Cap.atPercentile(values, 0.99);
    assertEquals(99 + 0.01 * (1_000_000 - 99), cap.value(), 1e-6);
    assertEquals(cap.value(), cap.apply(1_000_000));
    assertEquals(42, cap.apply(42));

    SampleMean capped = cap.capped(values);
    assertEquals(100, capped.n());
    assertEquals(99 * 100 / 2.0 + cap.value(), capped.sum(), 1e-6);
  }

  @Test
  void withNothingButZerosThereIsNothingToCap() {
    Cap cap = Cap.atPercentile(new double[] {0, 0, 0}, 0.99);
    assertEquals(Double.POSITIVE_INFINITY, cap.value());
    assertEquals(5, cap.apply(5));
  }

  @Test
  void aFixedCapSaysItIsNoPercentile() {
    Cap cap = Cap.at(500);
    assertEquals(500, cap.apply(800));
    assertEquals(Double.NaN, cap.percentile());
  }

  @Test
  void aPercentileOutsideTheUnitIntervalIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Cap.atPercentile(new double[] {1}, 0));
    assertThrows(IllegalArgumentException.class, () -> Cap.atPercentile(new double[] {1}, 99));
  }
}
