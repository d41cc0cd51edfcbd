package io.vitrina.engine.stats;

/** What the components of the compound metrics share: merging and covariance. */
final class MeanSummaries {
  private MeanSummaries() {}

  /** The merge of two components of the same kind. */
  static MeanSummary plus(MeanSummary a, MeanSummary b) {
    if (a instanceof SampleMean m && b instanceof SampleMean o) {
      return m.plus(o);
    }
    if (a instanceof Proportion p && b instanceof Proportion o) {
      return p.plus(o);
    }
    throw new IllegalArgumentException(
        "cannot merge a "
            + a.getClass().getSimpleName()
            + " with a "
            + b.getClass().getSimpleName());
  }

  /**
   * The covariance of two per-unit values over the same n units, from their sums and the sum of
   * their products. Two proportions use the population form, as their variance p(1 − p) does (so
   * the pair's covariance matrix stays consistent); anything else the sample form with n − 1, as
   * gbstats does.
   */
  static double covariance(MeanSummary a, MeanSummary b, double sumOfProducts) {
    long n = a.n();
    if (n <= 1) {
      return 0;
    }
    if (a instanceof Proportion && b instanceof Proportion) {
      return sumOfProducts / n - a.sum() * b.sum() / ((double) n * n);
    }
    return (sumOfProducts - a.sum() * b.sum() / n) / (n - 1);
  }

  static void requireSameUnits(MeanSummary a, MeanSummary b) {
    if (a.n() != b.n()) {
      throw new IllegalArgumentException(
          "both components must cover the same units, got n " + a.n() + " and " + b.n());
    }
  }
}
