package io.vitrina.engine.catalog;

import io.vitrina.engine.model.Indicator;
import io.vitrina.engine.model.ReverseIndicators;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What items without indicators of their own borrowed from look-alikes (see {@link
 * IndicatorBorrowing}), by item, and the same lists turned around for a shopper's history sums
 * ({@link ReverseIndicators}), rebuilt when a batch of changes is published.
 */
final class BorrowedIndicators {
  private final Map<String, IndicatorBorrowing.Lent> byItem = new ConcurrentHashMap<>();
  private volatile ReverseIndicators reverse = ReverseIndicators.EMPTY;
  private volatile boolean changed;

  IndicatorBorrowing.Lent get(String itemId) {
    return byItem.get(itemId);
  }

  void put(String itemId, IndicatorBorrowing.Lent lent) {
    byItem.put(itemId, lent);
    changed = true;
  }

  void remove(String itemId) {
    if (byItem.remove(itemId) != null) changed = true;
  }

  /** Forgets what the items {@code hasOwn} accepts borrowed. */
  void removeIf(Predicate<String> hasOwn) {
    if (byItem.keySet().removeIf(hasOwn)) changed = true;
  }

  /** The borrowed lists turned around, as of the last {@link #publish}. */
  ReverseIndicators reverse() {
    return reverse;
  }

  /**
   * Turns the lists around again if any changed since the last call: after a batch of upserts, a
   * delete or a model swap (a few thousand new items take milliseconds).
   */
  synchronized void publish() {
    if (!changed) return;
    changed = false;
    Map<String, Map<String, List<Indicator>>> lists = new HashMap<>();
    byItem.forEach(
        (item, lent) ->
            lent.indicators()
                .forEach(
                    (name, list) ->
                        lists.computeIfAbsent(name, n -> new HashMap<>()).put(item, list)));
    reverse = ReverseIndicators.of(lists);
  }
}
