package io.vitrina.engine.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The cases of GrowthBook's packages/shared/test/experiments.test.ts, "pvalue correction". */
class PValueAdjustmentTest {

  @Test
  void holmBonferroniIsGrowthBooksOwnAndKeepsTheInputOrder() {
    double[] adjusted = PValueAdjustment.holm(0.01, 0.04, 0.03, 0.005, 0.55, 0.6);
    // GrowthBook lists them sorted, [0.03, 0.05, 0.12, 0.12, 1, 1] for inputs [3, 0, 2, 1, 4, 5].
    assertArrayEquals(new double[] {0.05, 0.12, 0.12, 0.03, 1, 1}, adjusted, 1e-12);
  }

  @Test
  void benjaminiHochbergIsGrowthBooksOwnAndKeepsTheInputOrder() {
    double[] adjusted =
        PValueAdjustment.benjaminiHochberg(0.898, 0.138, 0.007, 0.964, 0.538, 0.006, 0.138);
    // GrowthBook: [0.964, 0.964, 0.7532, 0.2415, 0.2415, 0.0245, 0.0245] for [3, 0, 4, 1, 6, 2, 5].
    assertArrayEquals(
        new double[] {0.964, 0.2415, 0.0245, 0.964, 0.7532, 0.0245, 0.2415}, adjusted, 1e-8);
  }

  @Test
  void twoPValuesAdjustAsGrowthBookAdjustsAResultsTable() {
    assertArrayEquals(new double[] {0.05, 0.05}, PValueAdjustment.holm(0.025, 0.03), 1e-12);
    assertArrayEquals(
        new double[] {0.03, 0.03}, PValueAdjustment.benjaminiHochberg(0.025, 0.03), 1e-12);
  }

  @Test
  void adjustedPValuesAreCappedAt1() {
    assertArrayEquals(new double[] {1, 1, 1}, PValueAdjustment.holm(0.5, 0.6, 0.9), 0);
  }

  @Test
  void benjaminiHochbergNeverLowersTheLargestPValue() {
    assertArrayEquals(
        new double[] {0.95, 0.95}, PValueAdjustment.benjaminiHochberg(0.9, 0.95), 1e-12);
  }

  @Test
  void noPValuesGiveNoAdjustmentsAndInvalidOnesAreRefused() {
    assertEquals(0, PValueAdjustment.holm().length);
    assertThrows(IllegalArgumentException.class, () -> PValueAdjustment.holm(0.1, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> PValueAdjustment.benjaminiHochberg(1.5));
  }
}
