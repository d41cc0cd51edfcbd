package io.vitrina.engine.model;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 *
 * <p>An item whose demand decayed below {@link #FORGET_BELOW} is forgotten at the next {@link
 * #snapshot}, so that a store whose catalog churns does not keep every id it ever saw; its next
 * event counts it again from that event on.
 */
public final class PopularityCounter {
  /** Far below {@code Double.MAX_VALUE} (2^1024): rebase long before scores could overflow. */
  private static final double REBASE_ABOVE = Math.pow(2, 256);

  /**
   * Demand too small to tell from none: a thousandth of a view (a single view ten half-lives old),
   * the floor every catalog document's popularity has anyway.
   */
  public static final double FORGET_BELOW = 1e-3;

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

  /**
   * Decayed demand of every item as of {@code now}; items without events are absent, and so are
   * items whose demand fell below {@link #FORGET_BELOW}, which are forgotten here.
   */
  public Map<String, Float> snapshot(Instant now) {
    Map<String, Float> out = new HashMap<>(scores.size() * 2);
    List<String> negligible = new ArrayList<>();
    rebase.readLock().lock();
    try {
      double divisor = growth(now);
      scores.forEach(
          (id, adder) -> {
            double demand = adder.sum() / divisor;
            if (demand < FORGET_BELOW) negligible.add(id);
            else out.put(id, (float) demand);
          });
    } finally {
      rebase.readLock().unlock();
    }
    if (!negligible.isEmpty()) forget(negligible, now);
    return out;
  }

  /**
   * Drops the entries still below the threshold. Under the write lock, so that no record adds to an
   * entry as it goes (the add would be lost); each is checked again, since one may have been added
   * to since the snapshot read it.
   */
  private void forget(List<String> ids, Instant now) {
    rebase.writeLock().lock();
    try {
      double divisor = growth(now);
      for (String id : ids) {
        DoubleAdder adder = scores.get(id);
        if (adder != null && adder.sum() / divisor < FORGET_BELOW) scores.remove(id);
      }
    } finally {
      rebase.writeLock().unlock();
    }
  }

  /** Items held: those with events whose demand was not yet forgotten. */
  int size() {
    return scores.size();
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
