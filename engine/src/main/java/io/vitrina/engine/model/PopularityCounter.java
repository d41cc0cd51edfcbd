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
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Exponentially decayed demand per item, updated by every accepted event.
 *
 * <p>Each event adds its weight scaled by {@code 2^(age/halfLife)} relative to an origin, so
 * nothing is rescaled as time passes; reading divides by the same factor for "now". Before that
 * factor could overflow a double, every sum is rescaled once to a new origin. A purchase weighs
 * more than a cart, a cart more than a view.
 */
public final class PopularityCounter {
  /** Far below {@code Double.MAX_VALUE} (2^1024): rebase long before scores could overflow. */
  private static final double REBASE_ABOVE = Math.pow(2, 256);

  private final double halfLifeMillis;
  private final ConcurrentHashMap<String, DoubleAdder> scores = new ConcurrentHashMap<>();

  /** Records share it; a rebase takes it alone so that no add lands half-scaled. */
  private final ReentrantReadWriteLock rebase = new ReentrantReadWriteLock();

  private volatile long originMillis;

  public PopularityCounter(Instant origin, Duration halfLife) {
    this.originMillis = origin.toEpochMilli();
    this.halfLifeMillis = halfLife.toMillis();
  }

  public static double weight(EventType type) {
    return switch (type) {
      case VIEW_ITEM, SELECT_ITEM -> 1.0;
      case ADD_TO_WISHLIST -> 2.0;
      case ADD_TO_CART -> 3.0;
      case PURCHASE -> 6.0;
      default -> 0.0;
    };
  }

  public void record(Event event) {
    double weight = weight(event.type());
    if (weight == 0) return;
    if (growth(event.occurredAt()) > REBASE_ABOVE) rebaseTo(event.occurredAt());
    rebase.readLock().lock();
    try {
      double scaled = weight * growth(event.occurredAt());
      for (EventItem item : event.items()) {
        scores
            .computeIfAbsent(item.itemId(), id -> new DoubleAdder())
            .add(scaled * item.quantity());
      }
    } finally {
      rebase.readLock().unlock();
    }
  }

  private void rebaseTo(Instant at) {
    rebase.writeLock().lock();
    try {
      double factor = growth(at);
      if (factor <= REBASE_ABOVE) return; // another thread rebased first
      for (DoubleAdder adder : scores.values()) {
        double sum = adder.sumThenReset();
        adder.add(sum / factor);
      }
      originMillis = at.toEpochMilli();
    } finally {
      rebase.writeLock().unlock();
    }
  }

  /** Decayed demand of every item as of {@code now}; items without events are absent. */
  public Map<String, Float> snapshot(Instant now) {
    rebase.readLock().lock();
    try {
      double divisor = growth(now);
      Map<String, Float> out = new HashMap<>(scores.size() * 2);
      scores.forEach((id, adder) -> out.put(id, (float) (adder.sum() / divisor)));
      return out;
    } finally {
      rebase.readLock().unlock();
    }
  }

  public float score(String itemId, Instant now) {
    rebase.readLock().lock();
    try {
      DoubleAdder adder = scores.get(itemId);
      return adder == null ? 0f : (float) (adder.sum() / growth(now));
    } finally {
      rebase.readLock().unlock();
    }
  }

  private double growth(Instant at) {
    return Math.pow(2, (at.toEpochMilli() - originMillis) / halfLifeMillis);
  }
}
