package io.vitrina.server.blocks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.engine.algorithm.Fallback;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.block.Block;
import io.vitrina.engine.rule.BusinessRules;
import io.vitrina.engine.rule.PropertyRule;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A block as JSON, both ways. Reading collects every problem, with its path ({@code
 * rules[1].bias}), before it throws: malformed fields, unknown ones, rules, settings and what the
 * block asks of the catalogue of algorithms, in one answer.
 */
public final class BlockJson {
  private BlockJson() {}

  /**
   * A block a store sends: unknown fields are refused, and the algorithm must be one of {@code
   * algorithms}.
   *
   * @throws InvalidInputException listing everything wrong
   */
  public static Block parse(String name, JsonObject json, AlgorithmCatalog algorithms) {
    return read(name, json, algorithms);
  }

  /**
   * A block as stored: read as it was saved, so that a field a newer version saved does not stop
   * this one from serving the others.
   */
  public static Block stored(String name, JsonObject json) {
    return read(name, json, null);
  }

  private static Block read(String name, JsonObject json, AlgorithmCatalog algorithms) {
    List<Problem> problems = new ArrayList<>();
    JsonFields f = new JsonFields(json, "", problems);
    String algorithm = f.term("algorithm");
    if (algorithm == null && f.value("algorithm") == null) f.problem("algorithm", "is required");
    String description = f.text("description", false);
    Integer limit = f.integer("limit", false, 1);
    boolean sent = algorithms != null;
    List<PropertyRule> rules = rules(f.array("rules"), sent, problems);
    List<BusinessRules.Pin> pins = pins(f.array("pins"), sent, problems);
    List<String> exclude = f.strings("exclude");
    Integer maxPerBrand = f.integer("max_per_brand", false, 1);
    Integer maxPerCategory = f.integer("max_per_category", false, 1);
    Double dithering = f.number("dithering", false, 0);
    Integer rotateAfter = f.integer("rotate_after", false, 0);
    Fallback fallback = fallback(f);
    double dither = dithering == null ? 0 : dithering;
    int rotate = rotateAfter == null ? 0 : rotateAfter;
    Map<String, String> settings =
        BusinessRules.settingProblems(maxPerBrand, maxPerCategory, dither, rotate);
    settings.forEach(f::problem);
    // With a wrong setting off, the block is still checked whole (a pin beyond it, say).
    BusinessRules business =
        new BusinessRules(
            rules,
            pins,
            exclude,
            settings.containsKey("max_per_brand") ? null : maxPerBrand,
            settings.containsKey("max_per_category") ? null : maxPerCategory,
            settings.containsKey("dithering") ? 0 : dither,
            settings.containsKey("rotate_after") ? 0 : rotate);
    Block block =
        new Block(
            name,
            algorithm == null ? "" : algorithm,
            description,
            limit == null ? RecommendationRequest.DEFAULT_LIMIT : limit,
            business,
            fallback);
    if (sent) {
      f.refuseUnknown("name"); // what a GET answers may be sent back as it is
      for (Block.Problem p : block.problems(algorithms)) {
        // A missing algorithm is already said; "unknown algorithm ''" would say it again.
        if (algorithm == null && p.field().equals("algorithm")) continue;
        problems.add(new Problem(-1, p.field(), p.message()));
      }
    }
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    return block;
  }

  /**
   * {@code "default"} (or absent), {@code "none"}, or the algorithms to ask in order; whether the
   * names are known is the block's check ({@link Block#problems}).
   */
  private static Fallback fallback(JsonFields f) {
    Object raw = f.value("fallback");
    if (raw == null) return Fallback.DEFAULT;
    if (raw instanceof JsonArray) return Fallback.of(f.strings("fallback"));
    if ("default".equals(raw)) return Fallback.DEFAULT;
    if ("none".equals(raw)) return Fallback.NONE;
    f.problem(
        "fallback",
        "must be \"default\", \"none\" or an array of algorithm names, was "
            + JsonFields.typeOf(raw));
    return Fallback.DEFAULT;
  }

  private static List<PropertyRule> rules(
      JsonArray array, boolean refuseUnknown, List<Problem> problems) {
    List<PropertyRule> out = new ArrayList<>();
    if (array == null) return out;
    for (int i = 0; i < array.size(); i++) {
      String prefix = "rules[" + i + "].";
      if (!(array.getValue(i) instanceof JsonObject rule)) {
        problems.add(new Problem(-1, "rules[" + i + "]", "must be an object"));
        continue;
      }
      int before = problems.size();
      JsonFields f = new JsonFields(rule, prefix, problems);
      String property = f.term("property");
      List<String> values = f.strings("values");
      Double min = f.number("min", false, -Double.MAX_VALUE);
      Double max = f.number("max", false, -Double.MAX_VALUE);
      Double bias = f.number("bias", true, -Double.MAX_VALUE);
      if (refuseUnknown) f.refuseUnknown();
      if (problems.size() > before) continue;
      try {
        out.add(new PropertyRule(property, values, min, max, bias));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(-1, "rules[" + i + "]", e.getMessage()));
      }
    }
    return out;
  }

  private static List<BusinessRules.Pin> pins(
      JsonArray array, boolean refuseUnknown, List<Problem> problems) {
    List<BusinessRules.Pin> out = new ArrayList<>();
    if (array == null) return out;
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject pin)) {
        problems.add(new Problem(-1, "pins[" + i + "]", "must be an object"));
        continue;
      }
      JsonFields f = new JsonFields(pin, "pins[" + i + "].", problems);
      String item = f.id("item", true);
      Integer position = f.integer("position", true, 1);
      if (refuseUnknown) f.refuseUnknown();
      if (item != null && position != null) out.add(new BusinessRules.Pin(item, position));
    }
    return out;
  }

  public static JsonObject toJson(Block block) {
    BusinessRules rules = block.rules();
    JsonArray properties = new JsonArray();
    for (PropertyRule rule : rules.properties()) {
      JsonObject json = new JsonObject().put("property", rule.property());
      if (!rule.values().isEmpty()) json.put("values", new JsonArray(rule.values()));
      if (rule.min() != null) json.put("min", rule.min());
      if (rule.max() != null) json.put("max", rule.max());
      properties.add(json.put("bias", rule.bias()));
    }
    JsonArray pins = new JsonArray();
    for (BusinessRules.Pin pin : rules.pins())
      pins.add(new JsonObject().put("item", pin.itemId()).put("position", pin.position()));
    JsonObject json =
        new JsonObject()
            .put("name", block.name())
            .put("algorithm", block.algorithm())
            .put("description", block.description())
            .put("limit", block.limit())
            .put("rules", properties)
            .put("pins", pins)
            .put("exclude", new JsonArray(rules.exclude()))
            .put("dithering", rules.dithering())
            .put("rotate_after", rules.rotateAfter());
    Fallback fallback = block.fallback();
    json.put(
        "fallback",
        fallback.named().isEmpty() ? fallback.toString() : new JsonArray(fallback.named()));
    if (rules.maxPerBrand() != null) json.put("max_per_brand", rules.maxPerBrand());
    if (rules.maxPerCategory() != null) json.put("max_per_category", rules.maxPerCategory());
    return json;
  }
}
