package io.vitrina.engine.experiment;

import io.vitrina.engine.attribution.AttributionToken;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.ShopperKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Applies a stretch of the event log to the shoppers' outcomes in the active experiments, and says
 * what changed, for a store to persist: the outcomes (before and after, so that each arm's totals
 * move by the difference) and the ids newly tied to a shopper.
 *
 * <p>A shopper enters an experiment at their first exposure (an {@code experiment_exposure} event,
 * its token naming the experiment and the arm), under the id they were assigned by. Later events
 * find them by their visitor id, else their customer id; an event naming both ties the other id to
 * the same shopper, so a purchase sent from the store's server with the customer id alone counts
 * for the shopper who saw the block. When the two ids already belong to two shoppers of the
 * experiment in different arms (one customer, two devices), both are marked crossed and the event
 * counts for the visitor's.
 *
 * <p>Used the same way online (a page of the log at a time, with what the page needs loaded) and
 * for a recomputation from every event, so that both give the same totals.
 */
public final class OutcomeBook {
  /** A shopper's place in an experiment: the experiment and the id they were exposed under. */
  public record Key(String experiment, String shopper) {}

  /** An arm of an experiment in one phase: what a report's totals are kept by. */
  public record ArmKey(String experiment, int phase, String arm) {
    static ArmKey of(String experiment, ShopperOutcome outcome) {
      return new ArmKey(experiment, outcome.phase(), outcome.arm());
    }
  }

  /** What an event did to one shopper's outcome: {@code before} is null for a new shopper. */
  public record Change(Key key, ShopperOutcome before, ShopperOutcome after) {
    /** The arm whose totals move (a shopper never changes arm or phase). */
    public ArmKey arm() {
      return ArmKey.of(key.experiment(), after);
    }

    /** How much the arm's totals move. */
    public ArmTotals delta() {
      return ArmTotals.change(before, after);
    }
  }

  private final Map<String, Experiment> active;
  private final Function<String, Optional<AttributionToken>> tokens;
  private final ToDoubleFunction<Event> preRevenue;
  private final ShopperOutcome.Rules rules;

  /** (experiment, id) to the shopper key it belongs to: loaded, then grown. */
  private final Map<Key, String> units = new HashMap<>();

  private final Map<Key, String> newUnits = new LinkedHashMap<>();
  private final Map<Key, ShopperOutcome> outcomes = new HashMap<>();
  private final Map<Key, ShopperOutcome> before = new LinkedHashMap<>();

  /**
   * @param active the experiments whose shoppers are counted (running or paused), by id
   * @param tokens the genuine token's parts, or empty
   * @param preRevenue the revenue of an exposed shopper's window before exposure
   */
  public OutcomeBook(
      Map<String, Experiment> active,
      Function<String, Optional<AttributionToken>> tokens,
      ToDoubleFunction<Event> preRevenue,
      ShopperOutcome.Rules rules) {
    this.active = Map.copyOf(active);
    this.tokens = tokens;
    this.preRevenue = preRevenue;
    this.rules = rules;
  }

  /**
   * The events a book reads: those that change outcomes, and those that tie a visitor to a
   * customer; it passes over the rest, so that a reader may give it every event or these alone.
   */
  public static final List<EventType> READS =
      List.of(
          EventType.EXPERIMENT_EXPOSURE,
          EventType.VIEW_ITEM_LIST,
          EventType.SELECT_ITEM,
          EventType.ADD_TO_CART,
          EventType.PURCHASE,
          EventType.REFUND,
          EventType.IDENTIFY,
          EventType.LOGIN,
          EventType.SIGN_UP);

  /** Tells the book an id already tied to a shopper (as stored). */
  public void knownUnit(String experiment, String unit, String shopper) {
    units.put(new Key(experiment, unit), shopper);
  }

  /** Tells the book a shopper's outcome as stored. */
  public void knownOutcome(Key key, ShopperOutcome outcome) {
    outcomes.put(key, outcome);
  }

  /** The ids an event may find its shopper by: its visitor's, then its customer's. */
  public static List<String> unitsOf(Event event) {
    List<String> out = new ArrayList<>(2);
    if (event.visitorId() != null && !event.visitorId().isBlank())
      out.add(ShopperKeys.visitor(event.visitorId()));
    if (event.customerId() != null && !event.customerId().isBlank())
      out.add(ShopperKeys.customer(event.customerId()));
    return out;
  }

