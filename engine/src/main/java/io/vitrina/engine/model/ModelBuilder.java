package io.vitrina.engine.model;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.ShopperKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Collects interactions (shopper, action, item) from a stream of stored events and builds a
 * {@link ModelSnapshot}. Not thread-safe: one build feeds one builder.
 */
public final class ModelBuilder {
  private final CooccurrenceIndicators.Settings settings;
  private final Map<String, Set<String>> views = new HashMap<>();
  private final Map<String, Set<String>> purchases = new HashMap<>();
  private long events;

  public ModelBuilder(CooccurrenceIndicators.Settings settings) {
    this.settings = settings;
  }

  /**
   * Adds a stored event's items under the shopper it belongs to: its customer, else the customer
   * {@code customerByVisitor} stitched its visitor to, else the visitor; so devices and logins merge.
   */
  public void add(Event event, Map<String, String> customerByVisitor) {
    String customer = event.customerId() != null ? event.customerId() : customerByVisitor.get(event.visitorId());
    String shopper = customer != null ? ShopperKeys.customer(customer) : ShopperKeys.visitor(event.visitorId());
    for (EventItem item : event.items()) add(shopper, event.type(), item.itemId());
  }

  /** Adds one interaction; events that say nothing about preference are ignored. */
  public void add(String shopperKey, EventType type, String itemId) {
    events++;
    switch (type) {
      case VIEW_ITEM, SELECT_ITEM, ADD_TO_CART -> views.computeIfAbsent(shopperKey, k -> new LinkedHashSet<>()).add(itemId);
      case PURCHASE -> {
        purchases.computeIfAbsent(shopperKey, k -> new LinkedHashSet<>()).add(itemId);
        // A purchase implies the shopper looked at the item, even if the view was not tracked.
        views.computeIfAbsent(shopperKey, k -> new LinkedHashSet<>()).add(itemId);
      }
      default -> {}
    }
  }

  public ModelSnapshot build(Map<String, Float> popularity, Instant now) {
    long started = System.nanoTime();
    var viewIndicators = CooccurrenceIndicators.compute(views, views, settings);
    var buyIndicators = CooccurrenceIndicators.compute(purchases, purchases, settings);
    long millis = (System.nanoTime() - started) / 1_000_000;
    Set<String> shoppers = new java.util.HashSet<>(views.keySet());
    shoppers.addAll(purchases.keySet());
    var stats = new ModelSnapshot.Stats(events, shoppers.size(), viewIndicators.size(), buyIndicators.size(), millis);
    return new ModelSnapshot(viewIndicators, buyIndicators, Map.copyOf(popularity), now, stats);
  }
}
