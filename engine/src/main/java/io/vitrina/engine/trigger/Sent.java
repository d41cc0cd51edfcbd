package io.vitrina.engine.trigger;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What a shopper was sent already, as the rules need it: the occasions used up (fired or
 * suppressed: {@link Firing#key}) and when the latest message went, overall and by kind (for the
 * caps).
 *
 * @param lastSent when the latest message fired for the shopper, or null
 */
public record Sent(Set<String> used, Instant lastSent, Map<TriggerKind, Instant> lastByKind) {
  public static final Sent NONE = new Sent(Set.of(), null, Map.of());

  public Sent {
    used = Set.copyOf(used);
    lastByKind = Map.copyOf(lastByKind);
  }

  /**
   * What was sent under either of two keys of one shopper (a visitor who signed in, under their
   * visitor key and then their customer key): every occasion used up, the latest sendings.
   */
  public Sent merged(Sent other) {
    Set<String> both = new java.util.HashSet<>(used);
    both.addAll(other.used);
    Map<TriggerKind, Instant> byKind = new java.util.EnumMap<>(TriggerKind.class);
    byKind.putAll(lastByKind);
    other.lastByKind.forEach((kind, at) -> byKind.merge(kind, at, Sent::later));
    Instant last =
        lastSent == null
            ? other.lastSent
            : other.lastSent == null ? lastSent : later(lastSent, other.lastSent);
    return new Sent(both, last, byKind);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
