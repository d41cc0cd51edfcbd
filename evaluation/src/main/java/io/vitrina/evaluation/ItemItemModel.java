package io.vitrina.evaluation;

import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A dense item × item weight matrix W, scoring a user's candidates as x·W (x: the user's weighted
 * training row): the form shared by the strongest simple baselines of the literature. Two ways to
 * learn W:
 *
 * <ul>
 *   <li>{@link #ease}: EASE (Steck, "Embarrassingly Shallow Autoencoders", WWW 2019), the closed
 *       form of a ridge regression of every item on all others with a zero diagonal: P = (XᵀX +
 *       λI)⁻¹, W = I − P·diag(1/diag(P)). The reference `personal` is measured against.
 *   <li>{@link #cosine}: item-kNN with cosine similarity of item columns, all neighbours.
 * </ul>
 *
 * Both hold n² doubles (n items with enough support); they are the evaluation's references, not
 * part of the service.
 */
public final class ItemItemModel implements RankingMethod {
  private final String name;
  private final InteractionMatrix matrix;
  private final double[] weights;

  private ItemItemModel(String name, InteractionMatrix matrix, double[] weights) {
    this.name = name;
    this.matrix = matrix;
    this.weights = weights;
  }

  /** EASE with L2 regularization {@code lambda}. */
  public static ItemItemModel ease(InteractionMatrix matrix, double lambda) {
    int n = matrix.columns();
    DMatrixRMaj gram = DMatrixRMaj.wrap(n, n, matrix.gram());
    for (int i = 0; i < n; i++) gram.data[i * n + i] += lambda;
    DMatrixRMaj inverse = new DMatrixRMaj(n, n);
    if (!CommonOps_DDRM.invertSPD(gram, inverse))
      throw new IllegalStateException("XᵀX + λI is not positive definite; raise λ");
    double[] p = inverse.data;
    double[] diagonal = new double[n];
    for (int j = 0; j < n; j++) diagonal[j] = p[j * n + j];
    for (int i = 0; i < n; i++) {
      int row = i * n;
      for (int j = 0; j < n; j++) p[row + j] = i == j ? 0 : -p[row + j] / diagonal[j];
    }
    return new ItemItemModel("ease", matrix, p);
  }

  /** Item-kNN: cosine similarity between item columns, every neighbour kept. */
  public static ItemItemModel cosine(InteractionMatrix matrix) {
    int n = matrix.columns();
    double[] w = matrix.gram();
    double[] norm = new double[n];
    for (int i = 0; i < n; i++) norm[i] = Math.sqrt(w[i * n + i]);
    for (int i = 0; i < n; i++) {
      int row = i * n;
      for (int j = 0; j < n; j++) {
        double denominator = norm[i] * norm[j];
        w[row + j] = i == j || denominator == 0 ? 0 : w[row + j] / denominator;
      }
    }
    return new ItemItemModel("item_knn", matrix, w);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * The same weights read from one item: its row of W, the score x·W of a shopper holding only that
   * item. An item without a column (too little support) gets nothing.
   */
  public ItemToItemMethod fromItem() {
    return new ItemToItemMethod() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<String> related(String itemId, Set<String> exclude, int k) {
        int column = matrix.column(itemId);
        if (column < 0) return List.of();
        int n = matrix.columns();
        double[] scores = java.util.Arrays.copyOfRange(weights, column * n, column * n + n);
        return matrix.best(scores, exclude, k);
      }
    };
  }

  @Override
  public List<String> recommend(String userId, Set<String> exclude, int k) {
    int n = matrix.columns();
    InteractionMatrix.Row row = matrix.row(userId);
    double[] scores = new double[n];
    for (int h = 0; h < row.columns().length; h++) {
      int base = row.columns()[h] * n;
      double x = row.weights()[h];
      for (int j = 0; j < n; j++) scores[j] += x * weights[base + j];
    }
    return matrix.best(scores, exclude, k);
  }
}
