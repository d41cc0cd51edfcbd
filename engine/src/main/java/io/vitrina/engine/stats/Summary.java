package io.vitrina.engine.stats;

/**
 * What a test needs from one arm for one metric: how many units (shoppers) it has, the per-unit
 * estimate, and the per-unit variance of that estimate, so that the standard error of {@link
 * #mean()} is {@code sqrt(variance() / n())}.
 */
public interface Summary {
  /** The number of units (shoppers) the summary covers. */
  long n();

  /** The per-unit estimate: a mean, a share, or a ratio of two means. */
  double mean();

  /** The per-unit variance of {@link #mean()}; {@code variance() / n()} is its squared error. */
  double variance();
}
