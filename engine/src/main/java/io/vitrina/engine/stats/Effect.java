package io.vitrina.engine.stats;

/**
 * The effect of a treatment arm against the control for one metric: the point estimate and its
 * standard error on the given scale, the two-sided interval at level 1 − α, the p-value of "no
 * effect", and how they were obtained.
 *
 * @param scale absolute (treatment − control) or relative ((treatment − control) / |control|)
 * @param estimate the point estimate and its standard error
 * @param interval the two-sided confidence interval (always-valid when the inference is sequential)
 * @param pValue the two-sided p-value of a zero effect
 * @param inference the method, α and degrees of freedom behind the interval and p-value
 */
public record Effect(
    Scale scale,
    Effect.Estimate estimate,
    Effect.Interval interval,
    double pValue,
    Inference inference)
    implements Outcome {

  /** A point estimate and its standard error. */
  public record Estimate(double value, double standardError) {}

  /** A closed interval [low, high]. */
  public record Interval(double low, double high) {
    public boolean contains(double value) {
      return low <= value && value <= high;
    }
  }

  /**
   * How the interval and p-value were obtained.
   *
   * @param method fixed-horizon Student t, or a sequential (always-valid) confidence sequence
   * @param alpha the level: the interval covers with probability 1 − α
   * @param degreesOfFreedom the Welch–Satterthwaite degrees of freedom (the t quantiles use them; a
   *     sequential interval, asymptotically normal, does not)
   */
  public record Inference(Method method, double alpha, double degreesOfFreedom) {}

  /** How an interval is valid. */
  public enum Method {
    /** Valid when looked at once, at the planned end: Student t with Welch's degrees of freedom. */
    FIXED_HORIZON,
    /**
     * Valid however often it is looked at: gbstats' asymptotic confidence sequence (Waudby-Smith et
     * al.), wider than the fixed-horizon interval.
     */
    SEQUENTIAL
  }

  /** Whether the interval excludes zero (for either method, the same as p-value < α). */
  public boolean significant() {
    return !interval.contains(0);
  }

  /** Whether the interval is sequential (always valid) rather than fixed-horizon. */
  public boolean sequential() {
    return inference.method() == Method.SEQUENTIAL;
  }
}
