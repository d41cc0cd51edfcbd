package io.vitrina.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small store's order log, generated from a seed, with the shape of real retail: customers who
 * keep to a few categories, a long tail inside each, items bought with their complements, goods
 * bought again on a cycle of their own, and seasonal items whose demand rises at the end of the
 * log. For tests and to try {@code ./vitrina evaluate --orders} without a store's data; it is not a
 * benchmark of quality (real logs are).
 *
 * @param customers how many customers
 * @param items how many items (in 20 categories)
 * @param days how long the log runs, ending at {@code end}
 */
public record OrderLogGenerator(int customers, int items, int days, Instant end, long seed) {
  static final int CATEGORIES = 20;

  /** 1,500 customers, 600 items, 180 days. */
  public static OrderLogGenerator small(long seed) {
    return new OrderLogGenerator(1_500, 600, 180, Instant.parse("2026-06-30T00:00:00Z"), seed);
  }

  /** What the store sells: each item's category, price, complements and cycle. */
  private record Goods(
      int[] category, double[] price, int[][] complements, int[] cycleDays, boolean[] seasonal) {}

  public OrderLog generate() {
    SplittableRandom random = new SplittableRandom(seed);
    Goods goods = goods(random);
    List<int[]> byCategory = byCategory(goods);
    Instant start = end.minus(Duration.ofDays(days));
    List<OrderLog.Line> lines = new ArrayList<>();
    int orders = 0;
    for (int c = 0; c < customers; c++) {
      int[] favourites = {random.nextInt(CATEGORIES), random.nextInt(CATEGORIES)};
      double gapDays = 10 + random.nextDouble() * 40;
      Map<Integer, Instant> lastBought = new HashMap<>();
      Instant at = start.plus(Duration.ofMinutes((long) (random.nextDouble() * days * 1440 * 0.7)));
      while (at.isBefore(end)) {
        List<Integer> basket = basket(random, goods, byCategory, favourites, lastBought, at);
        String order = "o" + (++orders);
        for (int item : basket) {
          lines.add(
              new OrderLog.Line(
                  order,
                  "c" + c,
                  "i" + item,
                  1 + (random.nextInt(10) == 0 ? 1 : 0),
                  goods.price()[item],
                  at));
          lastBought.put(item, at);
        }
        at = at.plus(Duration.ofMinutes((long) (gapDays * 1440 * (0.5 + random.nextDouble()))));
      }
    }
    return new OrderLog(lines, 0);
  }

  private Goods goods(SplittableRandom random) {
    int[] category = new int[items];
    double[] price = new double[items];
    int[][] complements = new int[items][];
    int[] cycle = new int[items];
    boolean[] seasonal = new boolean[items];
    for (int i = 0; i < items; i++) {
      category[i] = i % CATEGORIES;
      price[i] = 5 + Math.floor(random.nextDouble() * 195);
      cycle[i] = random.nextInt(5) == 0 ? 25 + random.nextInt(35) : 0;
      seasonal[i] = random.nextInt(10) == 0;
    }
    for (int i = 0; i < items; i++) {
      // Complements live in the paired category: a phone's cases, a tent's pegs.
      int paired = (category[i] + 1) % CATEGORIES;
      complements[i] = new int[3];
      for (int k = 0; k < 3; k++)
        complements[i][k] = paired + CATEGORIES * random.nextInt(items / CATEGORIES);
    }
    return new Goods(category, price, complements, cycle, seasonal);
  }

  private List<int[]> byCategory(Goods goods) {
    List<int[]> out = new ArrayList<>();
    for (int c = 0; c < CATEGORIES; c++) {
      int count = 0;
      for (int i = 0; i < items; i++) if (goods.category()[i] == c) count++;
      int[] members = new int[count];
      int k = 0;
      for (int i = 0; i < items; i++) if (goods.category()[i] == c) members[k++] = i;
      out.add(members);
    }
    return out;
  }

  private List<Integer> basket(
      SplittableRandom random,
      Goods goods,
      List<int[]> byCategory,
      int[] favourites,
      Map<Integer, Instant> lastBought,
      Instant at) {
    List<Integer> basket = new ArrayList<>();
    Integer due = due(goods, lastBought, at);
    boolean lateSeason = at.isAfter(end.minus(Duration.ofDays(60)));
    if (due != null && random.nextInt(3) > 0) basket.add(due);
    else {
      int category =
          random.nextInt(5) == 0 ? random.nextInt(CATEGORIES) : favourites[random.nextInt(2)];
      basket.add(pick(random, goods, byCategory.get(category), lateSeason));
    }
    int first = basket.getFirst();
    if (random.nextInt(2) == 0) add(basket, goods.complements()[first][random.nextInt(3)]);
    if (random.nextInt(4) == 0)
      add(basket, pick(random, goods, byCategory.get(goods.category()[first]), lateSeason));
    return basket;
  }

  private static void add(List<Integer> basket, int item) {
    if (!basket.contains(item)) basket.add(item);
  }

  /** A consumable whose cycle has passed since the customer last bought it, if any. */
  private static Integer due(Goods goods, Map<Integer, Instant> lastBought, Instant at) {
    for (Map.Entry<Integer, Instant> e : lastBought.entrySet()) {
      int cycle = goods.cycleDays()[e.getKey()];
      if (cycle > 0 && e.getValue().plus(Duration.ofDays(cycle)).isBefore(at)) return e.getKey();
    }
    return null;
  }

  /**
   * An item of the category, by a long-tailed popularity; seasonal ones four times as likely late.
   */
  private static int pick(SplittableRandom random, Goods goods, int[] members, boolean lateSeason) {
    double total = 0;
    double[] weight = new double[members.length];
    for (int r = 0; r < members.length; r++) {
      weight[r] = Math.pow(r + 1, -0.9) * (lateSeason && goods.seasonal()[members[r]] ? 4 : 1);
      total += weight[r];
    }
    double draw = random.nextDouble() * total;
    for (int r = 0; r < members.length; r++) {
      draw -= weight[r];
      if (draw <= 0) return members[r];
    }
    return members[members.length - 1];
  }
}
