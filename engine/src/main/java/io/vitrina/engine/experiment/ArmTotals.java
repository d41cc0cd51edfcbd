package io.vitrina.engine.experiment;

import io.vitrina.engine.stats.Cap;
import io.vitrina.engine.stats.Proportion;
import io.vitrina.engine.stats.Ratio;
import io.vitrina.engine.stats.RegressionAdjusted;
import io.vitrina.engine.stats.SampleMean;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What an arm's shoppers add up to: counts, sums, sums of squares and the cross-products the ratio
 * metrics and CUPED need. Totals add ({@link #plus}) and subtract ({@link #minus}), so that an
 * event changing one shopper's outcome changes the arm by {@code of(after) - of(before)}, totals of
 * several nodes or days merge, and a report reads totals alone, never the events behind them.
 *
 * @param shoppers exposed shoppers
 * @param buyers of them, those who bought since exposure
 * @param crossed of them, those exposed to another arm too
 */
public record ArmTotals(
    long shoppers,
    long buyers,
    long crossed,
    Moments revenue,
    Moments orders,
    Moments items,
    Moments impressions,
    Moments clicks,
    Moments preRevenue,
    Products products,
    ShopperOutcome.Attributed attributed) {
  public static final ArmTotals EMPTY =
      new ArmTotals(
          0,
          0,
          0,
          Moments.ZERO,
          Moments.ZERO,
          Moments.ZERO,
          Moments.ZERO,
          Moments.ZERO,
          Moments.ZERO,
          Products.ZERO,
          ShopperOutcome.Attributed.NONE);

  /** A per-shopper value's sum and sum of squares over the arm. */
  public record Moments(double sum, double sumSquares) {
    public static final Moments ZERO = new Moments(0, 0);

    static Moments of(double value) {
      return new Moments(value, value * value);
    }

    Moments plus(Moments o, int sign) {
      return new Moments(sum + sign * o.sum, sumSquares + sign * o.sumSquares);
    }

    SampleMean over(long n) {
      return new SampleMean(n, sum, sumSquares);
    }
  }

  /** Sums over shoppers of products of two of their values. */
  public record Products(
      double revenueOrders, double itemsOrders, double clicksImpressions, double revenuePre) {
    public static final Products ZERO = new Products(0, 0, 0, 0);

    Products plus(Products o, int sign) {
      return new Products(
          revenueOrders + sign * o.revenueOrders,
          itemsOrders + sign * o.itemsOrders,
          clicksImpressions + sign * o.clicksImpressions,
          revenuePre + sign * o.revenuePre);
    }
  }

  /** One shopper's contribution. */
  public static ArmTotals of(ShopperOutcome outcome) {
    return of(outcome, outcome.counts());
  }

  /**
   * One shopper's contribution with their revenue, and the covariate's, capped: what a report with
   * revenue capping sums over the phase's shoppers.
   */
  public static ArmTotals of(ShopperOutcome outcome, Cap cap) {
    ShopperOutcome.Counts c = outcome.counts();
    return of(
        outcome,
        new ShopperOutcome.Counts(
            c.orders(),
            cap.apply(c.revenue()),
            c.items(),
            c.impressions(),
            c.clicks(),
            cap.apply(c.preRevenue())));
  }

  /**
   * The arms' totals of a phase's shoppers with revenue capped at {@code percentile} of their
   * non-zero revenues (all arms together), and the cap.
   */
  public static Capped capped(Collection<ShopperOutcome> shoppers, double percentile) {
    Cap cap =
        Cap.atPercentile(
            shoppers.stream().mapToDouble(o -> o.counts().revenue()).toArray(), percentile);
    Map<String, ArmTotals> byArm = new HashMap<>();
    for (ShopperOutcome o : shoppers) byArm.merge(o.arm(), of(o, cap), ArmTotals::plus);
    return new Capped(cap, byArm);
  }

  /** Arms' totals with capped revenue, and where the cap was. */
  public record Capped(Cap cap, Map<String, ArmTotals> byArm) {
    public Capped {
      byArm = Map.copyOf(byArm);
    }
  }

  private static ArmTotals of(ShopperOutcome outcome, ShopperOutcome.Counts c) {
    return new ArmTotals(
        1,
        outcome.bought() ? 1 : 0,
        outcome.crossed() ? 1 : 0,
        Moments.of(c.revenue()),
        Moments.of(c.orders()),
        Moments.of(c.items()),
        Moments.of(c.impressions()),
        Moments.of(c.clicks()),
        Moments.of(c.preRevenue()),
        new Products(
            c.revenue() * c.orders(),
            (double) c.items() * c.orders(),
            (double) c.clicks() * c.impressions(),
            c.revenue() * c.preRevenue()),
        outcome.attributed());
  }

  /** What {@code before} became {@code after} changes in its arm's totals. */
  public static ArmTotals change(ShopperOutcome before, ShopperOutcome after) {
    return before == null ? of(after) : of(after).minus(of(before));
  }

  public ArmTotals plus(ArmTotals o) {
    return combine(o, 1);
  }

  public ArmTotals minus(ArmTotals o) {
    return combine(o, -1);
  }

  private ArmTotals combine(ArmTotals o, int sign) {
    ShopperOutcome.Attributed a = attributed, b = o.attributed;
    return new ArmTotals(
        shoppers + sign * o.shoppers,
        buyers + sign * o.buyers,
        crossed + sign * o.crossed,
        revenue.plus(o.revenue, sign),
        orders.plus(o.orders, sign),
        items.plus(o.items, sign),
        impressions.plus(o.impressions, sign),
        clicks.plus(o.clicks, sign),
        preRevenue.plus(o.preRevenue, sign),
        products.plus(o.products, sign),
        new ShopperOutcome.Attributed(
            a.clickThrough() + sign * b.clickThrough(),
            a.clickThroughOrders() + sign * b.clickThroughOrders(),
            a.viewThrough() + sign * b.viewThrough()));
  }

  public Proportion conversion() {
    return new Proportion(shoppers, buyers);
  }

  public SampleMean revenuePerShopper() {
    return revenue.over(shoppers);
  }

  public SampleMean ordersPerShopper() {
    return orders.over(shoppers);
  }

  public Ratio averageOrderValue() {
    return new Ratio(revenue.over(shoppers), orders.over(shoppers), products.revenueOrders());
  }

  public Ratio clickThroughRate() {
    return new Ratio(
        clicks.over(shoppers), impressions.over(shoppers), products.clicksImpressions());
  }

  public Ratio itemsPerOrder() {
    return new Ratio(items.over(shoppers), orders.over(shoppers), products.itemsOrders());
  }

  /** Revenue per shopper with the revenue of their window before exposure as CUPED covariate. */
  public RegressionAdjusted revenueAdjusted() {
    return new RegressionAdjusted(
        revenue.over(shoppers), preRevenue.over(shoppers), products.revenuePre());
  }
}
