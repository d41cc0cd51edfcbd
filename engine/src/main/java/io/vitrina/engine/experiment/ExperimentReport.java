package io.vitrina.engine.experiment;

import io.vitrina.engine.stats.ArmSummary;
import io.vitrina.engine.stats.Effect;
import io.vitrina.engine.stats.Outcome;
import io.vitrina.engine.stats.PValueAdjustment;
import io.vitrina.engine.stats.RegressionAdjusted;
import io.vitrina.engine.stats.SampleRatio;
import io.vitrina.engine.stats.Scale;
import io.vitrina.engine.stats.Summary;
import io.vitrina.engine.stats.TwoSidedTest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's report for one phase, computed from its arms' {@link ArmTotals} alone: each arm's
 * metrics and attributed revenue, each treatment arm against the control for every metric (absolute
 * and relative, with intervals and p-values), the sample-ratio check against the phase's weights,
 * and the incremental revenue of each arm.
 *
 * <p>The control is the first holdout arm, or the first arm when none is a holdout. Revenue per
 * shopper is compared with CUPED (the revenue of the window before exposure as covariate) when that
 * covariate varies; the report says the share of variance it removed. The primary metric's p-values
 * are adjusted for the number of treatment arms (Holm).
 *
 * @param phase the phase reported (its weights are the ratio check's)
 * @param method fixed-horizon or sequential: which the intervals are
 * @param ratioCheck null while an arm has no shopper
 */
public record ExperimentReport(
    String experiment,
    Phase phase,
    String control,
    Effect.Method method,
    List<ArmReport> arms,
    List<MetricReport> metrics,
    SampleRatio ratioCheck) {

  /**
   * One arm's figures.
   *
   * @param values each metric's value for the arm (mean per shopper, or the ratio)
   * @param incrementalRevenue against the control: (revenue per shopper − control's) × this arm's
   *     shoppers; 0 for the control
   */
  public record ArmReport(
      String key,
      boolean holdout,
      ArmTotals totals,
      Map<Metric, Double> values,
      double incrementalRevenue) {}

  /** A metric: each treatment arm against the control. */
  public record MetricReport(Metric metric, boolean primary, List<Comparison> comparisons) {}

  /**
   * One treatment arm against the control.
   *
   * @param adjustedPValue the relative effect's p-value adjusted for the arms compared (primary
   *     metric only; else its own)
   * @param varianceReduction the share of variance CUPED removed, or 0 without it
   */
  public record Comparison(
      String arm,
      Outcome absolute,
      Outcome relative,
      double adjustedPValue,
      double varianceReduction) {}

  /** The primary metric's comparisons: what a plot of the lift over time follows. */
  public List<Comparison> primaryComparisons() {
    return metrics.stream()
        .filter(MetricReport::primary)
        .findFirst()
        .map(MetricReport::comparisons)
        .orElse(List.of());
  }

  /** The report of {@code experiment}'s phase from its arms' totals (arms without any: empty). */
  public static ExperimentReport of(
      Experiment experiment, Phase phase, Map<String, ArmTotals> totals, TwoSidedTest test) {
    Arm control =
        experiment.arms().stream()
            .filter(Arm::holdout)
            .findFirst()
            .orElse(experiment.arms().get(0));
    ArmTotals controlTotals = totals.getOrDefault(control.key(), ArmTotals.EMPTY);
    List<ArmReport> arms = new ArrayList<>();
    for (Arm arm : experiment.arms()) {
      ArmTotals t = totals.getOrDefault(arm.key(), ArmTotals.EMPTY);
      double incremental =
          arm == control
              ? 0
              : (mean(t.revenuePerShopper()) - mean(controlTotals.revenuePerShopper()))
                  * t.shoppers();
      arms.add(new ArmReport(arm.key(), arm.holdout(), t, values(t), incremental));
    }
    List<MetricReport> metrics = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      List<Comparison> comparisons = new ArrayList<>();
      for (Arm arm : experiment.arms()) {
        if (arm == control) continue;
        comparisons.add(
            compare(
                metric, controlTotals, totals.getOrDefault(arm.key(), ArmTotals.EMPTY), arm, test));
      }
      boolean primary = metric == experiment.goals().primary();
      metrics.add(new MetricReport(metric, primary, primary ? holm(comparisons) : comparisons));
    }
    return new ExperimentReport(
        experiment.id(),
        phase,
        control.key(),
        test.method(),
        arms,
        metrics,
        ratioCheck(experiment, phase, totals));
  }

  private static Comparison compare(
      Metric metric, ArmTotals control, ArmTotals treatment, Arm arm, TwoSidedTest test) {
    if (metric == Metric.REVENUE_PER_SHOPPER && covariateVaries(control, treatment)) {
      RegressionAdjusted c = control.revenueAdjusted(), t = treatment.revenueAdjusted();
      Outcome relative = test.compare(c, t, Scale.RELATIVE);
      return new Comparison(
          arm.key(),
          test.compare(c, t, Scale.ABSOLUTE),
          relative,
          pValue(relative),
          RegressionAdjusted.adjustment(c, t).varianceReduction());
    }
    return switch (metric) {
      case CONVERSION -> plain(control.conversion(), treatment.conversion(), arm, test);
      case REVENUE_PER_SHOPPER ->
          plain(control.revenuePerShopper(), treatment.revenuePerShopper(), arm, test);
      case ORDERS_PER_SHOPPER ->
          plain(control.ordersPerShopper(), treatment.ordersPerShopper(), arm, test);
      case AVERAGE_ORDER_VALUE ->
          plain(control.averageOrderValue(), treatment.averageOrderValue(), arm, test);
      case CTR -> plain(control.clickThroughRate(), treatment.clickThroughRate(), arm, test);
      case ITEMS_PER_ORDER -> plain(control.itemsPerOrder(), treatment.itemsPerOrder(), arm, test);
    };
  }

  private static <S extends ArmSummary<S>> Comparison plain(
      S control, S treatment, Arm arm, TwoSidedTest test) {
    Outcome relative = test.compare(control, treatment, Scale.RELATIVE);
    return new Comparison(
        arm.key(), test.compare(control, treatment, Scale.ABSOLUTE), relative, pValue(relative), 0);
  }

  private static boolean covariateVaries(ArmTotals control, ArmTotals treatment) {
    return control.shoppers() > 1
        && treatment.shoppers() > 1
        && control.preRevenue().over(control.shoppers()).variance() > 0
        && treatment.preRevenue().over(treatment.shoppers()).variance() > 0;
  }

  private static double pValue(Outcome outcome) {
    return outcome instanceof Effect e ? e.pValue() : Double.NaN;
  }

  /** The comparisons with their p-values adjusted by Holm's method (those that have one). */
  private static List<Comparison> holm(List<Comparison> comparisons) {
    List<Integer> with = new ArrayList<>();
    for (int i = 0; i < comparisons.size(); i++)
      if (!Double.isNaN(comparisons.get(i).adjustedPValue())) with.add(i);
    double[] adjusted =
        PValueAdjustment.holm(
            with.stream().mapToDouble(i -> comparisons.get(i).adjustedPValue()).toArray());
    List<Comparison> out = new ArrayList<>(comparisons);
    for (int k = 0; k < with.size(); k++) {
      Comparison c = out.get(with.get(k));
      out.set(
          with.get(k),
          new Comparison(c.arm(), c.absolute(), c.relative(), adjusted[k], c.varianceReduction()));
    }
    return out;
  }

  private static SampleRatio ratioCheck(
      Experiment experiment, Phase phase, Map<String, ArmTotals> totals) {
    long[] observed = new long[experiment.arms().size()];
    double[] weights = new double[observed.length];
    for (int i = 0; i < observed.length; i++) {
      observed[i] = totals.getOrDefault(experiment.arms().get(i).key(), ArmTotals.EMPTY).shoppers();
      if (observed[i] == 0) return null;
      weights[i] = phase.weights().get(i);
    }
    return SampleRatio.check(observed, weights);
  }

  private static Map<Metric, Double> values(ArmTotals t) {
    Map<Metric, Double> out = new EnumMap<>(Metric.class);
    out.put(Metric.CONVERSION, mean(t.conversion()));
    out.put(Metric.REVENUE_PER_SHOPPER, mean(t.revenuePerShopper()));
    out.put(Metric.ORDERS_PER_SHOPPER, mean(t.ordersPerShopper()));
    out.put(Metric.AVERAGE_ORDER_VALUE, mean(t.averageOrderValue()));
    out.put(Metric.CTR, mean(t.clickThroughRate()));
    out.put(Metric.ITEMS_PER_ORDER, mean(t.itemsPerOrder()));
    return out;
  }

  /** The mean, or 0 for an arm without units (a report shows 0, not NaN). */
  private static double mean(Summary s) {
    double m = s.n() == 0 ? 0 : s.mean();
    return Double.isFinite(m) ? m : 0;
  }
}
