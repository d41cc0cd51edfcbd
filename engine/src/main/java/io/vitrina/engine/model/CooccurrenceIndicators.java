package io.vitrina.engine.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.mahout.math.map.OpenLongIntHashMap;
import org.apache.mahout.math.stats.LogLikelihood;

/**
 * Correlated cross-occurrence: for every item bought (the primary action), the items whose
 * secondary action (view, purchase, …) by the same shoppers is significant by log-likelihood ratio.
 * With the same action on both sides this is plain co-occurrence ("also viewed").
 *
 * <p>The result is what the Universal Recommender calls indicators: written into each item's
 * document, they turn a shopper's history into a search query. Popular items co-occur with
 * everything by chance; LLR discounts that, and the per-shopper sample and per-item cap bound both
 * the build time and the postings of very popular items.
 */
public final class CooccurrenceIndicators {

  /**
   * @param maxItemsPerShopper histories longer than this are sampled down (bots, power users)
   * @param maxIndicatorsPerItem keep at most this many indicators per item, strongest first
   * @param minLlr drop indicators below this log-likelihood ratio
   * @param minCooccurrences drop pairs seen fewer times than this
   */
  public record Settings(
      int maxItemsPerShopper,
      int maxIndicatorsPerItem,
      double minLlr,
      int minCooccurrences,
      long seed) {
    public static final Settings DEFAULT = new Settings(500, 50, 1.0, 2, 42L);
  }

  private CooccurrenceIndicators() {}

  /**
   * Computes indicators.
   *
   * @param primary per shopper, the items of the primary action
   * @param secondary per shopper, the items of the secondary action (may be {@code primary})
   * @return per primary item, its indicators (secondary items), strongest first
   */
  public static Map<String, List<Indicator>> compute(
      Map<String, ? extends Collection<String>> primary,
      Map<String, ? extends Collection<String>> secondary,
      Settings settings) {
    ItemIds ids = new ItemIds();
    Random random = new Random(settings.seed());
    List<int[][]> baskets = new ArrayList<>();
    int[] primaryCounts = new int[16];
    int[] secondaryCounts = new int[16];
    boolean selfOccurrence = primary == secondary;

    // Sampling stays on one thread, so the seeded sample does not depend on the thread count.
    for (Map.Entry<String, ? extends Collection<String>> entry : primary.entrySet()) {
      Collection<String> secondaryItems = secondary.get(entry.getKey());
      if (secondaryItems == null || secondaryItems.isEmpty() || entry.getValue().isEmpty())
        continue;
      int[] p = ids.sample(entry.getValue(), settings.maxItemsPerShopper(), random);
      int[] s =
          selfOccurrence ? p : ids.sample(secondaryItems, settings.maxItemsPerShopper(), random);
      baskets.add(new int[][] {p, s});
      primaryCounts = ensure(primaryCounts, ids.size());
      secondaryCounts = ensure(secondaryCounts, ids.size());
      for (int i : p) primaryCounts[i]++;
      for (int j : s) secondaryCounts[j]++;
    }
    int shoppers = baskets.size();
    int[] primaryTotals = primaryCounts;
    int[] secondaryTotals = secondaryCounts;
    // Pair counting is most of a build: each thread counts the pairs of its share of the primary
    // items, so the partitions are disjoint and the result does not depend on their number.
    int partitions = Runtime.getRuntime().availableProcessors();
    ConcurrentHashMap<String, List<Indicator>> result = new ConcurrentHashMap<>();
    IntStream.range(0, partitions)
        .parallel()
        .forEach(
            part -> {
              OpenLongIntHashMap pairs = new OpenLongIntHashMap();
              for (int[][] basket : baskets) {
                for (int i : basket[0]) {
                  if (i % partitions != part) continue;
                  for (int j : basket[1]) {
                    if (i != j) pairs.adjustOrPutValue(pairKey(i, j), 1, 1);
                  }
                }
              }
              result.putAll(select(pairs, primaryTotals, secondaryTotals, shoppers, ids, settings));
            });
    regress(result, baskets, ids, primaryTotals);
    return new HashMap<>(result);
  }

