package io.vitrina.engine.profile;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a shopper is in their life as a customer, from their orders (counted by {@link
 * OrderHistory}: an order of two items is one order): the segment {@code segment_popular} serves. A
 * purchase belongs to the segment its buyer was in when they made it, so "new" shoppers' best
 * sellers are what shoppers buy first.
 */
public enum Lifecycle {
  /** Never bought. */
  NEW,
  /** Ordered once. */
  FIRST_PURCHASE,
  /** Ordered more than once, the last time within {@link #LAPSE}. */
  REPEAT,
  /** Bought before, but not within {@link #LAPSE}. */
  LAPSED;

  /** A customer who has not bought for this long has lapsed. */
  public static final Duration LAPSE = Duration.ofDays(60);

  /**
   * @param orders orders so far
   * @param lastOrder when the latest was, or null
   */
  public static Lifecycle of(int orders, Instant lastOrder, Instant now) {
    if (orders == 0 || lastOrder == null) return NEW;
    if (Duration.between(lastOrder, now).compareTo(LAPSE) > 0) return LAPSED;
    return orders == 1 ? FIRST_PURCHASE : REPEAT;
  }

  /** The segment of a shopper with these orders, at {@code now}. */
  public static Lifecycle of(OrderHistory orders, Instant now) {
    return of(orders.count(), orders.last(), now);
  }

  /** The shopper's segment now. */
  public static Lifecycle of(ProfileView profile, Instant now) {
    return of(profile.orders().count(), profile.orders().last(), now);
  }

  /** The group key of the segment's best sellers in a model. */
  public String groupKey() {
    return "segment:" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
