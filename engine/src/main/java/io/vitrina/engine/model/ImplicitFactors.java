package io.vitrina.engine.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A factor model of implicit feedback (Hu, Koren and Volinsky, ICDM 2008): every shopper and every
 * item a vector of {@code factors} numbers, learned so that their dot product approaches 1 where
 * the shopper interacted with the item and 0 elsewhere, each interaction weighed by confidence
 * {@code 1 + alpha · strength}. Alternating least squares, each row solved approximately by a few
 * steps of conjugate gradient warm-started from the last solution (Takács, Pilászy and Tikk, RecSys
 * 2011), so an iteration costs O(interactions · factors + rows · factors²) instead of a k³ solve
 * per row. Rows are solved in parallel; the result is the same for any thread count.
 */
public final class ImplicitFactors {

  /**
   * @param factors length of every vector
   * @param iterations alternating passes (shoppers, then items)
   * @param regularization L2 weight λ on every vector
   * @param alpha confidence per unit of interaction strength
   * @param cgSteps conjugate-gradient steps per row and pass
   */
  public record Settings(
      int factors, int iterations, float regularization, float alpha, int cgSteps, long seed) {
    /**
     * Chosen on MovieLens' validation split (see EVALUATION.md) for what it costs as much as for
     * quality: 32 factors with λ 20 / 50 / 100 / 200 gave `personal_embedding` NDCG@10 0.102 /
     * 0.105 / 0.108 / 0.093, 64 factors with λ 80 0.110, 128 factors (harness row) 0.110. At
     * 100,000 items training costs about k² per row and CG step, and serving scores every item: 128
     * factors took 54 s to train on the 1M-event demo store.
     */
    public static final Settings DEFAULT = new Settings(32, 10, 100f, 20f, 3, 42L);
  }

  /**
   * Shoppers' interactions as sparse rows: for row {@code u}, {@code columns[u]} are item indices
   * and {@code strengths[u]} how strongly (e.g. a purchase 1, a view 0.2).
   */
  public record Interactions(int items, int[][] columns, float[][] strengths) {
    public int shoppers() {
      return columns.length;
    }
  }

  /**
   * The learned vectors, row-major: shopper {@code u} at {@code shopper[u * factors ...]}; {@code
   * itemGram} is YᵀY of the item vectors and {@code foldInPreconditioner} (YᵀY + λI)⁻¹, both kept
   * for folding in new shoppers.
   */
  public record Factors(
      int factors,
      float[] shopper,
      float[] item,
      float[] itemGram,
      float[] foldInPreconditioner,
      float regularization,
      float alpha) {}

  private ImplicitFactors() {}

  public static Factors train(Interactions data, Settings settings) {
    int k = settings.factors();
    int items = data.items();
    int shoppers = data.shoppers();
    Interactions transposed = transpose(data);
    SplittableRandom random = new SplittableRandom(settings.seed());
    float[] user = new float[shoppers * k];
    float[] item = new float[items * k];
    float scale = (float) (0.1 / Math.sqrt(k));
    for (int i = 0; i < item.length; i++) item[i] = (float) (random.nextGaussian() * scale);
    for (int pass = 0; pass < settings.iterations(); pass++) {
      solveRows(data, item, user, settings);
      solveRows(transposed, user, item, settings);
    }
    float[] gram = gram(item, k);
    return new Factors(
        k,
        user,
        item,
        gram,
        inverse(gram, settings.regularization(), k),
        settings.regularization(),
        settings.alpha());
  }

  /**
   * The vector of a shopper not in the training (or whose history moved on), from their
   * interactions and the item vectors: the same least-squares step as training, solved by {@link
   * #FOLD_IN_STEPS} conjugate-gradient steps preconditioned with (YᵀY + λI)⁻¹, from that inverse's
   * answer. A shopper's few interactions move the system little from YᵀY + λI, so three such steps
   * come within 10⁻⁵ of the exact solution, about as close as ten plain steps from zero did, with
   * half the products (a request's fold-in was an eighth of {@code personal}).
   */
  public static float[] foldIn(Factors model, int[] columns, float[] strengths) {
    int k = model.factors();
    float alpha = model.alpha();
    float[] b = new float[k];
    for (int n = 0; n < columns.length; n++) {
      axpy(1 + alpha * strengths[n], model.item(), columns[n] * k, b, k);
    }
    float[] preconditioner = model.foldInPreconditioner();
    float[] x = new float[k];
    symmetricProduct(preconditioner, b, x, k);
    conjugateGradient(
        model.itemGram(),
        model.item(),
        columns,
        strengths,
        alpha,
        model.regularization(),
        b,
        x,
        k,
        FOLD_IN_STEPS,
        preconditioner);
    return x;
  }