  private static Map<String, List<Indicator>> select(
      OpenLongIntHashMap pairs,
      int[] primaryCounts,
      int[] secondaryCounts,
      int shoppers,
      ItemIds ids,
      Settings settings) {
    Map<Integer, List<Indicator>> byItem = new HashMap<>();
    pairs.forEachPair(
        (key, together) -> {
          if (together < settings.minCooccurrences()) return true;
          int i = (int) (key >>> 32);
          int j = (int) key ^ scramble(i);
          long k11 = together;
          long k12 = primaryCounts[i] - together;
          long k21 = secondaryCounts[j] - together;
          long k22 = shoppers - primaryCounts[i] - secondaryCounts[j] + together;
          double llr = LogLikelihood.logLikelihoodRatio(k11, k12, k21, k22);
          // LLR is large for negative correlation too; keep only pairs seen more than chance.
          boolean positive =
              (double) k11 * shoppers > (double) primaryCounts[i] * secondaryCounts[j];
          if (positive && llr >= settings.minLlr()) {
            byItem
                .computeIfAbsent(i, x -> new ArrayList<>())
                .add(
                    new Indicator(
                        ids.id(j),
                        llr,
                        together,
                        weight(together, primaryCounts[i], secondaryCounts[j])));
          }
          return true;
        });
    Map<String, List<Indicator>> result = new HashMap<>(byItem.size() * 2);
    Comparator<Indicator> strongestFirst =
        Comparator.comparingDouble(Indicator::llr).reversed().thenComparing(Indicator::itemId);
    byItem.forEach(
        (i, list) -> {
          list.sort(strongestFirst);
          int keep = Math.min(list.size(), settings.maxIndicatorsPerItem());
          result.put(ids.id(i), List.copyOf(list.subList(0, keep)));
        });
    return result;
  }

  /**
   * How much the indicated item's share of a history counts toward this item: an asymmetric cosine
   * (Aiolli, RecSys 2013), {@code together / (thisItem^α · indicated^(1−α))}. α = 0.5 is the
   * cosine; a smaller α penalizes popular candidates less. On MovieLens' validation split α =
   * 0.15-0.3 gave NDCG@10 0.125-0.126, the cosine 0.117 and α = 0.7 0.096 (see EVALUATION.md).
   */
  static double weight(int together, int thisItem, int indicated) {
    return together / (Math.pow(thisItem, ALPHA) * Math.pow(indicated, 1 - ALPHA));
  }

  static final double ALPHA = 0.2;

  /**
   * The ridge of each item's regression on its indicators (see {@link #regress}), in shoppers. On
   * MovieLens' validation split (scale 8, γ 0.3) λ = 20 / 50 / 100 gave NDCG@10 0.1379 / 0.1418 /
   * 0.1450; λ = 200 at scale 16, 0.1452.
   */
  static final double RIDGE = 100;

  /**
   * The regression's coefficients times this are the weights, so that the history sum keeps the
   * weight it had against the second opinion (the affinity boost and the factor model's score, see
   * {@code HistoryQuery}): at λ 100 and γ 0.3, scale 8 / 12 gave NDCG@10 0.1450 / 0.1457; at λ 50
   * and no damping, 1 / 2 / 3 / 5 / 8 gave 0.1247 / 0.1323 / 0.1369 / 0.1417 / 0.1421.
   */
  static final double RIDGE_SCALE = 12;

  /**
   * The coefficients of an item acted on by n shoppers are damped by {@code (n / 20)^-γ}: the
   * regression favours best sellers (coverage@10 on MovieLens' validation split 0.082 without
   * damping, against 0.094 with the cosine weights). At λ 50 and scale 8, γ = 0 / 0.3 / 0.4 gave
   * NDCG@10 0.1421 / 0.1418 / 0.1407 and coverage 0.082 / 0.115 / 0.132.
   */
  static final double RIDGE_DAMPING = 0.3;

  /**
   * An indicator the others explain away (a coefficient of 0 or less) keeps this share of its
   * cosine weight: the history sums stay positive, and every significant indicator still reaches
   * its item ({@code item_cf}, a history of one item), behind the ones the regression kept.
   */
  static final double EXPLAINED_AWAY = 0.01;

  /** The item count the damping is relative to: a coefficient of an item with this many is kept. */
  private static final double DAMPING_PIVOT = 20;

