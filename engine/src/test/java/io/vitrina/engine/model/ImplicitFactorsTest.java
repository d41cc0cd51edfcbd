package io.vitrina.engine.model;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ImplicitFactorsTest {
  private static final ImplicitFactors.Settings SETTINGS =
      new ImplicitFactors.Settings(8, 15, 0.5f, 20f, 3, 7L);

  /**
   * Two tastes: shoppers 0-19 take items 0-4, shoppers 20-39 items 5-9. A shopper's vector must
   * score the items of their own taste they have not touched above every item of the other.
   */
  private static ImplicitFactors.Interactions twoTastes() {
    int[][] columns = new int[40][];
    float[][] strengths = new float[40][];
    for (int u = 0; u < 40; u++) {
      int base = u < 20 ? 0 : 5;
      // Each shopper skips one item of their taste, a different one each.
      int skipped = base + u % 5;
      columns[u] = new int[4];
      strengths[u] = new float[4];
      int n = 0;
      for (int i = base; i < base + 5; i++) {
        if (i == skipped) continue;
        columns[u][n] = i;
        strengths[u][n++] = 1f;
      }
    }
    return new ImplicitFactors.Interactions(10, columns, strengths);
  }

  @Test
  void aShopperScoresTheUntouchedItemOfTheirTasteAboveTheOtherTaste() {
    ImplicitFactors.Factors model = ImplicitFactors.train(twoTastes(), SETTINGS);
    for (int u : new int[] {0, 3, 21, 39}) {
      int skipped = (u < 20 ? 0 : 5) + u % 5;
      double own = score(model.shopper(), u, model.item(), skipped, model.factors());
      for (int other = u < 20 ? 5 : 0, end = other + 5; other < end; other++) {
        double theirs = score(model.shopper(), u, model.item(), other, model.factors());
        assertTrue(own > theirs, "shopper " + u + ": " + own + " vs item " + other + " " + theirs);
      }
    }
  }

  @Test
  void aNewShopperFoldedInFromTheirHistoryGetsTheirTaste() {
    ImplicitFactors.Factors model = ImplicitFactors.train(twoTastes(), SETTINGS);
    float[] newcomer = ImplicitFactors.foldIn(model, new int[] {6, 7}, new float[] {1f, 1f});
    int k = model.factors();
    double sameTaste = ImplicitFactors.dot(newcomer, 0, model.item(), 8 * k, k);
    double otherTaste = ImplicitFactors.dot(newcomer, 0, model.item(), 2 * k, k);
    assertTrue(sameTaste > otherTaste, sameTaste + " vs " + otherTaste);
  }

  /**
   * The fold-in's few preconditioned steps land within a ten-thousandth of the exact least-squares
   * answer, for a history of 60 views and purchases on a model of the default shape (32 factors, λ
   * 100) trained on 2,000 shoppers of a 500-item catalog with clustered tastes.
   */
  @Test
  void theFoldInComesWithinATenThousandthOfTheExactSolution() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    int items = 500;
    int[][] columns = new int[2000][];
    float[][] strengths = new float[2000][];
    for (int u = 0; u < columns.length; u++) {
      int taste = random.nextInt(10) * 50;
      columns[u] = random.ints(20, 0, 80).map(i -> (taste + i) % items).distinct().toArray();
      strengths[u] = new float[columns[u].length];
      for (int n = 0; n < columns[u].length; n++)
        strengths[u][n] = random.nextInt(5) == 0 ? 1f : 0.2f;
    }
    ImplicitFactors.Factors model =
        ImplicitFactors.train(
            new ImplicitFactors.Interactions(items, columns, strengths),
            ImplicitFactors.Settings.DEFAULT);
    int[] history = random.ints(60, 0, 120).distinct().toArray();
    float[] strength = new float[history.length];
    for (int n = 0; n < history.length; n++) strength[n] = n % 4 == 0 ? 1f : 0.2f;

    float[] folded = ImplicitFactors.foldIn(model, history, strength);

    float[] exact = exact(model, history, strength);
    double error = 0;
    double norm = 0;
    for (int f = 0; f < exact.length; f++) {
      error += (folded[f] - exact[f]) * (folded[f] - exact[f]);
      norm += exact[f] * exact[f];
    }
    assertTrue(Math.sqrt(error / norm) < 1e-4, "relative error " + Math.sqrt(error / norm));
  }

  /** (YᵀY + Σ (c − 1) y yᵀ + λI)⁻¹ Σ c y, with the matrix formed and inverted. */
  private static float[] exact(ImplicitFactors.Factors model, int[] columns, float[] strengths) {
    int k = model.factors();
    float[] y = model.item();
    float[] a = model.itemGram().clone();
    double[] b = new double[k];
    for (int n = 0; n < columns.length; n++) {
      float c = model.alpha() * strengths[n];
      for (int f = 0; f < k; f++) {
        b[f] += (1 + c) * y[columns[n] * k + f];
        for (int g = 0; g < k; g++)
          a[f * k + g] += c * y[columns[n] * k + f] * y[columns[n] * k + g];
      }
    }
    float[] inverse = ImplicitFactors.inverse(a, model.regularization(), k);
    float[] x = new float[k];
    for (int f = 0; f < k; f++)
      for (int g = 0; g < k; g++) x[f] += (float) (inverse[f * k + g] * b[g]);
    return x;
  }

  @Test
  void trainingIsRepeatable() {
    ImplicitFactors.Factors a = ImplicitFactors.train(twoTastes(), SETTINGS);
    ImplicitFactors.Factors b = ImplicitFactors.train(twoTastes(), SETTINGS);
    assertArrayEquals(a.item(), b.item());
    assertArrayEquals(a.shopper(), b.shopper());
  }

  private static double score(float[] users, int u, float[] items, int i, int k) {
    return ImplicitFactors.dot(users, u * k, items, i * k, k);
  }
}