  public void apply(Event event) {
    if (!READS.contains(event.type())) return;
    if (event.type() == EventType.EXPERIMENT_EXPOSURE) {
      exposed(event);
      return;
    }
    boolean matters = ShopperOutcome.matters(event.type());
    boolean ties = event.visitorId() != null && event.customerId() != null;
    if (active.isEmpty() || !(matters || ties)) return;
    AttributionToken token =
        event.attributionToken() == null
            ? null
            : tokens.apply(event.attributionToken()).orElse(null);
    for (Experiment experiment : active.values()) {
      String shopper = shopperOf(experiment.id(), event);
      if (shopper == null || !matters) continue;
      boolean fromPlacement = token != null && experiment.placement().covers(token.block());
      Key key = new Key(experiment.id(), shopper);
      ShopperOutcome outcome = outcomes.get(key);
      if (outcome != null) record(key, outcome, outcome.after(event, fromPlacement, rules));
    }
  }

  private void exposed(Event event) {
    AttributionToken token =
        event.attributionToken() == null
            ? null
            : tokens.apply(event.attributionToken()).orElse(null);
    if (token == null || token.experiment() == null) return;
    Experiment experiment = active.get(token.experiment());
    if (experiment == null || experiment.arm(token.arm()).isEmpty()) return;
    String unit = Assignment.shopperId(event.visitorId(), event.customerId());
    if (unit == null) return;
    String existing = shopperOf(experiment.id(), event);
    if (existing != null) {
      Key key = new Key(experiment.id(), existing);
      ShopperOutcome outcome = outcomes.get(key);
      if (outcome != null && !outcome.arm().equals(token.arm()))
        record(key, outcome, outcome.crossedOver());
      return;
    }
    Key key = new Key(experiment.id(), unit);
    record(
        key,
        null,
        ShopperOutcome.exposed(
            token.arm(),
            phaseAt(experiment, event),
            event.occurredAt(),
            preRevenue.applyAsDouble(event)));
    for (String id : unitsOf(event)) tie(experiment.id(), id, unit);
  }

  /**
   * The shopper the event belongs to in {@code experiment}, tying its other id to them; marks two
   * shoppers crossed when its ids belong to both.
   */
  private String shopperOf(String experiment, Event event) {
    List<String> ids = unitsOf(event);
    String found = null;
    for (String id : ids) {
      String shopper = units.get(new Key(experiment, id));
      if (shopper == null) continue;
      if (found == null) found = shopper;
      else if (!found.equals(shopper)) cross(experiment, found, shopper);
    }
    if (found != null) for (String id : ids) tie(experiment, id, found);
    return found;
  }

  private void cross(String experiment, String a, String b) {
    for (String shopper : List.of(a, b)) {
      Key key = new Key(experiment, shopper);
      ShopperOutcome outcome = outcomes.get(key);
      if (outcome != null && !outcome.crossed()) record(key, outcome, outcome.crossedOver());
    }
  }

  private void tie(String experiment, String id, String shopper) {
    Key key = new Key(experiment, id);
    if (units.putIfAbsent(key, shopper) == null) newUnits.put(key, shopper);
  }

  private void record(Key key, ShopperOutcome was, ShopperOutcome now) {
    if (!before.containsKey(key)) before.put(key, was);
    outcomes.put(key, now);
  }

  private static int phaseAt(Experiment experiment, Event event) {
    int number = experiment.currentPhase().map(Phase::number).orElse(1);
    for (Phase phase : experiment.phases())
      if (!phase.started().isAfter(event.occurredAt())) number = phase.number();
    return number;
  }

  /** Every outcome the events changed, with what it was before the first of them. */
  public List<Change> changes() {
    List<Change> out = new ArrayList<>(before.size());
    before.forEach((key, was) -> out.add(new Change(key, was, outcomes.get(key))));
    return out;
  }

  /** Ids newly tied to a shopper: (experiment, id) to the shopper key. */
  public Map<Key, String> newUnits() {
    return java.util.Collections.unmodifiableMap(newUnits);
  }

  /** Each arm's totals over every outcome the book holds: for a recomputation that loaded none. */
  public Map<ArmKey, ArmTotals> totalsByArm() {
    Map<ArmKey, ArmTotals> out = new HashMap<>();
    outcomes.forEach(
        (key, outcome) ->
            out.merge(
                ArmKey.of(key.experiment(), outcome), ArmTotals.of(outcome), ArmTotals::plus));
    return out;
  }
}
