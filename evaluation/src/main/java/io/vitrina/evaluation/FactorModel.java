package io.vitrina.evaluation;

import io.vitrina.engine.model.ImplicitFactors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's implicit-feedback factor model ({@link ImplicitFactors}) as a ranking method:
 * trained on the same weighted matrix as EASE and item-kNN, a user's candidates scored by the dot
 * product of their vector with every item's.
 */
final class FactorModel implements RankingMethod {
  private final InteractionMatrix matrix;
  private final ImplicitFactors.Factors factors;
  private final Map<String, Integer> rowOf = new HashMap<>();

  private FactorModel(
      InteractionMatrix matrix, ImplicitFactors.Factors factors, List<String> users) {
    this.matrix = matrix;
    this.factors = factors;
    for (int u = 0; u < users.size(); u++) rowOf.put(users.get(u), u);
  }

  static FactorModel train(InteractionMatrix matrix, ImplicitFactors.Settings settings) {
    List<String> users = matrix.users();
    int[][] columns = new int[users.size()][];
    float[][] strengths = new float[users.size()][];
    for (int u = 0; u < users.size(); u++) {
      InteractionMatrix.Row row = matrix.row(users.get(u));
      columns[u] = row.columns();
      strengths[u] = new float[row.weights().length];
      for (int n = 0; n < strengths[u].length; n++) strengths[u][n] = (float) row.weights()[n];
    }
    ImplicitFactors.Interactions data =
        new ImplicitFactors.Interactions(matrix.columns(), columns, strengths);
    return new FactorModel(matrix, ImplicitFactors.train(data, settings), users);
  }

  @Override
  public String name() {
    return "factors";
  }

  @Override
  public List<String> recommend(String userId, Set<String> exclude, int k) {
    Integer row = rowOf.get(userId);
    if (row == null) return List.of();
    int f = factors.factors();
    float[] user = factors.shopper();
    float[] item = factors.item();
    int n = matrix.columns();
    double[] scores = new double[n];
    for (int j = 0; j < n; j++) {
      double sum = 0;
      for (int g = 0; g < f; g++) sum += user[row * f + g] * item[j * f + g];
      scores[j] = sum;
    }
    return matrix.best(scores, exclude, k);
  }
}
