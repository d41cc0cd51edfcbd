package io.vitrina.engine.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Affinity lines the profiles could not count because the catalog did not have the item yet (a
 * tracker is often ahead of the catalog feed), kept until the item arrives. This node's memory, as
 * the profiles are: every node applies every event against its own catalog index, and a start
 * rebuilds the lines as its replay applies the events again.
 *
 * <p>No line is lost to an item arriving while it is written down: {@link #awaitOrFind} looks the
 * item up again under the lock that {@link #take} holds, and an arrival takes the lines only once
 * the item is in the catalog. So a line either finds the item or is taken by its arrival.
 */
final class AwaitedItems {
  /**
   * Lines kept at most (about 60 bytes each): a tracker naming ids that never arrive must not fill
   * the heap. Beyond it new lines are dropped and counted.
   */
  static final int MAX_LINES = 200_000;

  /** One line of an applied event, counted into {@code profileKey} when its item arrives. */
  record Line(String profileKey, double weight, Instant at) {}

  private final Map<String, List<Line>> byItem = new HashMap<>(); // guarded by this
  private int lines; // guarded by this
  private long dropped; // guarded by this

  /**
   * The item's facets if the catalog has them now; else keeps {@code line} for its arrival and
   * answers null.
   */
  synchronized ItemFacets awaitOrFind(
      String itemId, Line line, Function<String, ItemFacets> catalog) {
    ItemFacets now = catalog.apply(itemId);
    if (now != null) return now;
    if (lines >= MAX_LINES) {
      dropped++;
      return null;
    }
    byItem.computeIfAbsent(itemId, id -> new ArrayList<>(1)).add(line);
    lines++;
    return null;
  }

  /** Removes and returns the lines waiting for an item that the catalog has now. */
  synchronized List<Line> take(String itemId) {
    List<Line> taken = byItem.remove(itemId);
    if (taken == null) return List.of();
    lines -= taken.size();
    return taken;
  }

  /** Forgets the lines of events before {@code cutoff}: no profile counts them any more. */
  synchronized int forgetBefore(Instant cutoff) {
    int before = lines;
    for (var it = byItem.values().iterator(); it.hasNext(); ) {
      List<Line> waiting = it.next();
      int size = waiting.size();
      waiting.removeIf(line -> line.at().isBefore(cutoff));
      lines -= size - waiting.size();
      if (waiting.isEmpty()) it.remove();
    }
    return before - lines;
  }

  /** Forgets the lines of the profiles {@code keys} (an erasure); returns how many went. */
  synchronized int forgetProfiles(java.util.Set<String> keys) {
    int before = lines;
    for (var it = byItem.values().iterator(); it.hasNext(); ) {
      List<Line> waiting = it.next();
      int size = waiting.size();
      waiting.removeIf(line -> keys.contains(line.profileKey()));
      lines -= size - waiting.size();
      if (waiting.isEmpty()) it.remove();
    }
    return before - lines;
  }

  synchronized int size() {
    return lines;
  }

  /** Lines not kept since start, because {@link #MAX_LINES} were. */
  synchronized long dropped() {
    return dropped;
  }
}
