package io.vitrina.server.experiments;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.engine.experiment.Arm;
import io.vitrina.engine.experiment.Experiment;
import io.vitrina.engine.experiment.Metric;
import io.vitrina.engine.experiment.Phase;
import io.vitrina.engine.experiment.Placement;
import io.vitrina.engine.experiment.Status;
import io.vitrina.server.blocks.BlockJson;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An experiment as JSON, both ways. Reading what a store sends collects every problem with its path
 * ({@code arms[1].block.limit}) before it throws; its status and phases are the service's to set,
 * so a GET's answer may be sent back as it is.
 */
final class ExperimentJson {
  private ExperimentJson() {}

  /** What the sender may decide; the rest (status, phases) is read back but not taken. */
  private static final String[] READ_ONLY = {"id", "status", "phases"};

  /**
   * A draft as a store sends it.
   *
   * @param exists whether a placement names what is there: a saved block, a trigger kind
   * @throws InvalidInputException listing everything wrong
   */
  static Experiment parse(
      String id, JsonObject json, AlgorithmCatalog algorithms, Predicate<Placement> exists) {
    List<Problem> problems = new ArrayList<>();
    JsonFields f = new JsonFields(json, "", problems);
    Placement placement = placement(f, exists);
    List<Arm> arms = arms(f.array("arms"), placement, algorithms, problems);
    if (f.value("arms") == null) f.problem("arms", "is required");
    Double share = f.number("traffic", false, 0);
    String salt = f.text("salt", false);
    Metric primary = metric(f, "primary_metric");
    List<Metric> guardrails = new ArrayList<>();
    List<String> names = f.strings("guardrails");
    for (int i = 0; i < names.size(); i++) {
      Metric m = Metric.byWireName(names.get(i)).orElse(null);
      if (m == null) f.problem("guardrails[" + i + "]", unknownMetric(names.get(i)));
      else guardrails.add(m);
    }
    f.refuseUnknown(READ_ONLY);
    Experiment experiment =
        Experiment.draft(
            id,
            placement == null ? Placement.block("") : placement,
            arms,
            new Experiment.Traffic(
                share == null ? 1 : share, salt == null || salt.isEmpty() ? id : salt),
            new Experiment.Goals(
                primary == null ? Metric.REVENUE_PER_SHOPPER : primary, guardrails));
    for (Experiment.Problem p : experiment.problems(block -> List.of()))
      if (!(p.field().equals("arms") && f.value("arms") == null))
        problems.add(new Problem(-1, p.field(), p.message()));
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    return experiment;
  }

  private static Placement placement(JsonFields f, Predicate<Placement> exists) {
    JsonObject json = f.object("placement");
    if (json == null) {
      if (f.value("placement") == null) f.problem("placement", "is required");
      return null;
    }
    List<Problem> problems = f.problems();
    int before = problems.size();
    JsonFields p = new JsonFields(json, "placement.", problems);
    if (p.value("everywhere") != null) {
      p.problem(
          "everywhere",
          "the global holdout is the only experiment everywhere, and the service's"
              + " --experiments-global-holdout setting makes it");
      return null;
    }
    String block = p.id("block", false);
    String trigger = p.id("trigger", false);
    String campaign = p.id("campaign", false);
    String slot = p.id("slot", false);
    p.refuseUnknown();
    long named =
        java.util.stream.Stream.of(block, trigger, campaign, slot).filter(Objects::nonNull).count();
    if (named != 1) {
      if (f.problems().size() == before)
        f.problem(
            "placement",
            "needs one of block (a block's name), trigger (a trigger kind), campaign (a"
                + " campaign's id) or slot (a slot's name)");
      return null;
    }
    Placement placement =
        block != null
            ? Placement.block(block)
            : trigger != null
                ? Placement.trigger(trigger)
                : campaign != null ? Placement.campaign(campaign) : Placement.slot(slot);
    if (!exists.test(placement))
      f.problem(
          "placement." + placement.kind().wireName(),
          switch (placement.kind()) {
            case BLOCK -> "no block named '" + block + "'; save the block first";
            case TRIGGER -> "no trigger kind '" + trigger + "'";
            case CAMPAIGN -> "no campaign '" + campaign + "'; save the campaign first";
            default -> "no slot named '" + slot + "'; save the slot first";
          });
    return placement;
  }

