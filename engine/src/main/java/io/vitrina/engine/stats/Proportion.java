package io.vitrina.engine.stats;

/**
 * The share of units with a hit (shoppers who ordered, sessions with a click): {@code hits / n},
 * with the binomial variance p(1 − p), as gbstats computes it.
 *
 * @param n the number of units
 * @param hits how many of them had a hit
 */
public record Proportion(long n, long hits) implements ArmSummary<Proportion>, MeanSummary {
  /** No units yet. */
  public static final Proportion EMPTY = new Proportion(0, 0);

  public Proportion {
    if (n < 0 || hits < 0 || hits > n) {
      throw new IllegalArgumentException("need 0 <= hits <= n, got " + hits + " of " + n);
    }
  }

  /** This summary with one more unit, which had a hit or not. */
  public Proportion add(boolean hit) {
    return new Proportion(n + 1, hits + (hit ? 1 : 0));
  }

  /**
   * This summary with one more unit of value 0 (no hit) or 1 (a hit); any other value is refused.
   */
  @Override
  public Proportion add(double value) {
    if (value != 0 && value != 1) {
      throw new IllegalArgumentException("a proportion counts 0 or 1, got " + value);
    }
    return add(value == 1);
  }

  @Override
  public Proportion plus(Proportion other) {
    return new Proportion(n + other.n, hits + other.hits);
  }

  @Override
  public double sum() {
    return hits;
  }

  /** The sum of squares of 0/1 values is their sum. */
  @Override
  public double sumSquares() {
    return hits;
  }

  @Override
  public double mean() {
    return n == 0 ? 0 : (double) hits / n;
  }

  @Override
  public double variance() {
    double p = mean();
    return p * (1 - p);
  }
}
