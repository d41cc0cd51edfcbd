package io.vitrina.engine.trigger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a store set for one trigger kind.
 *
 * @param enabled whether it fires at all
 * @param delay how long after its moment (the cart's last change, the view, the search…) it fires
 * @param within how long after the delay it may still fire: later, the occasion is past
 * @param conditions the kind's {@link Condition}s by name, each set (defaults filled in)
 */
public record KindSettings(
    boolean enabled, Duration delay, Duration within, Map<String, Double> conditions) {
  public KindSettings {
    conditions = Map.copyOf(conditions);
  }

  static KindSettings of(
      boolean enabled, Duration delay, Duration within, List<Condition> conditions) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (Condition c : conditions) values.put(c.name(), c.defaultValue());
    return new KindSettings(enabled, delay, within, values);
  }

  /** The value of a condition this kind has. */
  public double condition(String name) {
    Double value = conditions.get(name);
    if (value == null) throw new IllegalArgumentException("no condition " + name);
    return value;
  }
}
