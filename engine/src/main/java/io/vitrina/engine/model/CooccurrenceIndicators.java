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
    Map<String, List<Indicator>> result = new ConcurrentHashMap<>();
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
