package io.vitrina.engine.profile;

import java.time.Duration;
import java.time.Instant;

/**
 * An item the shopper bought more than once, and their own rhythm for it.
 *
 * @param lastBought when they bought it last
 * @param cycle the average time between their purchases of it
 */
public record Repurchase(String itemId, Instant lastBought, Duration cycle) {
  /** Purchases closer than this are one shopping trip, not a cycle. */
  public static final Duration MIN_CYCLE = Duration.ofDays(1);

  /** How far into the cycle the shopper is at {@code now}: 1 when the next purchase is due. */
  public double dueness(Instant now) {
    return (double) Duration.between(lastBought, now).toMinutes() / cycle.toMinutes();
  }
}
