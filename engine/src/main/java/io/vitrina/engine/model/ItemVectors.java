package io.vitrina.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The items' vectors of a trained {@link ImplicitFactors} model, by item id, and what serving needs
 * from them: a shopper's vector folded in from their history, and the items nearest to it by dot
 * product. Immutable; swapped whole after each training.
 */
public final class ItemVectors {
  public static final ItemVectors NONE = new ItemVectors(new String[0], null);

  private final String[] ids;
  private final Map<String, Integer> index;
  private final ImplicitFactors.Factors factors;

  private ItemVectors(String[] ids, ImplicitFactors.Factors factors) {
    this.ids = ids;
    this.factors = factors;
    this.index = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) index.put(ids[i], i);
  }

  /** One item and its dot product with a shopper's vector. */
  public record Scored(String itemId, float score) {}

  /**
   * Trains on {@code strengths}: per shopper, per item, how strongly they interacted (e.g. a
   * purchase 1, a view 0.2).
   */
  public static ItemVectors train(
      Map<String, Map<String, Float>> strengths, ImplicitFactors.Settings settings) {
    Set<String> kept = mostInteracted(strengths, MAX_ITEMS);
    Map<String, Integer> column = new HashMap<>();
    List<String> ids = new ArrayList<>();
    int[][] columns = new int[strengths.size()][];
    float[][] values = new float[strengths.size()][];
    int u = 0;
    for (Map<String, Float> shopper : strengths.values()) {
      int size = 0;
      for (String id : shopper.keySet()) if (kept.contains(id)) size++;
      columns[u] = new int[size];
      values[u] = new float[size];
      int n = 0;
      for (Map.Entry<String, Float> e : shopper.entrySet()) {
        if (!kept.contains(e.getKey())) continue;
        columns[u][n] =
            column.computeIfAbsent(
                e.getKey(),
                id -> {
                  ids.add(id);
                  return ids.size() - 1;
                });
        values[u][n++] = e.getValue();
      }
      u++;
    }
    if (ids.isEmpty()) return NONE;
    var data = new ImplicitFactors.Interactions(ids.size(), columns, values);
    return new ItemVectors(ids.toArray(String[]::new), ImplicitFactors.train(data, settings));
  }

  /**
   * Items with vectors at most: a rarely bought item's vector is mostly regularization anyway, and
   * every request reads every vector (20,000 × 32 floats is 2.5 MB).
   */
  static final int MAX_ITEMS = 20_000;

  /** The {@code max} items the most shoppers interacted with (ties by id, so it is repeatable). */
  private static Set<String> mostInteracted(Map<String, Map<String, Float>> strengths, int max) {
    Map<String, Integer> counts = new HashMap<>();
    for (Map<String, Float> shopper : strengths.values())
      for (String id : shopper.keySet()) counts.merge(id, 1, Integer::sum);
    if (counts.size() <= max) return counts.keySet();
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(max)
        .map(Map.Entry::getKey)
        .collect(java.util.stream.Collectors.toSet());
  }

  public boolean isEmpty() {
    return ids.length == 0;
  }

  public int size() {
    return ids.length;
  }

  /**
   * A shopper's vector from the items they interacted with and how strongly; null when none of the
   * items has a vector.
   */
  public float[] shopperVector(Map<String, Float> history) {
    int[] columns = new int[history.size()];
    float[] values = new float[history.size()];
    int n = 0;
    for (Map.Entry<String, Float> e : history.entrySet()) {
      Integer i = index.get(e.getKey());
      if (i == null) continue;
      columns[n] = i;
      values[n++] = e.getValue();
    }
    if (n == 0) return null;
    return ImplicitFactors.foldIn(factors, Arrays.copyOf(columns, n), Arrays.copyOf(values, n));
  }

  /**
   * Every item's dot product with {@code shopper}, in one pass over the flat array of item vectors
   * (four independent sums per item, so the multiplications overlap). The pass reads every vector:
   * memory bandwidth bounds it, which is why only the {@link #MAX_ITEMS} most interacted items get
   * one.
   */
  private float[] scores(float[] shopper) {
    int k = factors.factors();
    float[] items = factors.item();
    float[] scores = new float[ids.length];
    int blocked = k & ~3;
    for (int i = 0, offset = 0; i < ids.length; i++, offset += k) {
      float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (int f = 0; f < blocked; f += 4) {
        s0 += shopper[f] * items[offset + f];
        s1 += shopper[f + 1] * items[offset + f + 1];
        s2 += shopper[f + 2] * items[offset + f + 2];
        s3 += shopper[f + 3] * items[offset + f + 3];
      }
      for (int f = blocked; f < k; f++) s0 += shopper[f] * items[offset + f];
      scores[i] = (s0 + s1) + (s2 + s3);
    }
    return scores;
  }

  /**
   * The {@code n} items whose vectors have the largest dot product with {@code shopper}, best
   * first, leaving out {@code skip}: every item is scored (about a millisecond for 100,000 items of
   * 64 factors), which is this family's serving cost until vectors move into the index.
   */
  public List<Scored> nearest(float[] shopper, int n, Set<String> skip) {
    float[] scores = scores(shopper);
    PriorityQueue<Integer> best =
        new PriorityQueue<>(
            n + 1, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[a], scores[b]) : b - a);
    for (int i = 0; i < ids.length; i++) {
      // Only an item that would enter the top n is looked up in the skip set.
      if (best.size() >= n && scores[i] <= scores[best.peek()]) continue;
      if (skip.contains(ids[i])) continue;
      best.add(i);
      if (best.size() > n) best.poll();
    }
    List<Scored> out = new ArrayList<>(best.size());
    while (!best.isEmpty()) {
      int i = best.poll();
      out.add(new Scored(ids[i], scores[i]));
    }
    return out.reversed();
  }
}
