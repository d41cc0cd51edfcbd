package io.vitrina.engine.segment;

import io.vitrina.engine.profile.Orders;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a shopper is in their life as a customer, from their orders (an order of two items is one
 * order): the segment {@code segment_popular} serves, and one of the segments every shopper is in.
 * The first rule that holds, in this order:
 *
 * <ol>
 *   <li>{@link #NEVER_BOUGHT}: no order.
 *   <li>{@link #LAPSED}: the latest order is further back than {@link Settings#lapsedAfter} times
 *       the shopper's usual interval.
 *   <li>{@link #AT_RISK}: further back than {@link Settings#atRiskAfter} times the usual interval.
 *   <li>{@link #NEW}: one order.
 *   <li>{@link #LOYAL}: at least {@link Settings#loyalOrders} orders.
 *   <li>{@link #ACTIVE}: the others (a few orders, the latest within their usual interval).
 * </ol>
 *
 * The usual interval is the shopper's own ({@link Orders#medianInterval}: the median gap between
 * their recent orders), never shorter than {@link Settings#shortestInterval} (two orders minutes
 * apart are a forgotten item, not a rhythm), or {@link Settings#firstInterval} for a shopper with
 * one order, whose rhythm is not known yet. A purchase belongs to the segment its buyer was in when
 * making it, so "new" shoppers' best sellers are what shoppers buy second.
 */
public enum Lifecycle {
  NEVER_BOUGHT,
  NEW,
  ACTIVE,
  LOYAL,
  AT_RISK,
  LAPSED;

  /**
   * The thresholds of the rules; {@link #DEFAULT} in one place.
   *
   * @param firstInterval the usual interval assumed for a shopper with one order
   * @param shortestInterval the shortest a shopper's own usual interval is taken to be
   * @param atRiskAfter how many usual intervals without an order make a customer at risk
   * @param lapsedAfter how many make them lapsed (more than {@code atRiskAfter})
   * @param loyalOrders orders that make a customer loyal
   */
  public record Settings(
      Duration firstInterval,
      Duration shortestInterval,
      double atRiskAfter,
      double lapsedAfter,
      int loyalOrders) {
    public static final Settings DEFAULT =
        new Settings(Duration.ofDays(60), Duration.ofDays(7), 1.5, 3, 4);

    public Settings {
      if (firstInterval.isNegative() || firstInterval.isZero())
        throw new IllegalArgumentException("firstInterval must be positive");
      if (shortestInterval.isNegative() || shortestInterval.isZero())
        throw new IllegalArgumentException("shortestInterval must be positive");
      if (!(atRiskAfter > 0 && lapsedAfter > atRiskAfter))
        throw new IllegalArgumentException("need 0 < atRiskAfter < lapsedAfter");
      if (loyalOrders < 2) throw new IllegalArgumentException("loyalOrders must be at least 2");
    }
  }

  /** The shopper's stage with these orders at {@code now}, by the default settings. */
  public static Lifecycle of(Orders orders, Instant now) {
    return of(orders, now, Settings.DEFAULT);
  }

  public static Lifecycle of(Orders orders, Instant now, Settings settings) {
    if (orders.count() == 0 || orders.last() == null) return NEVER_BOUGHT;
    Duration usual = orders.medianInterval();
    if (usual == null) usual = settings.firstInterval();
    else if (usual.compareTo(settings.shortestInterval()) < 0) usual = settings.shortestInterval();
    double intervals = (double) Duration.between(orders.last(), now).toMillis() / usual.toMillis();
    if (intervals > settings.lapsedAfter()) return LAPSED;
    if (intervals > settings.atRiskAfter()) return AT_RISK;
    if (orders.count() == 1) return NEW;
    return orders.count() >= settings.loyalOrders() ? LOYAL : ACTIVE;
  }

  /** The name in the API: {@code never_bought}, {@code at_risk}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Lifecycle> byKey(String key) {
    for (Lifecycle stage : values()) if (stage.key().equals(key)) return Optional.of(stage);
    return Optional.empty();
  }

  /** The group key of the stage's best sellers in a model. */
  public String groupKey() {
    return "segment:" + key();
  }
}
