package io.vitrina.engine.segment;

import io.vitrina.engine.profile.Orders;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Where each RFM score begins: four ascending thresholds per dimension. Frequency and monetary
 * score 1 plus the thresholds a value reaches ({@code orders ≥ t}); recency scores 1 plus the
 * thresholds the days since the latest order stay within ({@code days ≤ t}), so the most recent
 * customers score 5.
 *
 * <p>{@link #ofQuantiles} places them at the quintiles of the store's own customers, so about a
 * fifth score each: a customer's score is {@code ceil(5 × rank / n)}, their rank counted from the
 * lowest (for recency: the least recent, in whole days). Ties share the rank of the first of them,
 * so where most customers ordered once they all score 1 on frequency; a threshold no value reaches
 * is {@code Infinity}. A store can set its own thresholds instead ({@link #RfmScale(List, List,
 * List)}).
 *
 * @param recencyDays days since the latest order, ascending: within the first scores 5
 * @param frequency orders, ascending
 * @param monetary revenue net of refunds, ascending
 */
public record RfmScale(List<Double> recencyDays, List<Double> frequency, List<Double> monetary) {
  /** Thresholds per dimension: five scores. */
  public static final int THRESHOLDS = 4;

  /** Days within which every customer's latest order falls: a century. */
  private static final double EVERY_DAY = 36_500;

  private static final List<Double> UNREACHED =
      List.of(
          Double.POSITIVE_INFINITY,
          Double.POSITIVE_INFINITY,
          Double.POSITIVE_INFINITY,
          Double.POSITIVE_INFINITY);

  /**
   * Before the first scale is computed: every customer scores 5 on recency and 1 on the rest (a new
   * customer).
   */
  public static final RfmScale NONE =
      new RfmScale(List.of(EVERY_DAY, EVERY_DAY, EVERY_DAY, EVERY_DAY), UNREACHED, UNREACHED);

  public RfmScale {
    recencyDays = checked(recencyDays, "recency_days");
    frequency = checked(frequency, "frequency");
    monetary = checked(monetary, "monetary");
  }

  /**
   * Four ascending numbers; a score no customer reaches is an infinity (below every number of days
   * for recency, above every value for the others).
   */
  private static List<Double> checked(List<Double> thresholds, String name) {
    boolean ascending = thresholds.size() == THRESHOLDS;
    for (int i = 0; ascending && i < THRESHOLDS; i++)
      ascending =
          !thresholds.get(i).isNaN() && (i == 0 || thresholds.get(i) >= thresholds.get(i - 1));
    if (!ascending)
      throw new IllegalArgumentException(name + " must be " + THRESHOLDS + " ascending numbers");
    return List.copyOf(thresholds);
  }

  /**
   * What is wrong with thresholds a store sets, or null: four ascending finite numbers of 0 or
   * more, for the API to say before saving.
   */
  public static String problem(List<Double> thresholds) {
    if (thresholds.size() != THRESHOLDS) return "must hold " + THRESHOLDS + " thresholds";
    for (int i = 0; i < THRESHOLDS; i++) {
      double t = thresholds.get(i);
      if (!Double.isFinite(t) || t < 0) return "must be numbers of 0 or more";
      if (i > 0 && t < thresholds.get(i - 1)) return "must be in ascending order";
    }
    return null;
  }

  /** The thresholds at the quintiles of these customers' orders (only customers who ordered). */
  public static RfmScale ofQuantiles(Collection<Orders> customers, Instant now) {
    int n = 0;
    double[] days = new double[customers.size()];
    double[] orders = new double[customers.size()];
    double[] revenue = new double[customers.size()];
    for (Orders o : customers) {
      if (o.count() == 0 || o.last() == null) continue;
      days[n] = daysSince(o.last(), now);
      orders[n] = o.count();
      revenue[n] = o.revenue();
      n++;
    }
    if (n == 0) return NONE;
    return new RfmScale(
        recencyThresholds(Arrays.copyOf(days, n)),
        rising(Arrays.copyOf(orders, n)),
        rising(Arrays.copyOf(revenue, n)));
  }

  /** Threshold k (1 to 4) is the smallest value with at least k fifths of the values below it. */
  private static List<Double> rising(double[] values) {
    Arrays.sort(values);
    Double[] out = new Double[THRESHOLDS];
    Arrays.fill(out, Double.POSITIVE_INFINITY);
    for (int k = 1; k <= THRESHOLDS; k++) {
      for (int i = 0; i < values.length; i++) {
        boolean firstOfItsValue = i == 0 || values[i] != values[i - 1];
        if (firstOfItsValue && (i + 1) * 5L > (long) k * values.length) {
          out[k - 1] = values[i];
          break;
        }
      }
    }
    return List.of(out);
  }

  /** The same over the days mirrored (fewer days rank higher); listed ascending. */
  private static List<Double> recencyThresholds(double[] days) {
    double[] mirrored = new double[days.length];
    for (int i = 0; i < days.length; i++) mirrored[i] = -days[i];
    List<Double> negated = rising(mirrored);
    Double[] out = new Double[THRESHOLDS];
    // Score 5 (the fourth threshold of the mirror) is the smallest number of days: first.
    // A score no customer reaches (many tied at the fewest days) is minus infinity: no number of
    // days is within it.
    for (int k = 0; k < THRESHOLDS; k++) out[k] = -negated.get(THRESHOLDS - 1 - k);
    return List.of(out);
  }

  /** The customer's scores, or null for a shopper who never ordered (they have none). */
  public RfmScore score(Orders orders, Instant now) {
    if (orders.count() == 0 || orders.last() == null) return null;
    double days = daysSince(orders.last(), now);
    int r = 1, f = 1, m = 1;
    for (int i = 0; i < THRESHOLDS; i++) {
      if (days <= recencyDays.get(i)) r++;
      if (orders.count() >= frequency.get(i)) f++;
      if (orders.revenue() >= monetary.get(i)) m++;
    }
    return new RfmScore(r, f, m);
  }

  /** Whole days: a scale computed a minute ago still ranks today's customers alike. */
  private static double daysSince(Instant at, Instant now) {
    return Math.max(0, Duration.between(at, now).toDays());
  }
}
