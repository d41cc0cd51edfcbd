package io.vitrina.engine.model;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Exponentially decayed demand per item, updated by every accepted event.
 *
 * <p>Each event adds its weight scaled by {@code 2^(age/halfLife)} relative to a fixed origin, so
 * nothing is rescaled as time passes; reading divides by the same factor for "now". A purchase
 * weighs more than a cart, a cart more than a view.
 */
public final class PopularityCounter {
  private final Instant origin;
  private final double halfLifeMillis;
  private final ConcurrentHashMap<String, DoubleAdder> scores = new ConcurrentHashMap<>();

  public PopularityCounter(Instant origin, Duration halfLife) {
    this.origin = origin;
    this.halfLifeMillis = halfLife.toMillis();
  }

  public static double weight(EventType type) {
    return switch (type) {
      case VIEW_ITEM, SELECT_ITEM -> 1.0;
      case ADD_TO_CART -> 3.0;
      case PURCHASE -> 6.0;
      default -> 0.0;
    };
  }

  public void record(Event event) {
    double weight = weight(event.type());
    if (weight == 0) return;
    double scaled = weight * growth(event.occurredAt());
    for (EventItem item : event.items()) {
      scores.computeIfAbsent(item.itemId(), id -> new DoubleAdder()).add(scaled * item.quantity());
    }
  }

  /** Decayed demand of every item as of {@code now}; items without events are absent. */
  public Map<String, Float> snapshot(Instant now) {
    double divisor = growth(now);
    Map<String, Float> out = new HashMap<>(scores.size() * 2);
    scores.forEach((id, adder) -> out.put(id, (float) (adder.sum() / divisor)));
    return out;
  }

  public float score(String itemId, Instant now) {
    DoubleAdder adder = scores.get(itemId);
    return adder == null ? 0f : (float) (adder.sum() / growth(now));
  }

  private double growth(Instant at) {
    return Math.pow(2, (at.toEpochMilli() - origin.toEpochMilli()) / halfLifeMillis);
  }
}
