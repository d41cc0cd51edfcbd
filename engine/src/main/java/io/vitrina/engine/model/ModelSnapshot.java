package io.vitrina.engine.model;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One built model, immutable: indicators per item and the popularity they were written with. The
 * catalog index holds exactly one snapshot at a time and swaps it whole.
 *
 * @param indicators per indicator name (see {@link IndicatorSpec}), per item, its indicators
 * @param popularity decayed demand per item
 * @param trend per rising item, how much its demand exceeds its long-run rate (see {@link Trend})
 * @param bestSellers per group of shoppers (a lifecycle segment, a region), the items they bought
 *     most, best first
 */
public record ModelSnapshot(
    Map<String, Map<String, List<Indicator>>> indicators,
    Map<String, Float> popularity,
    Map<String, Float> trend,
    Map<String, List<String>> bestSellers,
    Instant builtAt,
    Stats stats) {

  /**
   * What went into a build, for the admin API and the logs.
   *
   * @param itemsWithIndicators per indicator name, how many items have at least one
   */
  public record Stats(
      long events, int shoppers, Map<String, Integer> itemsWithIndicators, long buildMillis) {
    public static final Stats NONE = new Stats(0, 0, Map.of(), 0);

    public Stats {
      itemsWithIndicators = Map.copyOf(itemsWithIndicators);
    }

    public int itemsWith(String indicator) {
      return itemsWithIndicators.getOrDefault(indicator, 0);
    }
  }

  public static final ModelSnapshot EMPTY =
      new ModelSnapshot(Map.of(), Map.of(), Instant.EPOCH, Stats.NONE);

  public ModelSnapshot {
    indicators = Map.copyOf(indicators);
    popularity = byItem(popularity);
    trend = byItem(trend);
    bestSellers = Map.copyOf(bestSellers);
  }

  /**
   * An unmodifiable copy of a map by item id that stays fast to read. Not {@code Map.copyOf}: its
   * open addressing probes linearly, and ids that differ in their last characters hash to
   * neighbouring slots, so a lookup in a 100k-item map walked long runs of them (a third of a
   * personal request's time once the history was summed in memory).
   */
  public static <V> Map<String, V> byItem(Map<String, V> map) {
    return Collections.unmodifiableMap(new HashMap<>(map));
  }

  /** A model without trends. */
  public ModelSnapshot(
      Map<String, Map<String, List<Indicator>>> indicators,
      Map<String, Float> popularity,
      Instant builtAt,
      Stats stats) {
    this(indicators, popularity, Map.of(), Map.of(), builtAt, stats);
  }

  /** Per item, its indicators of that name; empty for a name the model does not have. */
  public Map<String, List<Indicator>> indicators(String name) {
    return indicators.getOrDefault(name, Map.of());
  }

  public ItemModel forItem(String itemId) {
    Map<String, List<Indicator>> lists = new HashMap<>();
    indicators.forEach(
        (name, byItem) -> {
          List<Indicator> list = byItem.get(itemId);
          if (list != null && !list.isEmpty()) lists.put(name, list);
        });
    return new ItemModel(
        lists, popularity.getOrDefault(itemId, 0f), trend.getOrDefault(itemId, 0f));
  }

  /** The same indicators with fresher demand. */
  public ModelSnapshot withDemand(Map<String, Float> popularity, Map<String, Float> trend) {
    return new ModelSnapshot(indicators, popularity, trend, bestSellers, builtAt, stats);
  }

  /** The best sellers of a group of shoppers, best first; empty for a group the model lacks. */
  public List<String> bestSellers(String group) {
    return bestSellers.getOrDefault(group, List.of());
  }

  /** The indicator named {@code name} of {@code itemId} that names {@code other}, or null. */
  public Indicator indicator(String name, String itemId, String other) {
    List<Indicator> list = indicators(name).get(itemId);
    if (list == null) return null;
    for (Indicator indicator : list) if (indicator.itemId().equals(other)) return indicator;
    return null;
  }
}
