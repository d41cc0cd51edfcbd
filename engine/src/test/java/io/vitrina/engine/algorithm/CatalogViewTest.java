package io.vitrina.engine.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class CatalogViewTest {
  @Test
  void theBestPlacesComeLargestFirstAndEqualScoresKeepTheirOrder() {
    double[] scores = {0.5, 2.0, 0.5, 3.0, 2.0, 0.1, 3.0};
    assertArrayEquals(new int[] {3, 6, 1, 4}, CatalogView.best(scores, 4));
    assertArrayEquals(new int[] {3, 6, 1, 4, 0, 2, 5}, CatalogView.best(scores, 10));
    assertArrayEquals(new int[] {}, CatalogView.best(scores, 0));
    assertArrayEquals(new int[] {}, CatalogView.best(new double[0], 3));
  }
}
