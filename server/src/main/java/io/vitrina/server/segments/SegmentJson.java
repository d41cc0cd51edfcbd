package io.vitrina.server.segments;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.segment.Condition;
import io.vitrina.engine.segment.ItemMatch;
import io.vitrina.engine.segment.Lifecycle;
import io.vitrina.engine.segment.Range;
import io.vitrina.engine.segment.RfmGroup;
import io.vitrina.engine.segment.RfmScale;
import io.vitrina.engine.segment.SegmentRule;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.Problem;
import io.vitrina.server.input.UnknownNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A rule segment as JSON: {@code {"name": …, "all": [conditions], "any": […], "none": […]}}, each
 * condition an object of one field naming it ({@code {"viewed": {"category": "Teapots", "at_least":
 * 2, "within_days": 7}}}). Reading collects every problem with its path ({@code
 * all[0].viewed.within_days}) before it throws. The JSON a store saved is kept as it was sent and
 * given back as it is.
 */
public final class SegmentJson {
  /** The conditions, by the field that names each. */
  static final List<String> CONDITIONS =
      List.of(
          "region",
          "viewed",
          "bought",
          "in_cart",
          "cart_value",
          "orders",
          "revenue",
          "lifecycle",
          "rfm_group",
          "searched",
          "last_seen_within_days",
          "first_seen_within_days");

  /** Conditions of one list: more would be a mistake, not a segment. */
  static final int MAX_CONDITIONS = 50;

  private SegmentJson() {}

  /**
   * @throws InvalidInputException listing everything wrong
   */
  public static SegmentRule parse(String id, JsonObject json) {
    List<Problem> problems = new ArrayList<>();
    if (!SegmentRule.ID.matcher(id).matches())
      problems.add(
          new Problem(
              -1,
              "id",
              "must be 1 to 64 lower-case letters, digits, '_' or '-', starting with a letter or"
                  + " digit, was '"
                  + id
                  + "'"));
    JsonFields f = new JsonFields(json, "", problems);
    String name = f.text("name", true);
    List<Condition> all = conditions(f, "all", problems);
    List<Condition> any = conditions(f, "any", problems);
    List<Condition> none = conditions(f, "none", problems);
    f.refuseUnknown();
    if (problems.isEmpty() && all.isEmpty() && any.isEmpty() && none.isEmpty())
      problems.add(
          new Problem(-1, null, "a segment needs at least one condition in all, any or none"));
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    return new SegmentRule(id, name.strip(), all, any, none);
  }

  /**
   * RFM thresholds a store sets: {@code {"recency_days": [7, 30, 90, 180], "frequency": [2, 3, 5,
   * 8], "monetary": [50, 100, 500, 1000]}}, four ascending numbers each.
   *
   * @throws InvalidInputException listing everything wrong
   */
  public static RfmScale scale(JsonObject json) {
    List<Problem> problems = new ArrayList<>();
    JsonFields f = new JsonFields(json, "", problems);
    List<Double> recency = thresholds(f, "recency_days");
    List<Double> frequency = thresholds(f, "frequency");
    List<Double> monetary = thresholds(f, "monetary");
    f.refuseUnknown();
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    return new RfmScale(recency, frequency, monetary);
  }

