package io.vitrina.engine.model;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Rising demand: how much faster an item is wanted lately than over the long run. Two decayed
 * demand counters with different half-lives each estimate a rate (a decayed sum of a steady rate λ
 * with half-life h is λ·h/ln 2); an item trends by how far its recent rate exceeds its long-run
 * rate, in demand per day. Steady and falling items do not trend at all.
 */
public final class Trend {
  /** The recent counter's half-life; demand counted by popularity decays more slowly. */
  public static final Duration HALF_LIFE = Duration.ofDays(1);

  /** Recent demand below this (three views, or half a purchase) is noise, not a trend. */
  static final float MIN_RECENT = 3f;

  /** An excess below this much demand per day (half a view) is no trend either. */
  static final double MIN_EXCESS = 0.5;

  private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();

  private Trend() {}

  /**
   * @param recent decayed demand with half-life {@code recentHalfLife}
   * @param longRun decayed demand with half-life {@code longHalfLife}, longer
   * @return per rising item, its excess demand per day; other items are absent
   */
  public static Map<String, Float> rising(
      Map<String, Float> recent,
      Duration recentHalfLife,
      Map<String, Float> longRun,
      Duration longHalfLife) {
    double toRecentRate = Math.log(2) * DAY_MILLIS / recentHalfLife.toMillis();
    double toLongRate = Math.log(2) * DAY_MILLIS / longHalfLife.toMillis();
    Map<String, Float> out = new HashMap<>();
    recent.forEach(
        (id, demand) -> {
          if (demand < MIN_RECENT) return;
          double excess = demand * toRecentRate - longRun.getOrDefault(id, 0f) * toLongRate;
          if (excess >= MIN_EXCESS) out.put(id, (float) excess);
        });
    return out;
  }
}
