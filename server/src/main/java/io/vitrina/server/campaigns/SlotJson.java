package io.vitrina.server.campaigns;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.campaign.Campaign;
import io.vitrina.engine.campaign.Content;
import io.vitrina.engine.campaign.Slot;
import io.vitrina.engine.campaign.Targeting;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A content slot as JSON, both ways: {@code default} (a content with its {@code type}: banner, text
 * or items) and {@code variants[] {key, targeting, content}}, tried in order. Reading collects
 * every problem with its path before it throws.
 */
public final class SlotJson {
  private SlotJson() {}

  static final int MAX_VARIANTS = 50;

  /** A variant's key, as decisions and reports name it ({@code segment:cart-left-behind}). */
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");

  static Slot parse(String name, JsonObject json, Shapes.Known known) {
    return read(name, json, known);
  }

  static Slot stored(String name, JsonObject json) {
    return read(name, json, null);
  }

  private static Slot read(String name, JsonObject json, Shapes.Known known) {
    List<Problem> problems = new ArrayList<>();
    if (!Campaign.validId(name))
      problems.add(new Problem(-1, "name", "must be 1-64 lower-case letters, digits, _ or -"));
    JsonFields f = new JsonFields(json, "", problems);
    JsonObject fallbackJson = f.object("default");
    Content fallback =
        fallbackJson == null
            ? null
            : Shapes.content(fallbackJson, "default.", true, known, problems);
    List<Slot.Variant> variants = variants(f.array("variants"), known, problems);
    if (fallbackJson == null
        && f.value("default") == null
        && variants.isEmpty()
        && f.value("variants") == null)
      f.problem("default", "is required when there are no variants");
    if (known != null) f.refuseUnknown("name");
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    return new Slot(name, fallback, variants);
  }

  private static List<Slot.Variant> variants(
      JsonArray array, Shapes.Known known, List<Problem> problems) {
    List<Slot.Variant> out = new ArrayList<>();
    if (array == null) return out;
    if (array.size() > MAX_VARIANTS)
      problems.add(new Problem(-1, "variants", "has more than " + MAX_VARIANTS));
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < array.size() && i < MAX_VARIANTS; i++) {
      String at = "variants[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject json)) {
        problems.add(
            new Problem(-1, at, "must be an object with a key, a targeting and a content"));
        continue;
      }
      int before = problems.size();
      JsonFields v = new JsonFields(json, at + ".", problems);
      String key = v.text("key", true);
      if (key != null && !KEY.matcher(key).matches())
        v.problem("key", "must be 1-64 lower-case letters, digits or _.:-, was '" + key + "'");
      else if (key != null && (key.equals(Slot.DEFAULT) || !keys.add(key)))
        v.problem("key", "'" + key + "' names the default or another variant already");
      Targeting targeting =
          Shapes.targeting(v.object("targeting"), at + ".targeting.", known, problems);
      JsonObject contentJson = v.object("content");
      if (contentJson == null && v.value("content") == null) v.problem("content", "is required");
      Content content =
          contentJson == null
              ? null
              : Shapes.content(contentJson, at + ".content.", true, known, problems);
      if (known != null) v.refuseUnknown();
      if (problems.size() == before) out.add(new Slot.Variant(key, targeting, content));
    }
    return out;
  }

  static JsonObject toJson(Slot slot) {
    JsonArray variants = new JsonArray();
    for (Slot.Variant v : slot.variants())
      variants.add(
          new JsonObject()
              .put("key", v.key())
              .put("targeting", Shapes.toJson(v.targeting()))
              .put("content", Shapes.toJson(v.content())));
    JsonObject json = new JsonObject().put("name", slot.name()).put("variants", variants);
    if (slot.fallback() != null) json.put("default", Shapes.toJson(slot.fallback()));
    return json;
  }
}
