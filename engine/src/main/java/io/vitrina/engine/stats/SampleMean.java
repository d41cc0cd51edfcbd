package io.vitrina.engine.stats;

/**
 * The mean of a per-unit value (revenue per shopper, orders per shopper) from {@code n}, the sum
 * and the sum of squares, with the sample variance (n − 1).
 *
 * @param n the number of units
 * @param sum the sum of their values
 * @param sumSquares the sum of the squares of their values
 */
public record SampleMean(long n, double sum, double sumSquares)
    implements ArmSummary<SampleMean>, MeanSummary {
  /** No units yet. */
  public static final SampleMean EMPTY = new SampleMean(0, 0, 0);

  public SampleMean {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, got " + n);
    }
  }

  /** The summary of the given per-unit values. */
  public static SampleMean of(double... values) {
    SampleMean summary = EMPTY;
    for (double value : values) {
      summary = summary.add(value);
    }
    return summary;
  }

  @Override
  public SampleMean add(double value) {
    return new SampleMean(n + 1, sum + value, sumSquares + value * value);
  }

  @Override
  public SampleMean plus(SampleMean other) {
    return new SampleMean(n + other.n, sum + other.sum, sumSquares + other.sumSquares);
  }

  @Override
  public double mean() {
    return n == 0 ? 0 : sum / n;
  }

  @Override
  public double variance() {
    return n <= 1 ? 0 : (sumSquares - sum * sum / n) / (n - 1);
  }
}
