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
