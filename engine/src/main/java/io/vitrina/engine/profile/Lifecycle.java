package io.vitrina.engine.profile;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a shopper is in their life as a customer, from their purchases: the segment {@code
 * segment_popular} serves. A purchase belongs to the segment its buyer was in when they made it, so
 * "new" shoppers' best sellers are what shoppers buy first.
 */
public enum Lifecycle {
  /** Never bought. */
  NEW,
  /** Bought once. */
  FIRST_PURCHASE,
  /** Bought more than once, the last time within {@link #LAPSE}. */
  REPEAT,
  /** Bought before, but not within {@link #LAPSE}. */
  LAPSED;

  /** A customer who has not bought for this long has lapsed. */
  public static final Duration LAPSE = Duration.ofDays(60);

  /**
   * @param purchases purchases so far
   * @param lastPurchase when the last was, or null
   */
  public static Lifecycle of(int purchases, Instant lastPurchase, Instant now) {
    if (purchases == 0 || lastPurchase == null) return NEW;
    if (Duration.between(lastPurchase, now).compareTo(LAPSE) > 0) return LAPSED;
    return purchases == 1 ? FIRST_PURCHASE : REPEAT;
  }

  /** The shopper's segment now. */
  public static Lifecycle of(ProfileView profile, Instant now) {
    return of(profile.purchaseCount(), profile.lastPurchase(), now);
  }

  /** The group key of the segment's best sellers in a model. */
  public String groupKey() {
    return "segment:" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
