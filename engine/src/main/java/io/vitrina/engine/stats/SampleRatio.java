package io.vitrina.engine.stats;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * The sample-ratio-mismatch check: Pearson's chi-square test of the units observed in each arm
 * against the split the experiment was configured with (gbstats' {@code check_srm}). A mismatch
 * means assignment or logging is broken, and no effect of the experiment should be trusted.
 *
 * @param chiSquare Pearson's statistic Σ (observed − expected)² / expected
 * @param degreesOfFreedom the number of arms − 1
 * @param pValue the probability of a statistic at least this large were the split as configured
 */
public record SampleRatio(double chiSquare, int degreesOfFreedom, double pValue) {
  /** The p-value below which a split is flagged, GrowthBook's default. */
  public static final double MISMATCH_THRESHOLD = 0.001;

  /**
   * Checks the observed units per arm against the configured weights (any positive scale: 50/50,
   * 0.5/0.5 and 1/1 are the same split). An arm of weight 0 adds nothing to the statistic but still
   * counts in the degrees of freedom, as in gbstats; no units at all is no evidence (p = 1).
   */
  public static SampleRatio check(long[] observed, double[] weights) {
    if (observed.length != weights.length || observed.length < 2) {
      throw new IllegalArgumentException(
          "need one weight per arm and at least two arms, got "
              + observed.length
              + " counts and "
              + weights.length
              + " weights");
    }
    long total = 0;
    double totalWeight = 0;
    for (int arm = 0; arm < observed.length; arm++) {
      if (observed[arm] < 0 || !(weights[arm] >= 0)) {
        throw new IllegalArgumentException("counts and weights must not be negative");
      }
      total += observed[arm];
      totalWeight += weights[arm];
    }
    if (!(totalWeight > 0)) {
      throw new IllegalArgumentException("at least one weight must be positive");
    }
    int dof = observed.length - 1;
    if (total == 0) {
      return new SampleRatio(0, dof, 1);
    }
    double chiSquare = 0;
    for (int arm = 0; arm < observed.length; arm++) {
      if (weights[arm] > 0) {
        double expected = weights[arm] / totalWeight * total;
        double deviation = observed[arm] - expected;
        chiSquare += deviation * deviation / expected;
      }
    }
    double pValue = 1 - new ChiSquaredDistribution(null, dof).cumulativeProbability(chiSquare);
    return new SampleRatio(chiSquare, dof, pValue);
  }

  /** Whether the split is flagged at GrowthBook's threshold, p < 0.001. */
  public boolean mismatched() {
    return mismatched(MISMATCH_THRESHOLD);
  }

  /** Whether the split is flagged at the given threshold. */
  public boolean mismatched(double threshold) {
    return pValue < threshold;
  }
}
