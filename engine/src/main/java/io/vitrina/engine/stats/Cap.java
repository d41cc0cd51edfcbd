package io.vitrina.engine.stats;

import java.util.Arrays;

/**
 * Winsorizing from above: a per-shopper value (revenue, orders) larger than the cap counts as the
 * cap. A few very large orders carry most of the variance of revenue per shopper; capping them
 * trades a little bias for much narrower intervals. Capping must happen on per-shopper values
 * before they are summarized: compute the cap over the per-shopper values of all arms together,
 * then build each arm's summary from {@link #apply capped} values (or with {@link #capped}).
 *
 * @param percentile the percentile the cap was taken at (in (0, 1]), or NaN for a fixed cap
 * @param value the cap itself, for a report to say where it is; +∞ when there was nothing to cap
 */
public record Cap(double percentile, double value) {

  /**
   * The cap at the given percentile (0.99: the 99th) of the non-zero values, as GrowthBook's
   * percentile capping with "ignore zeros" computes it (zeros are the shoppers who bought nothing
   * and would drag the percentile down). The percentile interpolates linearly between the two
   * nearest ranks (SQL's {@code PERCENTILE_CONT}, numpy's default).
   */
  public static Cap atPercentile(double[] perShopperValues, double percentile) {
    if (!(percentile > 0 && percentile <= 1)) {
      throw new IllegalArgumentException("the percentile must be in (0, 1], got " + percentile);
    }
    double[] nonZero = Arrays.stream(perShopperValues).filter(v -> v != 0).sorted().toArray();
    if (nonZero.length == 0) {
      return new Cap(percentile, Double.POSITIVE_INFINITY);
    }
    double rank = percentile * (nonZero.length - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, nonZero.length - 1);
    double value = nonZero[below] + (rank - below) * (nonZero[above] - nonZero[below]);
    return new Cap(percentile, value);
  }

  /** A cap at a fixed value (an "absolute" cap). */
  public static Cap at(double value) {
    return new Cap(Double.NaN, value);
  }

  /** The value, capped. */
  public double apply(double perShopperValue) {
    return Math.min(perShopperValue, value);
  }

  /** The summary of the given per-shopper values, each capped. */
  public SampleMean capped(double... perShopperValues) {
    SampleMean summary = SampleMean.EMPTY;
    for (double value : perShopperValues) {
      summary = summary.add(apply(value));
    }
    return summary;
  }
}
