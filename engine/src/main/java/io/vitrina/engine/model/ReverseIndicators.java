package io.vitrina.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Indicator lists turned around: per indicator name and item, the items whose lists hold it
 * ("holders"), each with that indicator's weight. A shopper's score of a candidate is the sum over
 * their history of the candidate's weight in each history item's holders, so the history is read
 * here row by row, a multiply-add per pair, instead of as a disjunction of one posting list per
 * history item. The rows are packed: an int and a float per pair, items as dense ordinals shared by
 * every indicator name, so that one accumulator adds up all of a shopper's clauses.
 *
 * <p>Immutable; built once per model (a second of work at a million pairs). Each item keeps its
 * {@value #MAX_HOLDERS} strongest holders.
 */
public final class ReverseIndicators {
  public static final ReverseIndicators EMPTY = of(Map.of());

  /** Per ordinal, its item id. */
  private final String[] ids;

  private final Map<String, Integer> ordinals;

  /** Per indicator name, its rows. */
  private final Map<String, Rows> byName;

  /**
   * One name's rows: the holders of the item of ordinal {@code o} are {@code holders[start[o]]} to
   * {@code holders[start[o + 1] - 1]}, with their weights and history-sum weights at the same
   * places.
   */
  public record Rows(int[] start, int[] holders, float[] weights, float[] sums) {
    /** The holders of the item of {@code ordinal} (see {@link #ordinal}); null for none or -1. */
    public Holders of(int ordinal) {
      if (ordinal < 0) return null;
      int from = start[ordinal];
      int to = start[ordinal + 1];
      return from == to ? null : new Holders(holders, weights, sums, from, to);
    }
  }

  /**
   * The holders of one item under one name: {@code holders[from]} to {@code holders[to - 1]} (item
   * ordinals, see {@link #id}), each with its weight at the same place of {@code weights} and its
   * history-sum weight ({@link Indicator#sumWeight}) at the same place of {@code sums}.
   */
  public record Holders(int[] holders, float[] weights, float[] sums, int from, int to) {
    public int size() {
      return to - from;
    }
  }

  private ReverseIndicators(String[] ids, Map<String, Integer> ordinals, Map<String, Rows> rows) {
    this.ids = ids;
    this.ordinals = ordinals;
    this.byName = rows;
  }

  /**
   * Turns around every list of {@code indicators} (per name, per item, its indicators): each list's
   * item becomes a holder of each item its list names.
   */
  public static ReverseIndicators of(Map<String, Map<String, List<Indicator>>> indicators) {
    Map<String, Integer> ordinals = new HashMap<>();
    ArrayList<String> ids = new ArrayList<>();
    indicators.forEach(
        (name, byItem) ->
            byItem.forEach(
                (holder, list) -> {
                  ordinal(holder, ordinals, ids);
                  for (Indicator one : list) ordinal(one.itemId(), ordinals, ids);
                }));
    int size = ids.size();
    Map<String, Rows> rows = new HashMap<>();
    indicators.forEach((name, byItem) -> rows.put(name, rows(byItem, ordinals, size)));
    // A HashMap, not Map.copyOf: see ModelSnapshot.byItem.
    return new ReverseIndicators(ids.toArray(String[]::new), ordinals, rows);
  }

  private static void ordinal(String id, Map<String, Integer> ordinals, ArrayList<String> ids) {
    if (ordinals.putIfAbsent(id, ids.size()) == null) ids.add(id);
  }

  /** Counting sort of the (held, holder) pairs by held item: two passes over the lists. */
  private static Rows rows(
      Map<String, List<Indicator>> byItem, Map<String, Integer> ordinals, int size) {
    int[] start = new int[size + 1];
    byItem.forEach(
        (holder, list) -> {
          for (Indicator one : list) start[ordinals.get(one.itemId()) + 1]++;
        });
    for (int o = 0; o < size; o++) start[o + 1] += start[o];
    int[] holders = new int[start[size]];
    float[] weights = new float[start[size]];
    float[] sums = new float[start[size]];
    int[] next = Arrays.copyOf(start, size);
    // Holders in a fixed order (by id), so that equal sums add up alike from build to build.
    byItem.keySet().stream()
        .sorted()
        .forEach(
            holder -> {
              int h = ordinals.get(holder);
              for (Indicator one : byItem.get(holder)) {
                int at = next[ordinals.get(one.itemId())]++;
                holders[at] = h;
                weights[at] = (float) one.weight();
                sums[at] = (float) one.sumWeight();
              }
            });
    return capped(new Rows(start, holders, weights, sums), size);
  }

  /**
   * Holders kept per item, the strongest history-sum weights ({@link Indicator#sumWeight}): a best
   * seller is held by thousands of items, and the weakest of them add little to any sum but cost a
   * multiply-add for every shopper who has it. Measured by {@code ./vitrina evaluate}: all / 300 /
   * 100 / 50 kept gave MovieLens validation NDCG@10 0.1312 / 0.1312 / 0.1315 / 0.1297 and the
   * generated order log 0.1223 at all and at 100. At 200 a personal request spent a fifth of its
   * CPU adding and ranking holders (100k items).
   */
  public static final int MAX_HOLDERS = 100;

  private static Rows capped(Rows rows, int size) {
    int[] start = new int[size + 1];
    for (int o = 0; o < size; o++)
      start[o + 1] = start[o] + Math.min(MAX_HOLDERS, rows.start()[o + 1] - rows.start()[o]);
    if (start[size] == rows.holders().length) return rows;
    int[] holders = new int[start[size]];
    float[] weights = new float[start[size]];
    float[] sums = new float[start[size]];
    for (int o = 0; o < size; o++) {
      int from = rows.start()[o];
      int length = rows.start()[o + 1] - from;
      Integer[] order = new Integer[length];
      for (int k = 0; k < length; k++) order[k] = from + k;
      if (length > MAX_HOLDERS)
        Arrays.sort(order, (a, b) -> Float.compare(rows.sums()[b], rows.sums()[a]));
      for (int k = 0; k < start[o + 1] - start[o]; k++) {
        holders[start[o] + k] = rows.holders()[order[k]];
        weights[start[o] + k] = rows.weights()[order[k]];
        sums[start[o] + k] = rows.sums()[order[k]];
      }
    }
    return new Rows(start, holders, weights, sums);
  }

  /** How many items have an ordinal: the size of an accumulator over them. */
  public int size() {
    return ids.length;
  }

  /** The item id of an ordinal. */
  public String id(int ordinal) {
    return ids[ordinal];
  }

  /** The ordinal of an item id, or -1 when no list names or holds it. */
  public int ordinal(String id) {
    Integer ordinal = ordinals.get(id);
    return ordinal == null ? -1 : ordinal;
  }

  /** The items whose {@code name} lists hold {@code itemId}; null when none does. */
  public Holders holdersOf(String name, String itemId) {
    Rows rows = rowsOf(name);
    return rows == null ? null : rows.of(ordinal(itemId));
  }

  /**
   * The rows of one indicator name, null when no list has it: what a caller reading many items
   * under one name looks up once (then {@link Rows#of} their {@link #ordinal}s).
   */
  public Rows rowsOf(String name) {
    return byName.get(name);
  }
}
