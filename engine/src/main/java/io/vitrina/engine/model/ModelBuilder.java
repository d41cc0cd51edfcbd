package io.vitrina.engine.model;

import io.vitrina.engine.signal.EventType;
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
