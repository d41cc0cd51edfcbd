package io.vitrina.engine.stats;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Adjusts the p-values of many comparisons at once (several arms, several metrics) so that reading
 * each against α keeps the error of the whole family in check, as GrowthBook's {@code
 * adjustPValuesHolmBonferroni} and {@code adjustPValuesBenjaminiHochberg} do. Both take the
 * p-values in any order and return the adjusted p-values <b>in the same order as the input</b> (the
 * i-th result adjusts the i-th p-value), each capped at 1.
 */
public final class PValueAdjustment {
  private PValueAdjustment() {}

  /**
   * Holm–Bonferroni: controls the family-wise error rate (the chance of any false positive). Sorted
   * ascending, the k-th smallest (from 0) of m p-values becomes p × (m − k), then each is raised to
   * at least the one before it.
   */
  public static double[] holm(double... pValues) {
    int m = pValues.length;
    int[] ascending = order(pValues, Comparator.naturalOrder());
    double[] adjusted = new double[m];
    double runningMax = 0;
    for (int k = 0; k < m; k++) {
      int index = ascending[k];
      runningMax = Math.max(runningMax, Math.min(pValues[index] * (m - k), 1));
      adjusted[index] = runningMax;
    }
    return adjusted;
  }

  /**
   * Benjamini–Hochberg: controls the false discovery rate (the expected share of false positives
   * among the significant). Sorted descending, the k-th largest (from 0) of m p-values becomes p ×
   * m / (m − k), then each is lowered to at most the one before it.
   */
  public static double[] benjaminiHochberg(double... pValues) {
    int m = pValues.length;
    int[] descending = order(pValues, Comparator.reverseOrder());
    double[] adjusted = new double[m];
    double runningMin = 1;
    for (int k = 0; k < m; k++) {
      int index = descending[k];
      runningMin = Math.min(runningMin, Math.min(pValues[index] * m / (m - k), 1));
      adjusted[index] = runningMin;
    }
    return adjusted;
  }

  private static int[] order(double[] pValues, Comparator<Double> direction) {
    for (double p : pValues) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("p-values must be in [0, 1], got " + p);
      }
    }
    return IntStream.range(0, pValues.length)
        .boxed()
        .sorted(Comparator.comparing(i -> pValues[i], direction))
        .mapToInt(Integer::intValue)
        .toArray();
  }
}
