package io.vitrina.engine.stats;

/**
 * A ratio of two per-unit totals over the same units: average order value (revenue / orders),
 * click-through rate (clicks / impressions), items per order. The unit stays the shopper, so the
 * numerator and denominator of one shopper are correlated; the variance of the ratio comes by the
 * delta method from both means, both variances and their covariance, which is why the sum of the
 * per-unit products is kept.
 *
 * @param numerator the per-unit numerator values (revenue of each shopper)
 * @param denominator the per-unit denominator values (orders of each shopper), over the same units
 * @param sumOfProducts the sum over units of numerator × denominator
 */
public record Ratio(MeanSummary numerator, MeanSummary denominator, double sumOfProducts)
    implements ArmSummary<Ratio> {
  /** No units yet, both components plain sample means. */
  public static final Ratio EMPTY = new Ratio(SampleMean.EMPTY, SampleMean.EMPTY, 0);

  public Ratio {
    MeanSummaries.requireSameUnits(numerator, denominator);
  }

  /** This summary with one more unit of the given numerator and denominator values. */
  public Ratio add(double numeratorValue, double denominatorValue) {
    return new Ratio(
        numerator.add(numeratorValue),
        denominator.add(denominatorValue),
        sumOfProducts + numeratorValue * denominatorValue);
  }

  @Override
  public Ratio plus(Ratio other) {
    return new Ratio(
        MeanSummaries.plus(numerator, other.numerator),
        MeanSummaries.plus(denominator, other.denominator),
        sumOfProducts + other.sumOfProducts);
  }

  @Override
  public long n() {
    return numerator.n();
  }

  /** Σ numerator / Σ denominator; 0 while the denominator sums to 0. */
  @Override
  public double mean() {
    return denominator.sum() == 0 ? 0 : numerator.sum() / denominator.sum();
  }

  /** The covariance of the per-unit numerator and denominator. */
  public double covariance() {
    return MeanSummaries.covariance(numerator, denominator, sumOfProducts);
  }

  /** The per-unit delta-method variance of the ratio; 0 while it is not defined. */
  @Override
  public double variance() {
    if (denominator.mean() == 0 || n() <= 1) {
      return 0;
    }
    return Difference.varianceOfRatio(
        numerator.mean(),
        numerator.variance(),
        denominator.mean(),
        denominator.variance(),
        covariance());
  }
}
