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
}
