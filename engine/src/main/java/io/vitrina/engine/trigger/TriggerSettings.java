package io.vitrina.engine.trigger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A store's trigger settings: the caps, the quiet time after a purchase, and each kind's. {@link
 * #DEFAULTS} is the one place the defaults are (each kind's in {@link TriggerKind}).
 *
 * @param shopperCap at most one message per shopper in this long, across all kinds
 * @param kindCap at most one message of one kind per shopper in this long
 * @param cartQuietAfterPurchase no cart message for this long after a purchase
 * @param kinds every kind's settings
 */
public record TriggerSettings(
    Duration shopperCap,
    Duration kindCap,
    Duration cartQuietAfterPurchase,
    Map<TriggerKind, KindSettings> kinds) {
  public static final TriggerSettings DEFAULTS =
      new TriggerSettings(
          Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(3), defaultKinds());

  /** A problem with a setting: where (a JSON path) and what. */
  public record Problem(String path, String message) {}

  /**
   * A kind not named keeps its defaults; a condition a kind's settings do not name, its default.
   */
  public TriggerSettings {
    Map<TriggerKind, KindSettings> all = defaultKinds();
    kinds.forEach((kind, given) -> all.put(kind, withDefaultConditions(kind, given)));
    kinds = Map.copyOf(all);
  }

  private static KindSettings withDefaultConditions(TriggerKind kind, KindSettings given) {
    Map<String, Double> conditions = new java.util.HashMap<>(kind.defaults().conditions());
    conditions.putAll(given.conditions());
    return new KindSettings(given.enabled(), given.delay(), given.within(), conditions);
  }

  private static Map<TriggerKind, KindSettings> defaultKinds() {
    Map<TriggerKind, KindSettings> out = new EnumMap<>(TriggerKind.class);
    for (TriggerKind kind : TriggerKind.values()) out.put(kind, kind.defaults());
    return out;
  }

  public KindSettings of(TriggerKind kind) {
    return kinds.get(kind);
  }

  /** These settings with one kind's replaced. */
  public TriggerSettings with(TriggerKind kind, KindSettings settings) {
    Map<TriggerKind, KindSettings> next = new EnumMap<>(kinds);
    next.put(kind, settings);
    return new TriggerSettings(shopperCap, kindCap, cartQuietAfterPurchase, next);
  }

  /** Every problem of these settings at once (empty: they can be saved). */
  public List<Problem> problems() {
    List<Problem> out = new ArrayList<>();
    notNegative(out, "$.shopper_cap", shopperCap);
    notNegative(out, "$.kind_cap", kindCap);
    notNegative(out, "$.cart_quiet_after_purchase", cartQuietAfterPurchase);
    for (TriggerKind kind : TriggerKind.values()) {
      KindSettings k = kinds.get(kind);
      String at = "$.kinds." + kind.wireName();
      notNegative(out, at + ".delay", k.delay());
      if (k.within().isNegative() || k.within().isZero())
        out.add(new Problem(at + ".within", "must be positive, was " + k.within()));
      for (String name : k.conditions().keySet())
        if (kind.conditions().stream().noneMatch(c -> c.name().equals(name)))
          out.add(
              new Problem(
                  at + ".conditions." + name,
                  "unknown condition; " + kind.wireName() + " has " + names(kind)));
      for (Condition c : kind.conditions()) {
        Double value = k.conditions().get(c.name());
        String path = at + ".conditions." + c.name();
        if (!(value >= c.min() && value <= c.max()))
          out.add(
              new Problem(
                  path,
                  c.meaning() + ": must be from " + c.min() + " to " + c.max() + ", was " + value));
      }
    }
    return out;
  }

  private static String names(TriggerKind kind) {
    if (kind.conditions().isEmpty()) return "none";
    return String.join(", ", kind.conditions().stream().map(Condition::name).toList());
  }

  private static void notNegative(List<Problem> out, String path, Duration value) {
    if (value == null) out.add(new Problem(path, "missing"));
    else if (value.isNegative()) out.add(new Problem(path, "must not be negative, was " + value));
  }
}
