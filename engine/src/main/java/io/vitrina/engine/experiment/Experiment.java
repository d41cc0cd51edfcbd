package io.vitrina.engine.experiment;

import io.vitrina.engine.block.Block;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An A/B experiment on a placement: its arms, the share of shoppers it takes, what it is judged by,
 * and its life so far.
 *
 * @param id how the admin API and reports name it
 * @param phases oldest first; empty until it first starts
 */
public record Experiment(
    String id,
    Placement placement,
    List<Arm> arms,
    Traffic traffic,
    Goals goals,
    Status status,
    List<Phase> phases) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** At most this many arms: each costs a share of the traffic. */
  public static final int MAX_ARMS = 10;

  /**
   * @param share of the shoppers who enter the experiment, in (0, 1]
   * @param salt hashed with the shopper's id: a new salt reshuffles everyone
   */
  public record Traffic(double share, String salt) {}

  /**
   * @param primary what decides the experiment
   * @param guardrails what must not get worse
   */
  public record Goals(Metric primary, List<Metric> guardrails) {
    public Goals {
      guardrails = List.copyOf(guardrails);
    }
  }

  /** One thing wrong with an experiment, and which field it is in. */
  public record Problem(String field, String message) {}

  public Experiment {
    Objects.requireNonNull(placement, "placement");
    arms = List.copyOf(arms);
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(goals, "goals");
    Objects.requireNonNull(status, "status");
    phases = List.copyOf(phases);
  }

  /** A draft: not started, no phase. */
  public static Experiment draft(
      String id, Placement placement, List<Arm> arms, Traffic traffic, Goals goals) {
    return new Experiment(id, placement, arms, traffic, goals, Status.DRAFT, List.of());
  }

  /** Whether {@code id} may name an experiment: 1-64 lower-case letters, digits, _ or -. */
  public static boolean validId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** The phase shoppers are assigned under now, if it ever started. */
  public Optional<Phase> currentPhase() {
    return phases.isEmpty() ? Optional.empty() : Optional.of(phases.getLast());
  }

  public Optional<Arm> arm(String key) {
    return arms.stream().filter(a -> a.key().equals(key)).findFirst();
  }

  public List<Double> weights() {
    return arms.stream().map(Arm::weight).toList();
  }

  /**
   * Everything wrong with this experiment, each with its field; {@code blockCheck} checks the
   * configured arms' blocks (their algorithm, size, pins) as a block would be checked.
   */
  public List<Problem> problems(BlockCheck blockCheck) {
    List<Problem> out = new ArrayList<>();
    if (!validId(id)) out.add(new Problem("id", "must be 1-64 lower-case letters, digits, _ or -"));
    if (arms.size() < 2 || arms.size() > MAX_ARMS)
      out.add(new Problem("arms", "must be 2 to " + MAX_ARMS + " arms, was " + arms.size()));
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < arms.size(); i++) {
      Arm arm = arms.get(i);
      String at = "arms[" + i + "]";
      if (!Arm.validKey(arm.key()))
        out.add(new Problem(at + ".key", "must be 1-64 lower-case letters, digits, _ or -"));
      else if (!keys.add(arm.key()))
        out.add(new Problem(at + ".key", "'" + arm.key() + "' names an arm already"));
      if (!(arm.weight() > 0) || Double.isInfinite(arm.weight()))
        out.add(new Problem(at + ".weight", "must be a positive number, was " + arm.weight()));
      if (arm.treatment() instanceof Arm.Configured configured)
        for (Block.Problem p : blockCheck.problems(configured.block()))
          out.add(new Problem(at + ".block." + p.field(), p.message()));
    }
    if (!(traffic.share() > 0 && traffic.share() <= 1))
      out.add(new Problem("traffic", "must be in (0, 1], was " + traffic.share()));
    if (traffic.salt() == null || traffic.salt().isBlank())
      out.add(new Problem("salt", "must not be empty"));
    if (goals.guardrails().contains(goals.primary()))
      out.add(new Problem("guardrails", "must not repeat the primary metric"));
    return out;
  }

  /** Checks an arm's block configuration as a saved block is checked. */
  @FunctionalInterface
  public interface BlockCheck {
    List<Block.Problem> problems(Block block);
  }

  /**
   * Running from {@code now}: a draft starts its first phase; a paused experiment goes on in its
   * phase.
   *
   * @throws IllegalStateException when stopped or running already
   */
  public Experiment started(Instant now) {
    if (status == Status.STOPPED || status == Status.RUNNING)
      throw new IllegalStateException("a " + status.wireName() + " experiment cannot start");
    List<Phase> next =
        phases.isEmpty() ? List.of(new Phase(1, now, traffic.share(), weights())) : phases;
    return new Experiment(id, placement, arms, traffic, goals, Status.RUNNING, next);
  }

  /** Paused: the placement serves as saved, and nobody is assigned, until it starts again. */
  public Experiment paused() {
    if (status != Status.RUNNING)
      throw new IllegalStateException("a " + status.wireName() + " experiment cannot pause");
    return new Experiment(id, placement, arms, traffic, goals, Status.PAUSED, phases);
  }

  /** Over for good: its report stays. */
  public Experiment stopped() {
    if (status == Status.STOPPED || status == Status.DRAFT)
      throw new IllegalStateException("a " + status.wireName() + " experiment cannot stop");
    return new Experiment(id, placement, arms, traffic, goals, Status.STOPPED, phases);
  }

  /**
   * This experiment as {@code edit} says, from {@code now}. A draft takes any edit. Once started,
   * only the weights, the traffic share and the goals may change, and a change of weights or share
   * starts a new phase.
   *
   * @return the problems that refuse the edit, or the edited experiment
   */
  public Edit edited(Experiment edit, Instant now) {
    if (status == Status.DRAFT)
      return new Edit(
          new Experiment(id, edit.placement, edit.arms, edit.traffic, edit.goals, status, phases),
          List.of());
    List<Problem> refused = new ArrayList<>();
    if (status == Status.STOPPED)
      refused.add(new Problem("status", "a stopped experiment is over"));
    if (!edit.placement.equals(placement))
      refused.add(new Problem("placement", "cannot change once started"));
    if (!edit.traffic.salt().equals(traffic.salt()))
      refused.add(new Problem("salt", "cannot change once started: it would reshuffle everyone"));
    if (!edit.arms.stream().map(Arm::key).toList().equals(arms.stream().map(Arm::key).toList()))
      refused.add(new Problem("arms", "cannot be added, removed or renamed once started"));
    else
      for (int i = 0; i < arms.size(); i++)
        if (!edit.arms.get(i).treatment().equals(arms.get(i).treatment()))
          refused.add(
              new Problem("arms[" + i + "]", "what an arm shows cannot change once started"));
    if (!refused.isEmpty()) return new Edit(this, refused);
    List<Phase> next = new ArrayList<>(phases);
    if (edit.traffic.share() != traffic.share() || !edit.weights().equals(weights()))
      next.add(new Phase(phases.size() + 1, now, edit.traffic.share(), edit.weights()));
    return new Edit(
        new Experiment(id, placement, edit.arms, edit.traffic, edit.goals, status, next),
        List.of());
  }

  /** An edit's outcome: the experiment after it, or, when refused, the problems. */
  public record Edit(Experiment experiment, List<Problem> refused) {
    public Edit {
      refused = List.copyOf(refused);
    }
  }
}
