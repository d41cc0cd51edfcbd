package io.vitrina.engine.experiment;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.OrderValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one shopper did in one experiment since their first exposure: the per-shopper values every
 * metric of the report sums, and what the three attributions need. Immutable: {@link #after} gives
 * the outcome after one more event of the shopper, so that a store of outcomes can add to each
 * arm's {@link ArmTotals} exactly the difference an event made.
 *
 * @param arm the arm of the shopper's first exposure (they stay in it for the report)
 * @param phase the experiment's phase at that exposure
 * @param counts what the metrics sum
 * @param attributed revenue credited to the placement by the click-through and view-through rules
 * @param touches the placement's recent items for this shopper, oldest first (at most {@link
 *     #MAX_TOUCHES}): what a purchase is attributed against
 * @param orderValues the value of the shopper's recent orders by transaction id (at most {@link
 *     #MAX_ORDERS}), so that a whole-order refund takes back what the order brought
 * @param crossed exposed to another arm too (the same customer on another device)
 */
public record ShopperOutcome(
    String arm,
    int phase,
    Instant exposedAt,
    Counts counts,
    Attributed attributed,
    List<Touch> touches,
    Map<String, Double> orderValues,
    boolean crossed) {
  static final int MAX_TOUCHES = 100;
  static final int MAX_ORDERS = 50;

  /**
   * @param orders purchases since exposure
   * @param revenue their value, net of refunds
   * @param items units bought
   * @param impressions viewable impressions of the placement ({@code view_item_list} with its
   *     token)
   * @param clicks clicks on the placement's items ({@code select_item} with its token)
   * @param preRevenue revenue in the window before exposure: the CUPED covariate
   */
  public record Counts(
      long orders, double revenue, long items, long impressions, long clicks, double preRevenue) {
    public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);
  }

  /**
   * @param clickThrough revenue of bought items clicked or carted from the placement within the
   *     window before the purchase (item level)
   * @param clickThroughOrders revenue of whole orders holding such an item
   * @param viewThrough revenue of bought items the placement showed within the window
   */
  public record Attributed(double clickThrough, double clickThroughOrders, double viewThrough) {
    public static final Attributed NONE = new Attributed(0, 0, 0);
  }

  /** An item the placement showed, or that the shopper clicked or carted from it. */
  public record Touch(String itemId, Kind kind, Instant at) {
    public enum Kind {
      SHOWN,
      CLICKED
    }
  }

  /** How events are read for one experiment. */
  public record Rules(Duration window) {
    /** Retail Rocket's strict model: items clicked within a day of the purchase. */
    public static final Rules DEFAULT = new Rules(Duration.ofHours(24));
  }

  public ShopperOutcome {
    Objects.requireNonNull(arm, "arm");
    touches = List.copyOf(touches);
    orderValues = Map.copyOf(orderValues);
  }

  /** A shopper just exposed, with the revenue of their window before it. */
  public static ShopperOutcome exposed(String arm, int phase, Instant at, double preRevenue) {
    return new ShopperOutcome(
        arm,
        phase,
        at,
        new Counts(0, 0, 0, 0, 0, preRevenue),
        Attributed.NONE,
        List.of(),
        Map.of(),
        false);
  }

  public ShopperOutcome crossedOver() {
    return crossed
        ? this
        : new ShopperOutcome(arm, phase, exposedAt, counts, attributed, touches, orderValues, true);
  }

  /**
   * The outcome after {@code event} of this shopper.
   *
   * @param fromPlacement whether the event came from the experiment's placement (its token names
   *     the placement's block)
   */
  public ShopperOutcome after(Event event, boolean fromPlacement, Rules rules) {
    return switch (event.type()) {
      case VIEW_ITEM_LIST -> fromPlacement ? touched(event, Touch.Kind.SHOWN, 1, 0) : this;
      case SELECT_ITEM -> fromPlacement ? touched(event, Touch.Kind.CLICKED, 0, 1) : this;
      case ADD_TO_CART -> fromPlacement ? touched(event, Touch.Kind.CLICKED, 0, 0) : this;
      case PURCHASE -> purchased(event, rules);
      case REFUND -> refunded(event);
      default -> this;
    };
  }

  private ShopperOutcome touched(Event event, Touch.Kind kind, int impressions, int clicks) {
    List<Touch> next = new ArrayList<>(touches);
    for (EventItem item : event.items())
      next.add(new Touch(item.itemId(), kind, event.occurredAt()));
    if (next.size() > MAX_TOUCHES) next = next.subList(next.size() - MAX_TOUCHES, next.size());
    Counts c =
        new Counts(
            counts.orders,
            counts.revenue,
            counts.items,
            counts.impressions + impressions,
            counts.clicks + clicks,
            counts.preRevenue);
    return new ShopperOutcome(arm, phase, exposedAt, c, attributed, next, orderValues, crossed);
  }

  private ShopperOutcome purchased(Event event, Rules rules) {
    double value = orderValue(event);
    long units = 0;
    double clicked = 0;
    double shown = 0;
    Instant since = event.occurredAt().minus(rules.window());
    for (EventItem line : event.items()) {
      units += line.quantity();
      double lineValue = lineValue(line, event, value);
      Touch.Kind touch = strongestTouch(line.itemId(), since, event.occurredAt());
      if (touch == Touch.Kind.CLICKED) clicked += lineValue;
      if (touch != null) shown += lineValue;
    }
    Counts c =
        new Counts(
            counts.orders + 1,
            counts.revenue + value,
            counts.items + units,
            counts.impressions,
            counts.clicks,
            counts.preRevenue);
    Attributed a =
        new Attributed(
            attributed.clickThrough + clicked,
            attributed.clickThroughOrders + (clicked > 0 ? value : 0),
            attributed.viewThrough + shown);
    Map<String, Double> orders = orderValues;
    String transaction = event.transaction() == null ? null : event.transaction().id();
    if (transaction != null) {
      LinkedHashMap<String, Double> next = new LinkedHashMap<>(orderValues);
      next.put(transaction, value);
      while (next.size() > MAX_ORDERS) next.remove(next.keySet().iterator().next());
      orders = next;
    }
    return new ShopperOutcome(arm, phase, exposedAt, c, a, touches, orders, crossed);
  }

  /**
   * A refund takes back its value: the value sent, else its lines' prices, else (a whole order
   * without a value) what the order brought when it was bought since exposure.
   */
  private ShopperOutcome refunded(Event event) {
    double value = OrderValue.ofRefund(event, order -> orderValues.getOrDefault(order, 0.0));
    if (value == 0) return this;
    Counts c =
        new Counts(
            counts.orders,
            counts.revenue - value,
            counts.items,
            counts.impressions,
            counts.clicks,
            counts.preRevenue);
    return new ShopperOutcome(arm, phase, exposedAt, c, attributed, touches, orderValues, crossed);
  }

  /** The order's value as sent, else the sum of its lines. */
  public static double orderValue(Event purchase) {
    return OrderValue.of(purchase);
  }

  /** A line's share of the order: its price times quantity, or an equal share without prices. */
  private static double lineValue(EventItem line, Event purchase, double orderValue) {
    if (line.price() > 0) return line.price() * line.quantity();
    return purchase.items().isEmpty() ? 0 : orderValue / purchase.items().size();
  }

  /** The strongest touch of the item in [since, until], or null. */
  private Touch.Kind strongestTouch(String itemId, Instant since, Instant until) {
    Touch.Kind strongest = null;
    for (Touch t : touches) {
      if (!t.itemId().equals(itemId) || t.at().isBefore(since) || t.at().isAfter(until)) continue;
      if (t.kind() == Touch.Kind.CLICKED) return Touch.Kind.CLICKED;
      strongest = Touch.Kind.SHOWN;
    }
    return strongest;
  }

  /** Whether the shopper bought since exposure. */
  public boolean bought() {
    return counts.orders > 0;
  }

  /** Types of event that change an outcome: the rest need not be read. */
  public static boolean matters(EventType type) {
    return switch (type) {
      case VIEW_ITEM_LIST, SELECT_ITEM, ADD_TO_CART, PURCHASE, REFUND, EXPERIMENT_EXPOSURE -> true;
      default -> false;
    };
  }
}