  private static List<Arm> arms(
      JsonArray array, Placement placement, AlgorithmCatalog algorithms, List<Problem> problems) {
    List<Arm> out = new ArrayList<>();
    if (array == null) return out;
    for (int i = 0; i < array.size(); i++) {
      String at = "arms[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject json)) {
        problems.add(new Problem(-1, at, "must be an object"));
        continue;
      }
      JsonFields f = new JsonFields(json, at + ".", problems);
      String key = f.term("key");
      if (key == null && f.value("key") == null) f.problem("key", "is required");
      Double weight = f.number("weight", false, 0);
      Boolean holdout = f.bool("holdout");
      JsonObject block = f.object("block");
      f.refuseUnknown();
      Arm.Treatment treatment = new Arm.AsSaved();
      if (Boolean.TRUE.equals(holdout)) {
        if (block != null) f.problem("block", "a holdout shows nothing: give it no block");
        treatment = new Arm.Holdout();
      } else if (block != null && placement != null && placement.kind() != Placement.Kind.BLOCK) {
        f.problem(
            "block",
            "a " + placement.kind().wireName() + "'s arm is shown or held out: give it no block");
      } else if (block != null) {
        treatment = configured(block, placement, algorithms, at + ".block.", problems);
      }
      out.add(new Arm(key == null ? "" : key, weight == null ? 1 : weight, treatment));
    }
    return out;
  }

  private static Arm.Treatment configured(
      JsonObject json,
      Placement placement,
      AlgorithmCatalog algorithms,
      String prefix,
      List<Problem> problems) {
    String name = placement == null ? "arm" : placement.name();
    try {
      return new Arm.Configured(BlockJson.parse(name, json, algorithms));
    } catch (InvalidInputException e) {
      for (Problem p : e.problems()) problems.add(new Problem(-1, prefix + p.field(), p.message()));
      return new Arm.AsSaved();
    }
  }

  private static Metric metric(JsonFields f, String field) {
    String name = f.term(field);
    if (name == null) return null;
    Metric metric = Metric.byWireName(name).orElse(null);
    if (metric == null) f.problem(field, unknownMetric(name));
    return metric;
  }

  private static String unknownMetric(String name) {
    return "unknown metric '" + name + "'; known: " + Metric.known();
  }

  /** An experiment as stored: what it was saved with, status and phases included. */
  static Experiment stored(JsonObject json) {
    Placement placement = placement(json.getJsonObject("placement"));
    return new Experiment(
        json.getString("id"),
        placement,
        storedArms(json.getJsonArray("arms"), placement.name()),
        new Experiment.Traffic(json.getDouble("traffic"), json.getString("salt")),
        new Experiment.Goals(
            Metric.byWireName(json.getString("primary_metric")).orElseThrow(),
            json.getJsonArray("guardrails").stream()
                .map(m -> Metric.byWireName((String) m).orElseThrow())
                .toList()),
        Status.valueOf(json.getString("status").toUpperCase(java.util.Locale.ROOT)),
        phases(json.getJsonArray("phases")));
  }

  private static Placement placement(JsonObject json) {
    if (json.getBoolean("everywhere", false)) return Placement.everywhere();
    if (json.containsKey("trigger")) return Placement.trigger(json.getString("trigger"));
    if (json.containsKey("campaign")) return Placement.campaign(json.getString("campaign"));
    if (json.containsKey("slot")) return Placement.slot(json.getString("slot"));
    return Placement.block(json.getString("block"));
  }

  private static JsonObject toJson(Placement placement) {
    return switch (placement.kind()) {
      case BLOCK -> new JsonObject().put("block", placement.name());
      case TRIGGER -> new JsonObject().put("trigger", placement.name());
      case CAMPAIGN -> new JsonObject().put("campaign", placement.name());
      case SLOT -> new JsonObject().put("slot", placement.name());
      case EVERYWHERE -> new JsonObject().put("everywhere", true);
    };
  }

  private static List<Arm> storedArms(JsonArray array, String placement) {
    List<Arm> out = new ArrayList<>();
    for (Object o : array) {
      JsonObject json = (JsonObject) o;
      Arm.Treatment treatment =
          json.getBoolean("holdout", false)
              ? new Arm.Holdout()
              : json.getJsonObject("block") == null
                  ? new Arm.AsSaved()
                  : new Arm.Configured(BlockJson.stored(placement, json.getJsonObject("block")));
      out.add(new Arm(json.getString("key"), json.getDouble("weight"), treatment));
    }
    return out;
  }

  private static List<Phase> phases(JsonArray array) {
    List<Phase> out = new ArrayList<>();
    for (Object o : array) {
      JsonObject json = (JsonObject) o;
      out.add(
          new Phase(
              json.getInteger("number"),
              Instant.parse(json.getString("started")),
              json.getDouble("traffic"),
              json.getJsonArray("weights").stream().map(w -> ((Number) w).doubleValue()).toList()));
    }
    return out;
  }

  static JsonObject toJson(Experiment e) {
    JsonArray arms = new JsonArray();
    for (Arm arm : e.arms()) {
      JsonObject json = new JsonObject().put("key", arm.key()).put("weight", arm.weight());
      switch (arm.treatment()) {
        case Arm.Holdout h -> json.put("holdout", true);
        case Arm.AsSaved s -> {}
        case Arm.Configured c -> json.put("block", withoutName(BlockJson.toJson(c.block())));
      }
      arms.add(json);
    }
    JsonArray phases = new JsonArray();
    for (Phase phase : e.phases())
      phases.add(
          new JsonObject()
              .put("number", phase.number())
              .put("started", phase.started().toString())
              .put("traffic", phase.share())
              .put("weights", new JsonArray(phase.weights())));
    return new JsonObject()
        .put("id", e.id())
        .put("placement", toJson(e.placement()))
        .put("arms", arms)
        .put("traffic", e.traffic().share())
        .put("salt", e.traffic().salt())
        .put("primary_metric", e.goals().primary().wireName())
        .put(
            "guardrails",
            new JsonArray(e.goals().guardrails().stream().map(Metric::wireName).toList()))
        .put("status", e.status().wireName())
        .put("phases", phases);
  }

  private static JsonObject withoutName(JsonObject block) {
    block.remove("name");
    return block;
  }
}
