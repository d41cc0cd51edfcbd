package io.vitrina.engine.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The frequentist two-sided test of a treatment arm against the control, as gbstats' {@code
 * TwoSidedTTest} and {@code SequentialTwoSidedTTest}: one fixed-horizon (Student t with
 * Welch–Satterthwaite degrees of freedom) or sequential (an asymptotic confidence sequence that
 * stays valid under continuous peeking, tuned for an expected total sample size N*).
 *
 * <pre>{@code
 * Outcome outcome = TwoSidedTest.fixedHorizon().compare(control, treatment, Scale.RELATIVE);
 * }</pre>
 */
public final class TwoSidedTest {
  /** The default level: 95 % intervals. */
  public static final double DEFAULT_ALPHA = 0.05;

  /** gbstats' default N*: the total units over both arms the sequential interval is tightest at. */
  public static final double DEFAULT_SEQUENTIAL_TUNING = 5000;

  /** The t quantile is solved for; the solver's default accuracy (1e-9 absolute) is coarser. */
  private static final double QUANTILE_ACCURACY = 1e-12;

  private final Effect.Method method;
  private final double alpha;
  private final double sequentialRho;

  private TwoSidedTest(Effect.Method method, double alpha, double sequentialRho) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    this.method = method;
    this.alpha = alpha;
    this.sequentialRho = sequentialRho;
  }

  /** The fixed-horizon test at α = 0.05. */
  public static TwoSidedTest fixedHorizon() {
    return fixedHorizon(DEFAULT_ALPHA);
  }

  /** The fixed-horizon test at the given α. */
  public static TwoSidedTest fixedHorizon(double alpha) {
    return new TwoSidedTest(Effect.Method.FIXED_HORIZON, alpha, Double.NaN);
  }

  /** The sequential test at α = 0.05, tuned for N* = 5000 units over both arms. */
  public static TwoSidedTest sequential() {
    return sequential(DEFAULT_ALPHA, DEFAULT_SEQUENTIAL_TUNING);
  }

  /**
   * The sequential test at the given α, tuned for {@code tuning} = N*, the total units over both
   * arms expected by the end (the interval is tightest near it, valid at every size).
   */
  public static TwoSidedTest sequential(double alpha, double tuning) {
    if (!(tuning > 0)) {
      throw new IllegalArgumentException("the sequential tuning must be positive, got " + tuning);
    }
    return new TwoSidedTest(Effect.Method.SEQUENTIAL, alpha, rho(alpha, tuning));
  }

  public Effect.Method method() {
    return method;
  }

  public double alpha() {
    return alpha;
  }

  /**
   * Compares the treatment arm with the control arm on the given scale: the arm summaries' {@link
   * ArmSummary#differenceFrom difference}, {@link #evaluate evaluated}. Not computable while a
   * ratio's denominator is 0 over an arm, while an arm has no variance, or for a relative effect
   * while the control's mean is 0.
   */
  public <S extends ArmSummary<S>> Outcome compare(S control, S treatment, Scale scale) {
    if (noDenominator(control) || noDenominator(treatment)) {
      return new Outcome.NotComputable(Outcome.Reason.NO_DENOMINATOR);
    }
    if (!(control.variance() > 0) || !(treatment.variance() > 0)) {
      return new Outcome.NotComputable(Outcome.Reason.TOO_LITTLE_VARIANCE);
    }
    if (scale == Scale.RELATIVE && control.mean() == 0) {
      return new Outcome.NotComputable(Outcome.Reason.ZERO_BASELINE);
    }
    return evaluate(treatment.differenceFrom(control, scale), scale);
  }

  private static boolean noDenominator(ArmSummary<?> summary) {
    return summary instanceof Ratio r && r.n() > 0 && r.denominator().sum() == 0;
  }

  /** The interval and p-value of a difference already computed (for estimators of one's own). */
  public Outcome evaluate(Difference difference, Scale scale) {
    if (!(difference.variance() > 0) || !Double.isFinite(difference.estimate())) {
      return new Outcome.NotComputable(Outcome.Reason.TOO_LITTLE_VARIANCE);
    }
    Effect.Estimate estimate =
        new Effect.Estimate(difference.estimate(), difference.standardError());
    Effect.Inference inference = new Effect.Inference(method, alpha, difference.degreesOfFreedom());
    return method == Effect.Method.SEQUENTIAL
        ? sequentialEffect(difference, scale, estimate, inference)
        : fixedHorizonEffect(difference, scale, estimate, inference);
  }

  private Effect fixedHorizonEffect(
      Difference difference, Scale scale, Effect.Estimate estimate, Effect.Inference inference) {
    // No random generator: the distribution is only evaluated, never sampled.
    TDistribution t = new TDistribution(null, difference.degreesOfFreedom(), QUANTILE_ACCURACY);
    double statistic = estimate.value() / estimate.standardError();
    double pValue = 2 * (1 - t.cumulativeProbability(Math.abs(statistic)));
    double halfWidth = t.inverseCumulativeProbability(1 - alpha / 2) * estimate.standardError();
    return new Effect(scale, estimate, around(estimate.value(), halfWidth), pValue, inference);
  }

  /**
   * gbstats' two-sided asymptotic confidence sequence (eq. 9 of Waudby-Smith et al. 2023, arXiv
   * 2103.06476v7) over the n units of both arms, with s² = SE² × n, and its p-value as the inverse
   * of the mixture e-value (eq. 155), capped at 1.
   */
  private Effect sequentialEffect(
      Difference difference, Scale scale, Effect.Estimate estimate, Effect.Inference inference) {
    double n = difference.units();
    double rho2 = sequentialRho * sequentialRho;
    double nRho2Plus1 = n * rho2 + 1;
    double s2 = difference.variance() * n;
    double halfWidth =
        Math.sqrt(s2)
            * Math.sqrt(2 * nRho2Plus1 * Math.log(Math.sqrt(nRho2Plus1) / alpha) / (n * n * rho2));
    double zSquaredTimesN = estimate.value() * estimate.value() * n / difference.variance();
    double eValue = Math.exp(rho2 * zSquaredTimesN / (2 * nRho2Plus1)) / Math.sqrt(nRho2Plus1);
    double pValue = Math.min(1 / eValue, 1);
    return new Effect(scale, estimate, around(estimate.value(), halfWidth), pValue, inference);
  }

  /** ρ for N* (eq. 161 of the same paper): the mixture's width, tightest at n = N*. */
  private static double rho(double alpha, double tuning) {
    double logTerm = -2 * Math.log(alpha);
    return Math.sqrt((logTerm + Math.log(logTerm + 1)) / tuning);
  }

  private static Effect.Interval around(double centre, double halfWidth) {
    return new Effect.Interval(centre - halfWidth, centre + halfWidth);
  }
}
