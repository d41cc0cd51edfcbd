package io.vitrina.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Top-k ranking metrics with binary relevance, averaged over users, plus catalog coverage.
 *
 * <ul>
 *   <li>precision@k: hits in the first k / k (a list shorter than k is not rewarded for it);
 *   <li>recall@k: hits in the first k / number of relevant items;
 *   <li>NDCG@k: DCG with gain 1/log2(rank+1) over the ideal DCG of min(k, relevant) hits;
 *   <li>HR@k: whether the first k hold at least one relevant item;
 *   <li>MAP@k: the mean over hits in the first k of the precision at each hit's rank, over min(k,
 *       relevant);
 *   <li>coverage@k: distinct items in anybody's first k / catalog size.
 * </ul>
 *
 * Users with no relevant item are not added (they have nothing to find). Not thread-safe.
 */
public final class RankingMetrics {
  private final int k;
  private final int catalogSize;
  private final Set<String> shown = new HashSet<>();
  private int users;
  private int shortLists;
  private double precision;
  private double recall;
  private double ndcg;
  private double hitRate;
  private double averagePrecision;
  private final List<Double> ndcgByUser = new ArrayList<>();

  public RankingMetrics(int k, int catalogSize) {
    if (k < 1) throw new IllegalArgumentException("k must be positive");
    this.k = k;
    this.catalogSize = catalogSize;
  }

  /** Averages over users so far. */
  public record Scores(
      int users,
      double precision,
      double recall,
      double ndcg,
      double hitRate,
      double map,
      double coverage,
      int shortLists) {}

  public void add(List<String> recommended, Set<String> relevant) {
    if (relevant.isEmpty()) return;
    users++;
    if (recommended.size() < k) shortLists++;
    precision += precisionAt(k, recommended, relevant);
    recall += recallAt(k, recommended, relevant);
    double userNdcg = ndcgAt(k, recommended, relevant);
    ndcg += userNdcg;
    hitRate += hitsAt(k, recommended, relevant) > 0 ? 1 : 0;
    averagePrecision += averagePrecisionAt(k, recommended, relevant);
    ndcgByUser.add(userNdcg);
    shown.addAll(recommended.subList(0, Math.min(k, recommended.size())));
  }

  public Scores scores() {
    double n = Math.max(1, users);
    double coverage = catalogSize == 0 ? 0 : (double) shown.size() / catalogSize;
    return new Scores(
        users,
        precision / n,
        recall / n,
        ndcg / n,
        hitRate / n,
        averagePrecision / n,
        coverage,
        shortLists);
  }

  /** NDCG@k of each user added, in the order added: for paired comparisons of two methods. */
  public List<Double> ndcgByUser() {
    return List.copyOf(ndcgByUser);
  }

  /**
   * Mean of {@code a[u] - b[u]} and the half-width of its normal 95 % confidence interval: how much
   * better method a is than method b on the same users, and whether that is more than noise.
   */
  public static double[] pairedDifference(List<Double> a, List<Double> b) {
    if (a.size() != b.size()) throw new IllegalArgumentException("not the same users");
    int n = a.size();
    if (n < 2) return new double[] {n == 1 ? a.get(0) - b.get(0) : 0, Double.NaN};
    double mean = 0;
    for (int u = 0; u < n; u++) mean += a.get(u) - b.get(u);
    mean /= n;
    double squares = 0;
    for (int u = 0; u < n; u++) {
      double d = a.get(u) - b.get(u) - mean;
      squares += d * d;
    }
    double standardError = Math.sqrt(squares / (n - 1) / n);
    return new double[] {mean, 1.96 * standardError};
  }

  public static int hitsAt(int k, List<String> recommended, Set<String> relevant) {
    int hits = 0;
    for (int r = 0; r < Math.min(k, recommended.size()); r++)
      if (relevant.contains(recommended.get(r))) hits++;
    return hits;
  }

  public static double precisionAt(int k, List<String> recommended, Set<String> relevant) {
    return (double) hitsAt(k, recommended, relevant) / k;
  }

  public static double recallAt(int k, List<String> recommended, Set<String> relevant) {
    return relevant.isEmpty() ? 0 : (double) hitsAt(k, recommended, relevant) / relevant.size();
  }

  public static double ndcgAt(int k, List<String> recommended, Set<String> relevant) {
    if (relevant.isEmpty()) return 0;
    double dcg = 0;
    for (int r = 0; r < Math.min(k, recommended.size()); r++) {
      if (relevant.contains(recommended.get(r))) dcg += discount(r);
    }
    double ideal = 0;
    for (int r = 0; r < Math.min(k, relevant.size()); r++) ideal += discount(r);
    return dcg / ideal;
  }

  public static double averagePrecisionAt(int k, List<String> recommended, Set<String> relevant) {
    if (relevant.isEmpty()) return 0;
    double sum = 0;
    int hits = 0;
    for (int r = 0; r < Math.min(k, recommended.size()); r++) {
      if (relevant.contains(recommended.get(r))) sum += (double) ++hits / (r + 1);
    }
    return sum / Math.min(k, relevant.size());
  }

  /** 1 / log2(rank + 2) for a 0-based rank. */
  private static double discount(int rank) {
    return 1.0 / (Math.log(rank + 2) / Math.log(2));
  }
}
