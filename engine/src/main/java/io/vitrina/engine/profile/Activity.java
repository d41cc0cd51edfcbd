package io.vitrina.engine.profile;

import java.time.Instant;
import java.util.List;

/**
 * What a profile knows of a shopper's doings beyond {@link ProfileView}: how often and when they
 * viewed and bought each item, and when they were first and last seen. What segment rules read; an
 * immutable copy, made only when asked (requests never need it).
 *
 * @param views viewed items (up to the profile's bound), most recently viewed first
 * @param purchases bought items (up to the profile's bound), most recently bought first
 * @param firstSeen the shopper's earliest event the profile holds, or null
 * @param lastSeen their latest, or null
 */
public record Activity(
    List<Visit> views, List<Visit> purchases, Instant firstSeen, Instant lastSeen) {
  public static final Activity NONE = new Activity(List.of(), List.of(), null, null);

  /** An item the shopper viewed or bought {@code times} times, the latest at {@code last}. */
  public record Visit(String itemId, int times, Instant last) {}

  public Activity {
    views = List.copyOf(views);
    purchases = List.copyOf(purchases);
  }
}
