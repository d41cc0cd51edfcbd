package io.vitrina.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The items' vectors of a trained {@link ImplicitFactors} model, by item id, and what serving needs
 * from them: a shopper's vector folded in from their history, and the items nearest to it by dot
 * product. Immutable; swapped whole after each training.
 */
public final class ItemVectors {
  public static final ItemVectors NONE = new ItemVectors(new String[0], null, Lookalikes.NONE);

  private final String[] ids;
  private final Map<String, Integer> index;
  private final ImplicitFactors.Factors factors;
  private final VectorGraph graph;
  private final Lookalikes lookalikes;

  private ItemVectors(String[] ids, ImplicitFactors.Factors factors, Lookalikes lookalikes) {
    this.ids = ids;
    this.factors = factors;
    this.lookalikes = lookalikes;
    this.graph =
        factors == null ? null : VectorGraph.build(factors.item(), factors.factors(), ids.length);
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
    String[] itemIds = ids.toArray(String[]::new);
    ImplicitFactors.Factors factors = ImplicitFactors.train(data, settings);
    return new ItemVectors(
        itemIds, factors, Lookalikes.of(itemIds, data, factors, ModelBuilder.PURCHASE_STRENGTH));
  }

  /**
   * Items with vectors at most: a rarely bought item's vector is mostly regularization anyway, and
   * training and the HNSW graph grow with the number of items (the graph of 20,000 vectors takes
   * about a second to build).
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
   * The {@code n} items whose vectors have about the largest dot product with {@code shopper}, best
   * first, leaving out {@code skip}: a search of Lucene's HNSW graph, which visits a few hundred of
   * the vectors rather than all of them.
   */
  public List<Scored> nearest(float[] shopper, int n, Set<String> skip) {
    int[] found = graph.nearest(shopper, n, i -> !skip.contains(ids[i]));
    List<Scored> out = new ArrayList<>(found.length);
    for (int i : found) out.add(new Scored(ids[i], dot(shopper, i)));
    out.sort(Comparator.comparingDouble(Scored::score).reversed());
    return out;
  }

  /** An item the shopper's look-alikes bought, how strongly they point to it, and how many did. */
  public record Offer(String itemId, float score, int shoppers) {}

  /**
   * What the {@code neighbours} buyers whose vectors are nearest to {@code shopper} bought, by
   * summed similarity, leaving out {@code skip}: the {@code n} strongest.
   */
  public List<Offer> lookalikeOffers(float[] shopper, int neighbours, int n, Set<String> skip) {
    return lookalikes.offers(shopper, neighbours, n, skip);
  }

  /** The dot product of a shopper's vector with the item's; 0 for an item without a vector. */
  public float score(float[] shopper, String itemId) {
    return scoreOfRow(shopper, row(itemId));
  }

  /** The item's row in these vectors, or -1 when it has no vector. */
  public int row(String itemId) {
    Integer row = index.get(itemId);
    return row == null ? -1 : row;
  }

  /** The same dot product, for an item's {@link #row} (0 for -1). */
  public float scoreOfRow(float[] shopper, int row) {
    return row < 0 ? 0f : dot(shopper, row);
  }

  /** The graph ranks by a transform of the dot product; the candidates carry the product itself. */
  private float dot(float[] shopper, int item) {
    int k = factors.factors();
    return (float) ImplicitFactors.dot(shopper, 0, factors.item(), item * k, k);
  }
}