  /**
   * Gives each item's indicators, as their history-sum weight ({@link Indicator#sumWeight}; the
   * cosine stays their {@link Indicator#weight}), the coefficients of a ridge regression of the
   * item's column (who did its primary action) on its indicators' columns (who did their secondary
   * action): EASE (Steck, WWW 2019) on the item's neighbourhood rather than on the whole catalog,
   * so a 50 × 50 system per item instead of one inverse of the catalog's size. {@code (G + λI) b =
   * r}, G the indicators' co-occurrence among themselves, r their co-occurrence with the item; the
   * indicators that the others explain away get small coefficients, where the cosine counts every
   * correlated one again. A coefficient of 0 or less becomes a small share of the cosine weight
   * ({@link #EXPLAINED_AWAY}); the lists keep their LLR order for {@code also_viewed}. On
   * MovieLens' validation split {@code personal}'s NDCG@10 went from 0.1315 to 0.1457 (EASE
   * 0.1258), coverage@10 0.094 to 0.110; on the test split, once, 0.1283 to 0.1366 (EASE 0.1230,
   * +0.0136 ± 0.0108), coverage 0.101 to 0.113; on the generated order log 0.1223 to 0.1268. A 50 ×
   * 50 Gram matrix (see {@link #gramByBaskets}) and its Cholesky solve per item: on the 100k-item
   * demo store (47k items with indicators, 1M events) the build's computing went from 4.2 s to 5.6
   * s.
   */
  private static void regress(
      ConcurrentHashMap<String, List<Indicator>> result,
      List<int[][]> baskets,
      ItemIds ids,
      int[] primaryCounts) {
    // Per secondary item, the baskets holding it, in ascending order.
    int[] sizes = new int[ids.size()];
    for (int[][] basket : baskets) for (int j : basket[1]) sizes[j]++;
    int[][] holders = new int[ids.size()][];
    for (int j = 0; j < holders.length; j++) holders[j] = new int[sizes[j]];
    int[] filled = new int[ids.size()];
    for (int b = 0; b < baskets.size(); b++)
      for (int j : baskets.get(b)[1]) holders[j][filled[j]++] = b;
    List<String> items = new ArrayList<>(result.keySet());
    items.parallelStream()
        .forEach(
            item -> {
              List<Indicator> list = result.get(item);
              int n = list.size();
              int[][] columns = new int[n][];
              for (int a = 0; a < n; a++) columns[a] = holders[ids.of(list.get(a).itemId())];
              double[][] gram =
                  n <= Long.SIZE
                      ? gramByBaskets(columns, baskets.size())
                      : gramByIntersections(columns);
              double[] together = new double[n];
              for (int a = 0; a < n; a++) {
                together[a] = list.get(a).cooccurrences();
                gram[a][a] = columns[a].length + RIDGE;
              }
              double[] coefficients = solve(gram, together);
              double scale =
                  RIDGE_SCALE
                      * Math.pow(primaryCounts[ids.of(item)] / DAMPING_PIVOT, -RIDGE_DAMPING);
              List<Indicator> out = new ArrayList<>(n);
              for (int a = 0; a < n; a++) {
                Indicator one = list.get(a);
                double weight = Math.max(scale * coefficients[a], EXPLAINED_AWAY * one.weight());
                out.add(
                    new Indicator(
                        one.itemId(), one.llr(), one.cooccurrences(), one.weight(), weight));
              }
              result.put(item, List.copyOf(out));
            });
  }

  /** Per thread, a bit per indicator for each basket (see {@link #gramByBaskets}). */
  private static final ThreadLocal<long[]> MASKS = ThreadLocal.withInitial(() -> new long[0]);

