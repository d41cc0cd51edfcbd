package io.vitrina.engine.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Who is in which segment, kept as events arrive: each shopper's segment ids and each segment's
 * count. Shoppers share their list of ids (most shoppers are in the same few combinations), so a
 * member costs a map entry. Thread-safe.
 */
public final class Membership {
  private final ConcurrentHashMap<String, List<String>> byShopper = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<List<String>, List<String>> shared = new ConcurrentHashMap<>();

  /** Sets {@code key}'s segments to {@code ids}, and the counts with them. */
  public void update(String key, List<String> ids) {
    List<String> next = shared.computeIfAbsent(List.copyOf(ids), s -> s);
    byShopper.compute(
        key,
        (k, previous) -> {
          if (previous == next) return next;
          if (previous != null) count(previous, -1);
          count(next, 1);
          return next;
        });
  }

  /** The shopper is no longer anyone's member (their profile went). */
  public void forget(String key) {
    byShopper.computeIfPresent(
        key,
        (k, previous) -> {
          count(previous, -1);
          return null;
        });
  }

  /** Forgets every shopper {@code erased} accepts. */
  public void forgetMatching(Predicate<String> erased) {
    for (String key : byShopper.keySet()) if (erased.test(key)) forget(key);
  }

  /** Forgets every shopper {@code kept} does not accept: after a scan, those whose profile went. */
  public void retainOnly(Predicate<String> kept) {
    for (String key : byShopper.keySet()) if (!kept.test(key)) forget(key);
  }

  private void count(List<String> ids, int delta) {
    for (String id : ids) counts.computeIfAbsent(id, i -> new AtomicLong()).addAndGet(delta);
  }

  public List<String> of(String key) {
    return byShopper.getOrDefault(key, List.of());
  }

  public long count(String segment) {
    AtomicLong count = counts.get(segment);
    return count == null ? 0 : count.get();
  }

  /**
   * Members of a segment in key order, after {@code after} (null: from the first), at most limit.
   */
  public List<String> members(String segment, String after, int limit) {
    return members(segment, after, limit, key -> true);
  }

  /**
   * The same, of the members {@code kept} accepts: a shopper whose profile went (erased, evicted)
   * is left out before the next scan forgets them.
   */
  public List<String> members(String segment, String after, int limit, Predicate<String> kept) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : byShopper.entrySet())
      if (entry.getValue().contains(segment)
          && (after == null || entry.getKey().compareTo(after) > 0)
          && kept.test(entry.getKey())) out.add(entry.getKey());
    out.sort(null);
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  public int shoppers() {
    return byShopper.size();
  }
}
