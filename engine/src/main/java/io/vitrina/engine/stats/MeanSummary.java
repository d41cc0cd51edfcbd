package io.vitrina.engine.stats;

/**
 * A per-unit mean from its sufficient statistics ({@code n}, {@code sum}, {@code sum of squares}):
 * the building block of the simple metrics and of the components of {@link Ratio} and {@link
 * RegressionAdjusted}. Two kinds, which differ only in their variance: a {@link SampleMean} of any
 * value (variance with n − 1) and a {@link Proportion} of 0/1 values (variance p(1 − p)).
 */
public sealed interface MeanSummary extends Summary permits SampleMean, Proportion {
  /** The sum of the units' values. */
  double sum();

  /** The sum of the squares of the units' values. */
  double sumSquares();

  /** This summary with one more unit of the given value. */
  MeanSummary add(double value);
}
