package io.vitrina.engine.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shoppers like this one: the buyers of a trained factor model, their vectors in an HNSW graph and
 * what each bought. A shopper's nearest buyers by inner product, and what they bought that the
 * shopper does not have, is the user-to-user recommendation ("bought by shoppers like you").
 */
final class Lookalikes {
  static final Lookalikes NONE = new Lookalikes(new String[0], 0, new float[0], new int[0][]);

  private final String[] itemIds;
  private final int dimensions;
  private final float[] vectors;
  private final int[][] bought;
  private final VectorGraph graph;

  private Lookalikes(String[] itemIds, int dimensions, float[] vectors, int[][] bought) {
    this.itemIds = itemIds;
    this.dimensions = dimensions;
    this.vectors = vectors;
    this.bought = bought;
    this.graph = bought.length == 0 ? null : VectorGraph.build(vectors, dimensions, bought.length);
  }

  /**
   * The buyers among {@code data}'s shoppers (a strength of {@code bought} or more is a purchase),
   * with their vectors from {@code factors}.
   */
  static Lookalikes of(
      String[] itemIds,
      ImplicitFactors.Interactions data,
      ImplicitFactors.Factors factors,
      float bought) {
    int k = factors.factors();
    List<int[]> purchases = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    for (int u = 0; u < data.shoppers(); u++) {
      int n = 0;
      for (float s : data.strengths()[u]) if (s >= bought) n++;
      if (n == 0) continue;
      int[] items = new int[n];
      n = 0;
      for (int j = 0; j < data.columns()[u].length; j++)
        if (data.strengths()[u][j] >= bought) items[n++] = data.columns()[u][j];
      purchases.add(items);
      rows.add(u);
    }
    if (rows.isEmpty()) return NONE;
    float[] vectors = new float[rows.size() * k];
    for (int b = 0; b < rows.size(); b++)
      System.arraycopy(factors.shopper(), rows.get(b) * k, vectors, b * k, k);
    return new Lookalikes(itemIds, k, vectors, purchases.toArray(int[][]::new));
  }

  /**
   * What the {@code neighbours} buyers nearest to {@code shopper} bought, by summed similarity,
   * leaving out {@code skip}; the {@code n} strongest.
   */
  List<ItemVectors.Offer> offers(float[] shopper, int neighbours, int n, Set<String> skip) {
    if (graph == null) return List.of();
    Map<Integer, float[]> byItem = new HashMap<>();
    for (int buyer : graph.nearest(shopper, neighbours, b -> true)) {
      float similarity = dot(shopper, buyer);
      if (similarity <= 0) continue;
      for (int item : bought[buyer]) {
        if (skip.contains(itemIds[item])) continue;
        float[] sum = byItem.computeIfAbsent(item, i -> new float[2]);
        sum[0] += similarity;
        sum[1]++;
      }
    }
    return byItem.entrySet().stream()
        .map(
            e -> new ItemVectors.Offer(itemIds[e.getKey()], e.getValue()[0], (int) e.getValue()[1]))
        .sorted(
            Comparator.comparingDouble(ItemVectors.Offer::score)
                .reversed()
                .thenComparing(ItemVectors.Offer::itemId))
        .limit(n)
        .toList();
  }

  private float dot(float[] shopper, int buyer) {
    float sum = 0;
    for (int f = 0, offset = buyer * dimensions; f < dimensions; f++)
      sum += shopper[f] * vectors[offset + f];
    return sum;
  }
}
