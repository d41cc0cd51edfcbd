/**
 * The statistics of A/B experiments: pure functions over per-arm summary statistics that add, so
 * that partial totals (per node, per day) merge and a report recomputes effects from totals alone.
 * Nothing here knows about experiments, storage or Vitrina: only numbers in, numbers out. The
 * formulas are GrowthBook's gbstats (frequentist engine), and the tests reproduce gbstats' own
 * figures.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li><b>Per-arm summaries</b> ({@link io.vitrina.engine.stats.ArmSummary}), immutable, built
 *       unit by unit with {@code add(...)} and merged with {@code plus(...)}, starting from each
 *       type's {@code EMPTY}:
 *       <ul>
 *         <li>{@link io.vitrina.engine.stats.SampleMean} (n, sum, sum of squares): revenue per
 *             shopper, orders per shopper;
 *         <li>{@link io.vitrina.engine.stats.Proportion} (n, hits): conversion, with the binomial
 *             variance;
 *         <li>{@link io.vitrina.engine.stats.Ratio}: average order value, click-through rate, items
 *             per order, by the delta method;
 *         <li>{@link io.vitrina.engine.stats.RegressionAdjusted}: CUPED with the pre-exposure value
 *             of the metric as covariate; {@code RegressionAdjusted.adjustment(control, treatment)}
 *             gives the pooled θ and the share of variance it removes.
 *       </ul>
 *   <li><b>The test</b>: {@link io.vitrina.engine.stats.TwoSidedTest} {@code .fixedHorizon()} or
 *       {@code .sequential()} (α 0.05 and N* 5000 by default, both configurable), then {@code
 *       compare(control, treatment, Scale.ABSOLUTE | RELATIVE)} → an {@link
 *       io.vitrina.engine.stats.Outcome}: an {@link io.vitrina.engine.stats.Effect} (estimate,
 *       standard error, interval, p-value, method, α, degrees of freedom) or {@code NotComputable}
 *       with its reason (too little variance, zero baseline).
 *   <li><b>Health and many comparisons</b>: {@link io.vitrina.engine.stats.SampleRatio#check}
 *       (sample-ratio mismatch, flagged below p 0.001); {@link
 *       io.vitrina.engine.stats.PValueAdjustment} Holm–Bonferroni and Benjamini–Hochberg (adjusted
 *       p-values returned in the input order).
 *   <li><b>Capping</b>: {@link io.vitrina.engine.stats.Cap#atPercentile} over the per-shopper
 *       values of all arms (non-zero values only), then build each arm's summary from capped values
 *       ({@link io.vitrina.engine.stats.Cap#capped}); the cap's value is for the report.
 * </ul>
 *
 * <pre>{@code
 * SampleMean control = SampleMean.EMPTY, treatment = SampleMean.EMPTY;
 * for (double revenue : controlShoppers) control = control.add(cap.apply(revenue));
 * ...
 * Outcome outcome = TwoSidedTest.sequential().compare(control, treatment, Scale.RELATIVE);
 * if (outcome instanceof Effect e && e.significant()) ...
 * }</pre>
 *
 * <h2>How to extend</h2>
 *
 * <ul>
 *   <li><b>A metric type</b>: a record implementing {@link io.vitrina.engine.stats.ArmSummary} over
 *       sufficient statistics that add ({@code n}, {@code mean()}, the per-unit {@code variance()},
 *       {@code plus}). If its effect is the difference of two independent arm estimates, that is
 *       all: the default {@code differenceFrom} applies {@link
 *       io.vitrina.engine.stats.Difference#ofIndependentMeans}. If it needs both arms at once (as
 *       CUPED pools θ), override {@code differenceFrom} and return the {@link
 *       io.vitrina.engine.stats.Difference} (estimate, variance, Welch degrees of freedom, units),
 *       as {@link io.vitrina.engine.stats.RegressionAdjusted} does. Compound metrics build on the
 *       two {@link io.vitrina.engine.stats.MeanSummary} kinds. Check it against gbstats (run its
 *       Python on the same sums) and against a simulation.
 *   <li><b>A test</b> (one-sided, Bayesian): it consumes a {@link
 *       io.vitrina.engine.stats.Difference}, as {@link
 *       io.vitrina.engine.stats.TwoSidedTest#evaluate} does, and yields an {@link
 *       io.vitrina.engine.stats.Outcome}; add the method to {@link
 *       io.vitrina.engine.stats.Effect.Method}.
 * </ul>
 *
 * <h2>Conventions</h2>
 *
 * The unit is the shopper (every summary counts shoppers, a ratio's numerator and denominator are
 * per-shopper totals). Relative effects are (treatment − control) / |control|. Intervals are
 * two-sided at level 1 − α; an effect is {@link io.vitrina.engine.stats.Effect#significant} when
 * its interval excludes 0, the same as p &lt; α. Distributions come from commons-math3.
 */
package io.vitrina.engine.stats;
