package io.vitrina.engine.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One built model, immutable: indicators per item and the popularity they were written with. The
 * catalog index holds exactly one snapshot at a time and swaps it whole.
 *
 * @param viewIndicators per item, items co-viewed with it
 * @param buyIndicators per item, items co-bought with it
 * @param popularity decayed demand per item
 */
public record ModelSnapshot(
    Map<String, List<Indicator>> viewIndicators,
    Map<String, List<Indicator>> buyIndicators,
    Map<String, Float> popularity,
    Instant builtAt,
    Stats stats) {

  /** What went into a build, for the admin API and the logs. */
  public record Stats(long events, int shoppers, int itemsWithViewIndicators, int itemsWithBuyIndicators, long buildMillis) {
    public static final Stats NONE = new Stats(0, 0, 0, 0, 0);
  }

  public static final ModelSnapshot EMPTY =
      new ModelSnapshot(Map.of(), Map.of(), Map.of(), Instant.EPOCH, Stats.NONE);

  public ItemModel forItem(String itemId) {
    return new ItemModel(
        ids(viewIndicators.get(itemId)), ids(buyIndicators.get(itemId)), popularity.getOrDefault(itemId, 0f));
  }

  /** The same indicators with fresher popularity. */
  public ModelSnapshot withPopularity(Map<String, Float> fresh) {
    return new ModelSnapshot(viewIndicators, buyIndicators, Map.copyOf(fresh), builtAt, stats);
  }

  /** The indicator of {@code itemId} naming {@code other}, if the model has one. */
  public Indicator viewIndicator(String itemId, String other) {
    return find(viewIndicators.get(itemId), other);
  }

  public Indicator buyIndicator(String itemId, String other) {
    return find(buyIndicators.get(itemId), other);
  }

  private static Indicator find(List<Indicator> list, String other) {
    if (list == null) return null;
    for (Indicator indicator : list) if (indicator.itemId().equals(other)) return indicator;
    return null;
  }

  private static List<String> ids(List<Indicator> list) {
    return list == null ? List.of() : list.stream().map(Indicator::itemId).toList();
  }
}
