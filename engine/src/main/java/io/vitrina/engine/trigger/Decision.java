package io.vitrina.engine.trigger;

import java.util.List;

/**
 * What the rules decided for one shopper now.
 *
 * @param fire the message to send, or null
 * @param suppressed occasions due at the same time that lost to it: used up, never sent
 * @param capped due occasions held back by the shopper's cap: left for a later scan, not used up
 */
public record Decision(Firing fire, List<Firing> suppressed, List<Firing> capped) {
  public static final Decision NOTHING = new Decision(null, List.of(), List.of());

  public Decision {
    suppressed = List.copyOf(suppressed);
    capped = List.copyOf(capped);
  }
}
