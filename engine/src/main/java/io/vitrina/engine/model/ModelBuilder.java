package io.vitrina.engine.model;

import io.vitrina.engine.profile.OrderHistory;
import io.vitrina.engine.segment.Lifecycle;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.ShopperKeys;
import io.vitrina.engine.signal.Signal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects interactions (shopper, signal, item) from a stream of stored events and builds a {@link
 * ModelSnapshot} with one indicator per {@link IndicatorSpec}. Not thread-safe: one build feeds one
 * builder.
 */
public final class ModelBuilder {
  private final List<IndicatorSpec> specs;

  /** Per signal the specs read, per shopper, the items. One map per signal, shared by its specs. */
  private final Map<Signal, Map<String, Set<String>>> interactions = new LinkedHashMap<>();

  private long events;

  /** Per group of shoppers (see {@link Lifecycle#groupKey}), per item, purchases. */
  private final Map<String, Map<String, Integer>> groupPurchases = new HashMap<>();

  /**
   * Per buyer, their orders so far, counted as profiles count them: their segment at each event.
   */
  private final Map<String, OrderHistory> buyers = new HashMap<>();

  /** Per shopper, the region of their latest event that named one. */
  private final Map<String, String> regions = new HashMap<>();

  /** Best sellers kept per group. */
  static final int BEST_SELLERS = 200;

  public ModelBuilder(List<IndicatorSpec> specs) {
    this.specs = List.copyOf(specs);
    Set<String> names = new HashSet<>();
    for (IndicatorSpec spec : this.specs) {
      if (!names.add(spec.name()))
        throw new IllegalArgumentException("two indicators named " + spec.name());
      interactions.computeIfAbsent(spec.primary(), s -> new HashMap<>());
      interactions.computeIfAbsent(spec.secondary(), s -> new HashMap<>());
    }
  }

  /**
   * Adds a stored event's items under the shopper it belongs to: its customer, else the customer
   * {@code customerByVisitor} stitched its visitor to, else the visitor; so devices and logins
   * merge.
   */
  public void add(Event event, Map<String, String> customerByVisitor) {
    String customer =
        event.customerId() != null ? event.customerId() : customerByVisitor.get(event.visitorId());
    String shopper =
        customer != null ? ShopperKeys.customer(customer) : ShopperKeys.visitor(event.visitorId());
    for (EventItem item : event.items()) add(shopper, event.type(), item.itemId());
    if (event.query() != null && !event.query().isBlank())
      add(shopper, event.type(), Signal.searchTerm(event.query()));
    if (event.region() != null) regions.put(shopper, event.region());
    if (event.type() == EventType.PURCHASE) countForGroups(shopper, event);
  }

  /**
   * A purchase counts for the segment its buyer was in when making it; the same order sent again
   * counts once.
   */
  private void countForGroups(String shopper, Event event) {
    OrderHistory orders = buyers.computeIfAbsent(shopper, s -> new OrderHistory());
    Lifecycle segment = Lifecycle.of(orders.view(), event.occurredAt());
    if (!orders.purchased(event)) return;
    count(segment.groupKey(), event);
    String region = regions.get(shopper);
    if (region != null) count(Event.regionKey(region), event);
  }

  private void count(String group, Event event) {
    Map<String, Integer> counts = groupPurchases.computeIfAbsent(group, g -> new HashMap<>());
    for (EventItem item : event.items()) counts.merge(item.itemId(), 1, Integer::sum);
  }

  private Map<String, List<String>> bestSellers() {
    Map<String, List<String>> out = new HashMap<>();
    groupPurchases.forEach(
        (group, counts) ->
            out.put(
                group,
                counts.entrySet().stream()
                    .sorted(
                        Map.Entry.<String, Integer>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(BEST_SELLERS)
                    .map(Map.Entry::getKey)
                    .toList()));
    return out;
  }

  /** Adds one interaction; events no signal counts are ignored. */
  public void add(String shopperKey, EventType type, String itemId) {
    events++;
    interactions.forEach(
        (signal, byShopper) -> {
          if (signal.countsAs(type))
            byShopper.computeIfAbsent(shopperKey, k -> new LinkedHashSet<>()).add(itemId);
        });
  }

  /** How strongly a view counts in the factor model, against a purchase's 1. */
  static final float VIEW_STRENGTH = 0.2f;

  /** How strongly a purchase counts in the factor model. */
  static final float PURCHASE_STRENGTH = 1f;

  /**
   * Per shopper, per item, how strongly they interacted: a purchase 1, a view {@link
   * #VIEW_STRENGTH}; the input of the factor model ({@link ItemVectors#train}).
   */
  public Map<String, Map<String, Float>> strengths() {
    Map<String, Map<String, Float>> out = new HashMap<>();
    interactions
        .getOrDefault(Signal.VIEW, Map.of())
        .forEach(
            (shopper, items) -> {
              Map<String, Float> row = out.computeIfAbsent(shopper, s -> new HashMap<>());
              for (String item : items) row.put(item, VIEW_STRENGTH);
            });
    interactions
        .getOrDefault(Signal.BUY, Map.of())
        .forEach(
            (shopper, items) -> {
              Map<String, Float> row = out.computeIfAbsent(shopper, s -> new HashMap<>());
              for (String item : items) row.put(item, PURCHASE_STRENGTH);
            });
    return out;
  }

  public ModelSnapshot build(Map<String, Float> popularity, Instant now) {
    long started = System.nanoTime();
    Map<String, Map<String, List<Indicator>>> indicators = new LinkedHashMap<>();
    Map<String, Integer> itemsWith = new LinkedHashMap<>();
    for (IndicatorSpec spec : specs) {
      // The same map on both sides when the signals are equal: compute() then counts co-occurrence.
      var computed =
          CooccurrenceIndicators.compute(
              interactions.get(spec.primary()),
              interactions.get(spec.secondary()),
              spec.settings());
      indicators.put(spec.name(), computed);
      itemsWith.put(spec.name(), computed.size());
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    Set<String> shoppers = new HashSet<>();
    interactions.values().forEach(byShopper -> shoppers.addAll(byShopper.keySet()));
    return new ModelSnapshot(
        indicators,
        popularity,
        Map.of(),
        bestSellers(),
        now,
        new ModelSnapshot.Stats(events, shoppers.size(), itemsWith, millis));
  }
}
