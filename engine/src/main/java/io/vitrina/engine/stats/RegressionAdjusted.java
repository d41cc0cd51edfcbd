package io.vitrina.engine.stats;

/**
 * A metric with CUPED regression adjustment: the metric over the experiment ({@code post}), the
 * same metric over a window before each unit's exposure ({@code pre}) as the covariate, and the sum
 * of their per-unit products. Since exposure is random, the pre-exposure value predicts the post
 * value equally in every arm, and subtracting θ × pre removes the part of the variance the
 * covariate explains without biasing the difference.
 *
 * <p>θ is not a property of one arm: {@link #theta} pools both arms' covariance and covariate
 * variance, as gbstats does, and {@link #differenceFrom} applies it to both. {@link #mean()} and
 * {@link #variance()} are therefore the unadjusted post-exposure ones; {@link #adjustment} says
 * which θ two arms get and how much of the variance of their difference it removes.
 *
 * @param post the per-unit metric after exposure
 * @param pre the same metric over the pre-exposure window, of the same kind and over the same units
 * @param postPreSumOfProducts the sum over units of post × pre
 */
public record RegressionAdjusted(MeanSummary post, MeanSummary pre, double postPreSumOfProducts)
    implements ArmSummary<RegressionAdjusted> {
  /** No units yet, both components plain sample means. */
  public static final RegressionAdjusted EMPTY =
      new RegressionAdjusted(SampleMean.EMPTY, SampleMean.EMPTY, 0);

  public RegressionAdjusted {
    if (post.getClass() != pre.getClass()) {
      throw new IllegalArgumentException("the covariate must be of the same kind as the metric");
    }
    MeanSummaries.requireSameUnits(post, pre);
  }

  /**
   * The adjustment two arms get.
   *
   * @param theta the pooled regression coefficient of post on pre
   * @param varianceReduction the share of the variance of the absolute difference it removes (0
   *     when it removes none, close to the squared correlation of post and pre otherwise)
   */
  public record Adjustment(double theta, double varianceReduction) {}

  /** This summary with one more unit of the given post- and pre-exposure values. */
  public RegressionAdjusted add(double postValue, double preValue) {
    return new RegressionAdjusted(
        post.add(postValue), pre.add(preValue), postPreSumOfProducts + postValue * preValue);
  }

  @Override
  public RegressionAdjusted plus(RegressionAdjusted other) {
    return new RegressionAdjusted(
        MeanSummaries.plus(post, other.post),
        MeanSummaries.plus(pre, other.pre),
        postPreSumOfProducts + other.postPreSumOfProducts);
  }

  @Override
  public long n() {
    return post.n();
  }

  /** The unadjusted post-exposure mean. */
  @Override
  public double mean() {
    return post.mean();
  }

  /** The unadjusted post-exposure variance. */
  @Override
  public double variance() {
    return post.variance();
  }

  /** The per-unit covariance of post and pre. */
  public double covariance() {
    return MeanSummaries.covariance(post, pre, postPreSumOfProducts);
  }

  /** The post mean less θ × the pre mean. */
  public double adjustedMean(double theta) {
    return post.mean() - theta * pre.mean();
  }

  /** The per-unit variance of post − θ × pre. */
  public double adjustedVariance(double theta) {
    if (n() <= 1) {
      return 0;
    }
    return post.variance() + theta * theta * pre.variance() - 2 * theta * covariance();
  }

  /**
   * The θ both arms share: the covariance of post and pre over both arms' units together, over the
   * variance of pre there (gbstats' {@code compute_theta}); 0 when either has no variance.
   */
  public static double theta(RegressionAdjusted control, RegressionAdjusted treatment) {
    RegressionAdjusted joint = control.plus(treatment);
    if (joint.pre.variance() == 0 || joint.post.variance() == 0) {
      return 0;
    }
    return joint.covariance() / joint.pre.variance();
  }

  /** The pooled θ of two arms and the share of the variance of their difference it removes. */
  public static Adjustment adjustment(RegressionAdjusted control, RegressionAdjusted treatment) {
    double theta = theta(control, treatment);
    double unadjusted = control.errorOfMean(0) + treatment.errorOfMean(0);
    double adjusted = control.errorOfMean(theta) + treatment.errorOfMean(theta);
    return new Adjustment(theta, unadjusted > 0 ? 1 - adjusted / unadjusted : 0);
  }

  @Override
  public Difference differenceFrom(RegressionAdjusted control, Scale scale) {
    double theta = theta(control, this);
    Summary adjustedC = control.adjusted(theta);
    Summary adjustedT = adjusted(theta);
    Difference absolute = Difference.ofIndependentMeans(adjustedC, adjustedT, Scale.ABSOLUTE);
    return switch (scale) {
      case ABSOLUTE -> absolute;
      case RELATIVE ->
          new Difference(
              absolute.estimate() / Math.abs(control.mean()),
              relativeVariance(control, this, theta),
              absolute.degreesOfFreedom(),
              absolute.units());
    };
  }

  /**
   * The delta-method variance of (adjusted treatment − adjusted control) / control post mean, as
   * gbstats' {@code frequentist_variance_relative_cuped} computes it: the treatment term is its
   * adjusted variance over the squared baseline; the control term carries the gradient −(treatment
   * post mean) / (control post mean)² on the control's post mean and θ / (control post mean) on its
   * pre mean.
   */
  private static double relativeVariance(
      RegressionAdjusted control, RegressionAdjusted treatment, double theta) {
    double baseline = control.post.mean();
    double baseline2 = baseline * baseline;
    if (baseline2 == 0 || control.n() == 0 || treatment.n() == 0) {
      return 0;
    }
    double treatmentTerm = treatment.adjustedVariance(theta) / (treatment.n() * baseline2);
    double scale = -treatment.post.mean() / baseline;
    double controlNumerator =
        control.post.variance() * scale * scale
            + 2 * theta * control.covariance() * scale
            + theta * theta * control.pre.variance();
    return treatmentTerm + controlNumerator / (control.n() * baseline2);
  }

  private double errorOfMean(double theta) {
    return n() == 0 ? 0 : adjustedVariance(theta) / n();
  }

  private Summary adjusted(double theta) {
    return new Adjusted(n(), adjustedMean(theta), adjustedVariance(theta));
  }

  private record Adjusted(long n, double mean, double variance) implements Summary {}
}
