package io.vitrina.server.triggers;

import io.vertx.core.json.JsonObject;
import io.vitrina.engine.trigger.KindSettings;
import io.vitrina.engine.trigger.TriggerKind;
import io.vitrina.engine.trigger.TriggerSettings;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.Problem;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A store's trigger settings as JSON: what {@code PUT /v1/admin/triggers/settings} accepts (only
 * what differs from the defaults need be named) and {@code GET} answers (everything, defaults
 * filled in). Every problem is collected with its field, then the engine's checks of the values.
 */
final class TriggerSettingsJson {
  private static final Set<String> TOP =
      Set.of("shopper_cap", "kind_cap", "cart_quiet_after_purchase", "kinds");
  private static final Set<String> KIND = Set.of("enabled", "delay", "within", "conditions");

  private TriggerSettingsJson() {}

  /** The settings the JSON names over the defaults; throws with every problem. */
  static TriggerSettings parse(JsonObject json) {
    List<Problem> problems = new ArrayList<>();
    TriggerSettings settings = read(json, problems);
    // What could not be read keeps its default, so the values' checks run over the rest too.
    for (TriggerSettings.Problem p : settings.problems())
      problems.add(new Problem(-1, p.path().substring(2), p.message()));
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    return settings;
  }

  private static TriggerSettings read(JsonObject json, List<Problem> problems) {
    TriggerSettings d = TriggerSettings.DEFAULTS;
    unknown(json, TOP, "", problems);
    Duration shopperCap = duration(json, "shopper_cap", "", d.shopperCap(), problems);
    Duration kindCap = duration(json, "kind_cap", "", d.kindCap(), problems);
    Duration quiet =
        duration(json, "cart_quiet_after_purchase", "", d.cartQuietAfterPurchase(), problems);
    Map<TriggerKind, KindSettings> kinds = new LinkedHashMap<>();
    Object rawKinds = json.getValue("kinds");
    if (rawKinds instanceof JsonObject byName) {
      for (String name : byName.fieldNames()) {
        var kind = TriggerKind.fromWireName(name);
        if (kind.isEmpty()) {
          problems.add(
              new Problem(
                  -1,
                  "kinds." + name,
                  "unknown trigger kind; known: "
                      + String.join(
                          ", ",
                          Arrays.stream(TriggerKind.values())
                              .map(TriggerKind::wireName)
                              .toList())));
          continue;
        }
        Object raw = byName.getValue(name);
        if (!(raw instanceof JsonObject k)) {
          problems.add(new Problem(-1, "kinds." + name, "must be an object"));
          continue;
        }
        kinds.put(kind.get(), kind(k, kind.get(), "kinds." + name + ".", problems));
      }
    } else if (rawKinds != null) problems.add(new Problem(-1, "kinds", "must be an object"));
    return new TriggerSettings(shopperCap, kindCap, quiet, kinds);
  }

  private static KindSettings kind(
      JsonObject json, TriggerKind kind, String at, List<Problem> problems) {
    KindSettings d = kind.defaults();
    unknown(json, KIND, at, problems);
    boolean enabled = d.enabled();
    Object rawEnabled = json.getValue("enabled");
    if (rawEnabled instanceof Boolean b) enabled = b;
    else if (rawEnabled != null)
      problems.add(new Problem(-1, at + "enabled", "must be true or false"));
    Duration delay = duration(json, "delay", at, d.delay(), problems);
    Duration within = duration(json, "within", at, d.within(), problems);
    Map<String, Double> conditions = new LinkedHashMap<>(d.conditions());
    Object rawConditions = json.getValue("conditions");
    if (rawConditions instanceof JsonObject given) {
      for (String name : given.fieldNames()) {
        Object value = given.getValue(name);
        if (value instanceof Number n) conditions.put(name, n.doubleValue());
        else problems.add(new Problem(-1, at + "conditions." + name, "must be a number"));
      }
    } else if (rawConditions != null)
      problems.add(new Problem(-1, at + "conditions", "must be an object"));
    return new KindSettings(enabled, delay, within, conditions);
  }

  private static void unknown(JsonObject json, Set<String> known, String at, List<Problem> out) {
    for (String name : json.fieldNames())
      if (!known.contains(name))
        out.add(
            new Problem(
                -1,
                at + name,
                "unknown field; known: " + String.join(", ", known.stream().sorted().toList())));
  }

  private static Duration duration(
      JsonObject json, String name, String at, Duration otherwise, List<Problem> problems) {
    Object raw = json.getValue(name);
    if (raw == null) return otherwise;
    if (raw instanceof String s)
      try {
        return Duration.parse(s);
      } catch (DateTimeParseException e) {
        // told below
      }
    problems.add(
        new Problem(-1, at + name, "must be an ISO-8601 duration such as PT1H or P7D, was " + raw));
    return otherwise;
  }

  /** Every setting, defaults filled in. */
  static JsonObject toJson(TriggerSettings s) {
    JsonObject kinds = new JsonObject();
    for (TriggerKind kind : TriggerKind.values()) {
      KindSettings k = s.of(kind);
      JsonObject conditions = new JsonObject();
      for (var c : kind.conditions()) conditions.put(c.name(), k.condition(c.name()));
      kinds.put(
          kind.wireName(),
          new JsonObject()
              .put("enabled", k.enabled())
              .put("stage", kind.stage().name().toLowerCase())
              .put("algorithm", kind.algorithm())
              .put("delay", k.delay().toString())
              .put("within", k.within().toString())
              .put("conditions", conditions));
    }
    return new JsonObject()
        .put("shopper_cap", s.shopperCap().toString())
        .put("kind_cap", s.kindCap().toString())
        .put("cart_quiet_after_purchase", s.cartQuietAfterPurchase().toString())
        .put("kinds", kinds);
  }
}