  private static List<Double> thresholds(JsonFields f, String field) {
    JsonArray array = f.array(field);
    if (array == null) {
      if (f.value(field) == null)
        f.problem(field, "is required: " + RfmScale.THRESHOLDS + " ascending numbers");
      return List.of();
    }
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (array.getValue(i) instanceof Number n) out.add(n.doubleValue());
      else
        f.problem(
            field + "[" + i + "]", "must be a number, was " + JsonFields.typeOf(array.getValue(i)));
    }
    if (out.size() == array.size()) {
      String problem = RfmScale.problem(out);
      if (problem != null) f.problem(field, problem);
    }
    return out;
  }

  /** The thresholds as JSON; a score no customer reaches is null (JSON has no infinity). */
  public static JsonObject toJson(RfmScale scale) {
    return new JsonObject()
        .put("recency_days", finite(scale.recencyDays()))
        .put("frequency", finite(scale.frequency()))
        .put("monetary", finite(scale.monetary()));
  }

  private static JsonArray finite(List<Double> thresholds) {
    JsonArray out = new JsonArray();
    for (double t : thresholds) out.add(Double.isInfinite(t) ? null : t);
    return out;
  }

  /** A rule as stored: it was valid when saved. */
  public static SegmentRule stored(String id, JsonObject json) {
    return parse(id, json);
  }

  private static List<Condition> conditions(JsonFields f, String list, List<Problem> problems) {
    JsonArray array = f.array(list);
    List<Condition> out = new ArrayList<>();
    if (array == null) return out;
    if (array.size() > MAX_CONDITIONS) {
      f.problem(list, "has " + array.size() + " conditions; at most " + MAX_CONDITIONS);
      return out;
    }
    for (int i = 0; i < array.size(); i++) {
      String path = list + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject object) || object.size() != 1) {
        problems.add(
            new Problem(
                -1,
                path,
                "must be an object of one field naming the condition, one of "
                    + String.join(", ", CONDITIONS)));
        continue;
      }
      String kind = object.fieldNames().iterator().next();
      Condition condition = condition(kind, object, path + ".", problems);
      if (condition != null) out.add(condition);
    }
    return out;
  }

  private static Condition condition(
      String kind, JsonObject holder, String prefix, List<Problem> problems) {
    int before = problems.size();
    JsonFields f = new JsonFields(holder, prefix, problems);
    Condition condition =
        switch (kind) {
          case "region" -> new Condition.Region(Set.copyOf(nonEmpty(f, kind)));
          case "viewed" -> behaviour(f, kind, (m, n, w) -> new Condition.Viewed(m, n, w));
          case "bought" -> behaviour(f, kind, (m, n, w) -> new Condition.Bought(m, n, w));
          case "in_cart" -> inCart(f, kind);
          case "cart_value" -> range(f, kind, Condition.CartValue::new);
          case "orders" -> range(f, kind, Condition.OrderCount::new);
          case "revenue" -> range(f, kind, Condition.Revenue::new);
          case "lifecycle" ->
              new Condition.InLifecycle(named(f, kind, Lifecycle.class, Lifecycle::byKey));
          case "rfm_group" ->
              new Condition.InRfmGroup(named(f, kind, RfmGroup.class, RfmGroup::byKey));
          case "searched" -> {
            String text = f.text(kind, true);
            yield text == null || text.isBlank() ? null : new Condition.Searched(text.strip());
          }
          case "last_seen_within_days" -> window(f, kind, Condition.LastSeen::new);
          case "first_seen_within_days" -> window(f, kind, Condition.FirstSeen::new);
          default -> {
            f.problem(kind, UnknownNames.message("condition", kind, CONDITIONS));
            yield null;
          }
        };
    return problems.size() > before ? null : condition;
  }

  private interface Behaviour {
    Condition of(ItemMatch items, int atLeast, Duration within);
  }

  private static Condition behaviour(JsonFields holder, String kind, Behaviour make) {
    JsonObject json = holder.object(kind);
    if (json == null) {
      if (holder.value(kind) == null) holder.problem(kind, "must be an object");
      return null;
    }
    JsonFields f = new JsonFields(json, prefixOf(holder, kind), holder.problems());
    ItemMatch items = itemMatch(f);
    Integer atLeast = f.integer("at_least", false, 1);
    Double days = f.number("within_days", false, 0);
    if (days != null && days == 0) f.problem("within_days", "must be more than 0");
    f.refuseUnknown();
    return make.of(items, atLeast == null ? 1 : atLeast, days == null ? null : daysOf(days));
  }

  private static Condition inCart(JsonFields holder, String kind) {
    JsonObject json = holder.object(kind);
    if (json == null) {
      if (holder.value(kind) == null) holder.problem(kind, "must be an object");
      return null;
    }
    JsonFields f = new JsonFields(json, prefixOf(holder, kind), holder.problems());
    ItemMatch items = itemMatch(f);
    Integer atLeast = f.integer("at_least", false, 1);
    f.refuseUnknown();
    return new Condition.InCart(items, atLeast == null ? 1 : atLeast);
  }

  private static ItemMatch itemMatch(JsonFields f) {
    return new ItemMatch(f.id("item", false), f.term("category"), f.term("brand"), f.term("tag"));
  }

  private static Condition range(JsonFields holder, String kind, Function<Range, Condition> make) {
    JsonObject json = holder.object(kind);
    if (json == null) {
      if (holder.value(kind) == null) holder.problem(kind, "must be an object");
      return null;
    }
    JsonFields f = new JsonFields(json, prefixOf(holder, kind), holder.problems());
    Double atLeast = f.number("at_least", false, 0);
    Double atMost = f.number("at_most", false, 0);
    f.refuseUnknown();
    if (atLeast == null && atMost == null && json.isEmpty())
      holder.problem(kind, "needs at_least, at_most or both");
    else if (atLeast != null && atMost != null && atLeast > atMost)
      f.problem("at_most", "must not be below at_least (" + atLeast + "), was " + atMost);
    return make.apply(new Range(atLeast, atMost));
  }

  private static Condition window(JsonFields f, String kind, Function<Duration, Condition> make) {
    Double days = f.number(kind, true, 0);
    if (days == null) return null;
    if (days == 0) {
      f.problem(kind, "must be more than 0");
      return null;
    }
    return make.apply(daysOf(days));
  }

  private static Duration daysOf(double days) {
    return Duration.ofSeconds(Math.round(days * 86_400));
  }

  private static List<String> nonEmpty(JsonFields f, String kind) {
    Object raw = f.value(kind);
    List<String> values = f.strings(kind);
    if (raw == null || (raw instanceof JsonArray array && array.isEmpty()))
      f.problem(kind, "must be a non-empty array of strings");
    return values;
  }

  private static <E extends Enum<E>> Set<E> named(
      JsonFields f, String kind, Class<E> type, Function<String, Optional<E>> byKey) {
    List<String> names = nonEmpty(f, kind);
    Set<E> out = EnumSet.noneOf(type);
    for (int i = 0; i < names.size(); i++) {
      Optional<E> value = byKey.apply(names.get(i));
      if (value.isPresent()) out.add(value.get());
      else
        f.problem(
            kind + "[" + i + "]",
            "is not one of "
                + String.join(
                    ", ",
                    Arrays.stream(type.getEnumConstants())
                        .map(e -> e.name().toLowerCase(java.util.Locale.ROOT))
                        .toList())
                + ", was '"
                + names.get(i)
                + "'");
    }
    return out;
  }

  private static String prefixOf(JsonFields holder, String kind) {
    return holder.prefix() + kind + ".";
  }
}
