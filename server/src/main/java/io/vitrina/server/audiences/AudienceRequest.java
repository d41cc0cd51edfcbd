package io.vitrina.server.audiences;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.audience.Likeness;
import io.vitrina.engine.profile.Facet;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.Problem;
import io.vitrina.server.input.UnknownNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The bodies of the audience endpoints, validated: every problem is reported with its path.
 *
 * @param seed profile keys of the seed shoppers (look-alikes), else empty
 * @param target per facet, values and weights (audience by taste), else empty
 */
record AudienceRequest(
    List<String> seed,
    Likeness by,
    Map<Facet, Map<String, Float>> target,
    String region,
    int size) {
  static final int DEFAULT_SIZE = 100;
  static final int MAX_SIZE = 10_000;
  static final int MAX_SEED = 10_000;
  static final int MAX_VALUES = 200;

  /**
   * {@code {"seed": [{"customer": "42"}, {"visitor": "v-1"}], "by": "affinity", "region": null,
   * "size": 100}}
   */
  static AudienceRequest lookalikes(JsonObject json, BiFunction<String, String, String> keyOf) {
    List<Problem> problems = new ArrayList<>();
    JsonFields f = new JsonFields(json, "", problems);
    List<String> seed = new ArrayList<>();
    JsonArray shoppers = f.array("seed");
    if (shoppers == null)
      f.problem("seed", "is required: a list of {\"customer\"} or {\"visitor\"}");
    else if (shoppers.isEmpty()) f.problem("seed", "must not be empty");
    else if (shoppers.size() > MAX_SEED) f.problem("seed", "holds more than " + MAX_SEED);
    else
      for (int i = 0; i < shoppers.size(); i++) {
        String at = "seed[" + i + "].";
        if (!(shoppers.getValue(i) instanceof JsonObject shopper)) {
          problems.add(new Problem(-1, "seed[" + i + "]", "must be an object"));
          continue;
        }
        JsonFields s = new JsonFields(shopper, at, problems);
        String visitor = s.id("visitor", false);
        String customer = s.id("customer", false);
        s.refuseUnknown();
        if (visitor == null && customer == null) s.problem("customer", "is required (or visitor)");
        else seed.add(keyOf.apply(visitor, customer));
      }
    Likeness by = likeness(f, f.value("by"));
    String region = f.text("region", false);
    int size = size(f);
    f.refuseUnknown();
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    return new AudienceRequest(List.copyOf(seed), by, Map.of(), region, size);
  }

  /** {@code {"affinities": {"brand": {"Acme": 1}, "category": {"Phones": 0.5}}, "size": 100}} */
  static AudienceRequest byAffinity(JsonObject json) {
    List<Problem> problems = new ArrayList<>();
    JsonFields f = new JsonFields(json, "", problems);
    Map<Facet, Map<String, Float>> target = new EnumMap<>(Facet.class);
    JsonObject affinities = f.object("affinities");
    if (affinities == null)
      f.problem("affinities", "is required: weights per facet, like {\"brand\": {\"Acme\": 1}}");
    else
      for (String name : affinities.fieldNames()) {
        String at = "affinities." + name;
        Facet facet = Facet.byKey(name).orElse(null);
        if (facet == null) {
          problems.add(
              new Problem(
                  -1,
                  at,
                  UnknownNames.message(
                      "facet", name, Arrays.stream(Facet.values()).map(Facet::key).toList())));
        } else if (!(affinities.getValue(name) instanceof JsonObject values)) {
          problems.add(new Problem(-1, at, "must be an object of values and weights"));
        } else if (values.size() > MAX_VALUES) {
          problems.add(new Problem(-1, at, "holds more than " + MAX_VALUES + " values"));
        } else {
          Map<String, Float> weights = new LinkedHashMap<>();
          JsonFields v = new JsonFields(values, at + ".", problems);
          for (String value : values.fieldNames()) {
            Double weight = v.number(value, true, 0);
            if (weight != null && weight > 0) weights.put(value, weight.floatValue());
          }
          target.put(facet, weights);
        }
      }
    if (affinities != null && problems.isEmpty() && target.values().stream().allMatch(Map::isEmpty))
      f.problem("affinities", "must name at least one value with a weight above 0");
    String region = f.text("region", false);
    int size = size(f);
    f.refuseUnknown();
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    return new AudienceRequest(List.of(), Likeness.AFFINITY, target, region, size);
  }

  private static Likeness likeness(JsonFields f, Object raw) {
    if (raw == null) return Likeness.AFFINITY;
    for (Likeness by : Likeness.values())
      if (by.name().toLowerCase(Locale.ROOT).equals(raw)) return by;
    f.problem("by", "must be \"affinity\" or \"vector\", was " + raw);
    return null;
  }

  private static int size(JsonFields f) {
    Integer size = f.integer("size", false, 1);
    if (size != null && size > MAX_SIZE) {
      f.problem("size", "must be at most " + MAX_SIZE + ", was " + size);
      return DEFAULT_SIZE;
    }
    return size == null ? DEFAULT_SIZE : size;
  }
}
