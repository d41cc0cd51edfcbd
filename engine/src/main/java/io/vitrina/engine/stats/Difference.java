package io.vitrina.engine.stats;

/**
 * The moments of one arm's effect against the control before any test is applied: the point
 * estimate on its scale, its variance, the Welch–Satterthwaite degrees of freedom of the two arms,
 * and how many units both arms hold together (the sample size a sequential interval is tuned for).
 * A metric type computes it in {@link ArmSummary#differenceFrom}; {@link TwoSidedTest#evaluate}
 * turns it into an {@link Effect}.
 *
 * @param estimate the point estimate: treatment − control, or that over |control|
 * @param variance the variance of the estimate (its standard error squared)
 * @param degreesOfFreedom the Welch–Satterthwaite degrees of freedom of the two arms
 * @param units the units of both arms together
 */
public record Difference(double estimate, double variance, double degreesOfFreedom, long units) {

  /** The standard error of the estimate. */
  public double standardError() {
    return Math.sqrt(variance);
  }

  /**
   * The difference of two independent arm means: treatment − control with variance Vt/nt + Vc/nc,
   * or on the relative scale (treatment − control) / |control| with the delta-method variance of
   * that ratio of two independent means (as gbstats' {@code frequentist_variance}).
   */
  public static Difference ofIndependentMeans(Summary control, Summary treatment, Scale scale) {
    double dof = welchDegreesOfFreedom(control, treatment);
    long units = control.n() + treatment.n();
    double meanC = control.mean();
    double meanT = treatment.mean();
    double errorC = control.variance() / control.n();
    double errorT = treatment.variance() / treatment.n();
    return switch (scale) {
      case ABSOLUTE -> new Difference(meanT - meanC, errorT + errorC, dof, units);
      case RELATIVE ->
          new Difference(
              (meanT - meanC) / Math.abs(meanC),
              varianceOfRatio(meanT, errorT, meanC, errorC, 0),
              dof,
              units);
    };
  }

  /**
   * The Welch–Satterthwaite degrees of freedom of two arms with unequal variances: (Vc/nc + Vt/nt)²
   * / ((Vc/nc)²/(nc − 1) + (Vt/nt)²/(nt − 1)).
   */
  public static double welchDegreesOfFreedom(Summary control, Summary treatment) {
    double errorC = control.variance() / control.n();
    double errorT = treatment.variance() / treatment.n();
    double total = errorC + errorT;
    return total
        * total
        / (errorC * errorC / (control.n() - 1) + errorT * errorT / (treatment.n() - 1));
  }

  /**
   * The delta-method variance of M / D for a numerator M and a denominator D with the given means,
   * variances and covariance; 0 when D's mean is 0.
   */
  static double varianceOfRatio(
      double meanM, double varianceM, double meanD, double varianceD, double covariance) {
    if (meanD == 0) {
      return 0;
    }
    double meanD2 = meanD * meanD;
    return varianceM / meanD2
        + varianceD * meanM * meanM / (meanD2 * meanD2)
        - 2 * covariance * meanM / (meanD2 * meanD);
  }
}