  static final int FOLD_IN_STEPS = 3;

  /** out = m v for a symmetric k × k {@code m}: its rows scaled by v and added up (axpys). */
  private static void symmetricProduct(float[] m, float[] v, float[] out, int k) {
    Arrays.fill(out, 0f);
    for (int g = 0; g < k; g++) axpy(v[g], m, g * k, out, k);
  }

  /**
   * (gram + λI)⁻¹ by Gauss–Jordan elimination in doubles (symmetric positive definite: no
   * pivoting).
   */
  static float[] inverse(float[] gram, float lambda, int k) {
    double[][] a = new double[k][2 * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) a[i][j] = gram[i * k + j] + (i == j ? lambda : 0);
      a[i][k + i] = 1;
    }
    for (int c = 0; c < k; c++) {
      double pivot = a[c][c];
      for (int j = 0; j < 2 * k; j++) a[c][j] /= pivot;
      for (int i = 0; i < k; i++) {
        if (i == c || a[i][c] == 0) continue;
        double factor = a[i][c];
        for (int j = 0; j < 2 * k; j++) a[i][j] -= factor * a[c][j];
      }
    }
    float[] out = new float[k * k];
    for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) out[i * k + j] = (float) a[i][k + j];
    return out;
  }

  /** Solves every row of {@code rows} for {@code target}, given the other side's {@code fixed}. */
  private static void solveRows(Interactions rows, float[] fixed, float[] target, Settings s) {
    int k = s.factors();
    float[] gram = gram(fixed, k);
    IntStream.range(0, rows.shoppers())
        .parallel()
        .forEach(
            u -> {
              int[] columns = rows.columns()[u];
              float[] strengths = rows.strengths()[u];
              float[] b = new float[k];
              for (int n = 0; n < columns.length; n++)
                axpy(1 + s.alpha() * strengths[n], fixed, columns[n] * k, b, k);
              float[] x = new float[k];
              System.arraycopy(target, u * k, x, 0, k);
              conjugateGradient(
                  gram,
                  fixed,
                  columns,
                  strengths,
                  s.alpha(),
                  s.regularization(),
                  b,
                  x,
                  k,
                  s.cgSteps(),
                  null);
              System.arraycopy(x, 0, target, u * k, k);
            });
  }

  /**
   * A few conjugate-gradient steps on (YᵀY + Yᵀ(C−I)Y + λI) x = b from the x given, preconditioned
   * with the symmetric {@code preconditioner} (null: none); the matrix is never formed: its product
   * with a vector costs k² plus 2k per interaction.
   */
  private static void conjugateGradient(
      float[] gram,
      float[] y,
      int[] columns,
      float[] strengths,
      float alpha,
      float lambda,
      float[] b,
      float[] x,
      int k,
      int steps,
      float[] preconditioner) {
    Interacted interacted = Interacted.of(y, columns, strengths, alpha, k);
    float[] r = new float[k];
    interacted.multiply(gram, lambda, x, r);
    for (int f = 0; f < k; f++) r[f] = b[f] - r[f];
    float[] z = preconditioner == null ? r : new float[k];
    if (preconditioner != null) symmetricProduct(preconditioner, r, z, k);
    float[] p = z.clone();
    float[] ap = new float[k];
    double rz = dot(r, 0, z, 0, k);
    for (int step = 0; step < steps && rz > 1e-12; step++) {
      interacted.multiply(gram, lambda, p, ap);
      double a = rz / dot(p, 0, ap, 0, k);
      for (int f = 0; f < k; f++) {
        x[f] += (float) (a * p[f]);
        r[f] -= (float) (a * ap[f]);
      }
      if (preconditioner != null) symmetricProduct(preconditioner, r, z, k);
      double next = dot(r, 0, z, 0, k);
      double beta = next / rz;
      for (int f = 0; f < k; f++) p[f] = (float) (z[f] + beta * p[f]);
      rz = next;
    }
  }

  /**
   * One row's interactions for its conjugate-gradient steps: their vectors, and the same transposed
   * (factor by factor), so that every product below is a sum of scaled rows (an axpy), which the
   * JIT turns into vector instructions, and not a dot product, which it adds up one term at a time
   * (a shopper's fold-in was an eighth of a personal request).
   *
   * @param transposed {@code transposed[f * n + j]} is factor f of interaction j's vector
   * @param scale per interaction, (c − 1) = α · strength
   */
  private record Interacted(
      float[] y, int[] columns, float[] transposed, float[] scale, float[] dots, int k) {
    static Interacted of(float[] y, int[] columns, float[] strengths, float alpha, int k) {
      int n = columns.length;
      float[] transposed = new float[k * n];
      float[] scale = new float[n];
      for (int j = 0; j < n; j++) {
        int offset = columns[j] * k;
        for (int f = 0; f < k; f++) transposed[f * n + j] = y[offset + f];
        scale[j] = alpha * strengths[j];
      }
      return new Interacted(y, columns, transposed, scale, new float[n], k);
    }

    /**
     * out = (YᵀY + λI) v + Σ (c − 1)(y·v) y: YᵀY is symmetric, so its product with v is its rows
     * scaled by v and added up.
     */
    void multiply(float[] gram, float lambda, float[] v, float[] out) {
      for (int f = 0; f < k; f++) out[f] = lambda * v[f];
      for (int g = 0; g < k; g++) axpy(v[g], gram, g * k, out, k);
      int n = columns.length;
      Arrays.fill(dots, 0f);
      for (int f = 0; f < k; f++) axpy(v[f], transposed, f * n, dots, n);
      for (int j = 0; j < n; j++) axpy(scale[j] * dots[j], y, columns[j] * k, out, k);
    }
  }

  /** YᵀY of row-major vectors of length k. */
  static float[] gram(float[] y, int k) {
    int rows = y.length / k;
    double[] sums = new double[k * k];
    for (int r = 0; r < rows; r++) {
      int offset = r * k;
      for (int f = 0; f < k; f++) {
        double yf = y[offset + f];
        if (yf == 0) continue;
        int row = f * k;
        for (int g = 0; g < k; g++) sums[row + g] += yf * y[offset + g];
      }
    }
    float[] out = new float[k * k];
    for (int i = 0; i < out.length; i++) out[i] = (float) sums[i];
    return out;
  }

  private static Interactions transpose(Interactions data) {
    int[] counts = new int[data.items()];
    for (int[] row : data.columns()) for (int c : row) counts[c]++;
    int[][] columns = new int[data.items()][];
    float[][] strengths = new float[data.items()][];
    for (int i = 0; i < counts.length; i++) {
      columns[i] = new int[counts[i]];
      strengths[i] = new float[counts[i]];
    }
    int[] filled = new int[data.items()];
    for (int u = 0; u < data.shoppers(); u++) {
      for (int n = 0; n < data.columns()[u].length; n++) {
        int i = data.columns()[u][n];
        columns[i][filled[i]] = u;
        strengths[i][filled[i]++] = data.strengths()[u][n];
      }
    }
    return new Interactions(data.shoppers(), columns, strengths);
  }

  /**
   * Four running sums rather than one: each addition waited for the one before it (the JIT keeps a
   * floating-point sum in order), and a shopper's fold-in is a few hundred such products of k.
   */
  static double dot(float[] a, int aOffset, float[] b, int bOffset, int k) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int f = 0;
    for (; f + 3 < k; f += 4) {
      s0 += a[aOffset + f] * b[bOffset + f];
      s1 += a[aOffset + f + 1] * b[bOffset + f + 1];
      s2 += a[aOffset + f + 2] * b[bOffset + f + 2];
      s3 += a[aOffset + f + 3] * b[bOffset + f + 3];
    }
    for (; f < k; f++) s0 += a[aOffset + f] * b[bOffset + f];
    return (s0 + s1) + (s2 + s3);
  }

  /** y[0..k) += a · x[offset..offset + k). */
  private static void axpy(float a, float[] x, int offset, float[] y, int k) {
    for (int f = 0; f < k; f++) y[f] += a * x[offset + f];
  }
}
