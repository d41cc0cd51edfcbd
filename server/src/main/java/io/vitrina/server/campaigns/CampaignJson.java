package io.vitrina.server.campaigns;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.campaign.Campaign;
import io.vitrina.engine.campaign.Caps;
import io.vitrina.engine.campaign.Content;
import io.vitrina.engine.campaign.PageTrigger;
import io.vitrina.engine.campaign.Schedule;
import io.vitrina.engine.campaign.Targeting;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign as JSON, both ways: {@code name, active, priority, content, triggers[], targeting,
 * caps, schedule}. Reading collects every problem with its path ({@code targeting.segments[0]},
 * {@code content.cta.url}) before it throws.
 */
public final class CampaignJson {
  private CampaignJson() {}

  /** Triggers a campaign has at most. */
  static final int MAX_TRIGGERS = 10;

  /**
   * A campaign a store sends: unknown fields are refused, and what it names must be there.
   *
   * @throws InvalidInputException listing everything wrong
   */
  static Campaign parse(String id, JsonObject json, Shapes.Known known) {
    return read(id, json, known);
  }

  /** A campaign as stored, read as saved. */
  static Campaign stored(String id, JsonObject json) {
    return read(id, json, null);
  }

  private static Campaign read(String id, JsonObject json, Shapes.Known known) {
    List<Problem> problems = new ArrayList<>();
    if (!Campaign.validId(id))
      problems.add(new Problem(-1, "id", "must be 1-64 lower-case letters, digits, _ or -"));
    JsonFields f = new JsonFields(json, "", problems);
    String name = f.text("name", false);
    Boolean active = f.bool("active");
    Integer priority = f.integer("priority", false, Integer.MIN_VALUE);
    JsonObject contentJson = f.object("content");
    Content content =
        contentJson == null
            ? null
            : Shapes.content(contentJson, "content.", false, known, problems);
    if (contentJson == null && f.value("content") == null)
      f.problem("content", "is required: a title, a text, an image or items");
    List<PageTrigger> triggers = triggers(f, problems, known != null);
    Targeting targeting = Shapes.targeting(f.object("targeting"), "targeting.", known, problems);
    Caps caps = caps(f.object("caps"), problems, known != null);
    Schedule schedule = schedule(f.object("schedule"), problems, known != null);
    if (known != null) f.refuseUnknown("id");
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    return new Campaign(
        id,
        name,
        active == null || active,
        priority == null ? 0 : priority,
        content,
        triggers,
        targeting,
        caps,
        schedule);
  }

  private static List<PageTrigger> triggers(
      JsonFields f, List<Problem> problems, boolean refuseUnknown) {
    JsonArray array = f.array("triggers");
    List<PageTrigger> out = new ArrayList<>();
    if (array == null) {
      if (f.value("triggers") == null)
        f.problem(
            "triggers",
            "is required: when on the page it opens, e.g. [{\"type\": \"exit_intent\"}]");
      return out;
    }
    if (array.isEmpty()) f.problem("triggers", "needs at least one trigger");
    if (array.size() > MAX_TRIGGERS) f.problem("triggers", "has more than " + MAX_TRIGGERS);
    for (int i = 0; i < array.size() && i < MAX_TRIGGERS; i++) {
      String at = "triggers[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject json)) {
        problems.add(new Problem(-1, at, "must be an object with a type"));
        continue;
      }
      JsonFields t = new JsonFields(json, at + ".", problems);
      String raw = t.text("type", true);
      PageTrigger.Type type = raw == null ? null : PageTrigger.Type.fromWireName(raw).orElse(null);
      if (raw != null && type == null)
        t.problem("type", "unknown trigger '" + raw + "'; expected one of " + triggerNames());
      int value = 0;
      if (type != null && type.field != null) {
        Integer n = t.integer(type.field, true, type.min);
        if (n != null && n > type.max) t.problem(type.field, "must be at most " + type.max);
        else if (n != null) value = n;
      }
      if (refuseUnknown) t.refuseUnknown();
      if (type != null) out.add(new PageTrigger(type, value));
    }
    return out;
  }

  private static String triggerNames() {
    StringBuilder out = new StringBuilder();
    for (PageTrigger.Type t : PageTrigger.Type.values())
      out.append(out.isEmpty() ? "" : ", ").append(t.wireName());
    return out.toString();
  }

  private static Caps caps(JsonObject json, List<Problem> problems, boolean refuseUnknown) {
    if (json == null) return Caps.NONE;
    JsonFields f = new JsonFields(json, "caps.", problems);
    Integer perSession = recent(f, "per_session");
    Integer perDay = recent(f, "per_day");
    Integer lifetime = f.integer("lifetime", false, 1);
    Integer afterClose = f.integer("days_after_close", false, 1);
    if (refuseUnknown) f.refuseUnknown();
    return new Caps(perSession, perDay, lifetime, afterClose);
  }

  /** A cap that counts recent shows: up to what a history keeps. */
  private static Integer recent(JsonFields f, String field) {
    Integer n = f.integer(field, false, 1);
    if (n != null && n > Caps.MAX_RECENT) {
      f.problem(field, "must be at most " + Caps.MAX_RECENT);
      return null;
    }
    return n;
  }

  private static Schedule schedule(JsonObject json, List<Problem> problems, boolean refuseUnknown) {
    if (json == null) return Schedule.ALWAYS;
    JsonFields f = new JsonFields(json, "schedule.", problems);
    Instant starts = f.instant("starts");
    Instant ends = f.instant("ends");
    if (starts != null && ends != null && !ends.isAfter(starts))
      f.problem("ends", "must be after starts (" + starts + "), was " + ends);
    if (refuseUnknown) f.refuseUnknown();
    return new Schedule(starts, ends);
  }

  static JsonObject toJson(Campaign c) {
    JsonArray triggers = new JsonArray();
    for (PageTrigger t : c.triggers()) triggers.add(toJson(t));
    JsonObject caps = new JsonObject();
    if (c.caps().perSession() != null) caps.put("per_session", c.caps().perSession());
    if (c.caps().perDay() != null) caps.put("per_day", c.caps().perDay());
    if (c.caps().lifetime() != null) caps.put("lifetime", c.caps().lifetime());
    if (c.caps().daysAfterClose() != null) caps.put("days_after_close", c.caps().daysAfterClose());
    JsonObject schedule = new JsonObject();
    if (c.schedule().starts() != null) schedule.put("starts", c.schedule().starts().toString());
    if (c.schedule().ends() != null) schedule.put("ends", c.schedule().ends().toString());
    JsonObject json =
        new JsonObject()
            .put("id", c.id())
            .put("active", c.active())
            .put("priority", c.priority())
            .put("content", Shapes.toJson(c.content()))
            .put("triggers", triggers)
            .put("targeting", Shapes.toJson(c.targeting()))
            .put("caps", caps)
            .put("schedule", schedule);
    if (c.name() != null) json.put("name", c.name());
    return json;
  }

  /** A trigger as the decision and the admin API give it: {@code {"type": …, "seconds": 30}}. */
  static JsonObject toJson(PageTrigger t) {
    JsonObject json = new JsonObject().put("type", t.type().wireName());
    if (t.type().field != null) json.put(t.type().field, t.value());
    return json;
  }
}
