package io.vitrina.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The training interactions as a weighted user × item matrix X, for the dense reference methods
 * (EASE, item-kNN): a purchase weighs {@link #PURCHASE}, a view alone {@link #VIEW}. Only items
 * with at least {@code minSupport} training interactions get a column: an item seen once has no
 * co-occurrence to learn from, and leaving it out keeps the item × item matrices in memory.
 */
public final class InteractionMatrix {
  static final double PURCHASE = 1.0;
  static final double VIEW = 0.2;

  private final List<String> items;
  private final Map<String, Integer> columnOf;
  private final Map<String, Row> rows;

  /** One user's non-zero entries: column indices and weights. */
  record Row(int[] columns, double[] weights) {}

  private InteractionMatrix(List<String> items, Map<String, Row> rows) {
    this.items = List.copyOf(items);
    this.rows = rows;
    this.columnOf = new HashMap<>(items.size() * 2);
    for (int c = 0; c < items.size(); c++) columnOf.put(items.get(c), c);
  }

  public static InteractionMatrix of(List<Interaction> training, int minSupport) {
    Map<String, Integer> support = new HashMap<>();
    for (Interaction i : training) support.merge(i.itemId(), 1, Integer::sum);
    List<String> items = new ArrayList<>();
    support.forEach(
        (item, n) -> {
          if (n >= minSupport) items.add(item);
        });
    items.sort(Comparator.naturalOrder()); // deterministic columns
    Map<String, Integer> column = new HashMap<>(items.size() * 2);
    for (int c = 0; c < items.size(); c++) column.put(items.get(c), c);

    Map<String, Map<Integer, Double>> byUser = new LinkedHashMap<>();
    for (Interaction i : training) {
      Integer c = column.get(i.itemId());
      if (c == null) continue;
      double weight = i.isPurchase() ? PURCHASE : VIEW;
      byUser.computeIfAbsent(i.userId(), u -> new HashMap<>()).merge(c, weight, Math::max);
    }
    Map<String, Row> rows = new HashMap<>(byUser.size() * 2);
    byUser.forEach(
        (user, entries) -> {
          int[] columns = new int[entries.size()];
          double[] weights = new double[entries.size()];
          int k = 0;
          for (Map.Entry<Integer, Double> e : entries.entrySet()) {
            columns[k] = e.getKey();
            weights[k++] = e.getValue();
          }
          rows.put(user, new Row(columns, weights));
        });
    return new InteractionMatrix(items, rows);
  }

  public int columns() {
    return items.size();
  }

  /** The item's column, or -1 for an item without enough support. */
  int column(String item) {
    return columnOf.getOrDefault(item, -1);
  }

  String item(int column) {
    return items.get(column);
  }

  /** The user's row; empty for a user without training interactions on a kept item. */
  Row row(String user) {
    return rows.getOrDefault(user, new Row(new int[0], new double[0]));
  }

  /** Users with a row, in a fixed order. */
  List<String> users() {
    return rows.keySet().stream().sorted().toList();
  }

  /**
   * The {@code k} items of the highest {@code scores} (one per column), best first, none in {@code
   * exclude}; ties go to the lower column, so lists are repeatable.
   */
  List<String> best(double[] scores, Set<String> exclude, int k) {
    PriorityQueue<Integer> best =
        new PriorityQueue<>(
            k + 1, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[a], scores[b]) : b - a);
    for (int j = 0; j < scores.length; j++) {
      if (exclude.contains(items.get(j))) continue;
      best.add(j);
      if (best.size() > k) best.poll();
    }
    List<String> out = new ArrayList<>(best.size());
    while (!best.isEmpty()) out.add(items.get(best.poll()));
    return out.reversed();
  }

  /** XᵀX, dense and row-major: entry (i, j) is how much weight items i and j share over users. */
  double[] gram() {
    int n = items.size();
    double[] gram = new double[n * n];
    for (Row row : rows.values()) {
      int[] c = row.columns();
      double[] w = row.weights();
      for (int a = 0; a < c.length; a++) {
        int base = c[a] * n;
        for (int b = 0; b < c.length; b++) gram[base + c[b]] += w[a] * w[b];
      }
    }
    return gram;
  }
}