  /**
   * The indicators' co-occurrence counts (off the diagonal) from one pass over their baskets: each
   * basket gets a bit per indicator it holds, then adds one to each pair of its bits. A pair of
   * sorted lists intersected per pair of indicators read every basket 49 times; on the 100k store
   * the regression took 38 s that way.
   */
  static double[][] gramByBaskets(int[][] columns, int baskets) {
    int n = columns.length;
    long[] masks = MASKS.get();
    if (masks.length < baskets) MASKS.set(masks = new long[baskets]);
    int total = 0;
    for (int[] column : columns) total += column.length;
    int[] touched = new int[total];
    int count = 0;
    for (int a = 0; a < n; a++) {
      for (int b : columns[a]) {
        if (masks[b] == 0) touched[count++] = b;
        masks[b] |= 1L << a;
      }
    }
    int[] pairs = new int[n * n];
    for (int k = 0; k < count; k++) {
      long mask = masks[touched[k]];
      masks[touched[k]] = 0;
      for (long x = mask; x != 0; x &= x - 1) {
        int a = Long.numberOfTrailingZeros(x);
        for (long y = x & (x - 1); y != 0; y &= y - 1)
          pairs[a * n + Long.numberOfTrailingZeros(y)]++;
      }
    }
    double[][] gram = new double[n][n];
    for (int a = 0; a < n; a++)
      for (int c = a + 1; c < n; c++) {
        gram[a][c] = pairs[a * n + c];
        gram[c][a] = pairs[a * n + c];
      }
    return gram;
  }

  /** The same by intersecting each pair's lists: for more indicators than a long has bits. */
  static double[][] gramByIntersections(int[][] columns) {
    int n = columns.length;
    double[][] gram = new double[n][n];
    for (int a = 0; a < n; a++)
      for (int c = a + 1; c < n; c++) {
        double count = intersection(columns[a], columns[c]);
        gram[a][c] = count;
        gram[c][a] = count;
      }
    return gram;
  }

  /** How many values two ascending arrays have in common. */
  private static int intersection(int[] a, int[] b) {
    int i = 0;
    int j = 0;
    int count = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else {
        count++;
        i++;
        j++;
      }
    }
    return count;
  }

  /**
   * Solves {@code g x = r} for a symmetric positive definite {@code g} (Cholesky; overwrites {@code
   * g}'s lower triangle).
   */
  static double[] solve(double[][] g, double[] r) {
    int n = r.length;
    for (int j = 0; j < n; j++) {
      double d = g[j][j];
      for (int k = 0; k < j; k++) d -= g[j][k] * g[j][k];
      d = Math.sqrt(Math.max(d, 1e-12));
      g[j][j] = d;
      for (int i = j + 1; i < n; i++) {
        double s = g[i][j];
        for (int k = 0; k < j; k++) s -= g[i][k] * g[j][k];
        g[i][j] = s / d;
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = r[i];
      for (int k = 0; k < i; k++) s -= g[i][k] * y[k];
      y[i] = s / g[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) s -= g[k][i] * x[k];
      x[i] = s / g[i][i];
    }
    return x;
  }

  /**
   * Both ids in one long. Mahout's open hash maps hash a long as {@code (int) (key ^ key >>> 32)},
   * which for a plain {@code i << 32 | j} is {@code i ^ j}: with dense ids below 2^14 every pair
   * fell into 16k hash values and counting degenerated into probing over millions of keys. The low
   * half is therefore scrambled by a hash of {@code i}, reversibly.
   */
  private static long pairKey(int i, int j) {
    return ((long) i << 32) | ((j ^ scramble(i)) & 0xffffffffL);
  }

  private static int scramble(int i) {
    return i * 0x9E3779B9;
  }

  private static int[] ensure(int[] counts, int size) {
    if (counts.length >= size) return counts;
    return java.util.Arrays.copyOf(counts, Math.max(size, counts.length * 2));
  }

  /** Dense ints for item ids, so pair counts are keyed by two ints in one long. */
  private static final class ItemIds {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    int size() {
      return names.size();
    }

    String id(int i) {
      return names.get(i);
    }

    /** The int of an id {@link #sample} has given one. */
    int of(String id) {
      return index.get(id);
    }

    int[] sample(Collection<String> items, int max, Random random) {
      Set<String> distinct = new java.util.LinkedHashSet<>(items);
      List<String> chosen = new ArrayList<>(distinct);
      if (chosen.size() > max) {
        java.util.Collections.shuffle(chosen, random);
        chosen = chosen.subList(0, max);
      }
      int[] out = new int[chosen.size()];
      for (int k = 0; k < out.length; k++) {
        out[k] =
            index.computeIfAbsent(
                chosen.get(k),
                id -> {
                  names.add(id);
                  return names.size() - 1;
                });
      }
      return out;
    }
  }
}
