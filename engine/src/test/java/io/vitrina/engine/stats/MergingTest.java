package io.vitrina.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Summaries of two halves, merged, are the summary of the whole: per-node and per-day totals add.
 */
class MergingTest {
  private static final int SHOPPERS = 1001;
  private static final int HALF = 437;

  @Test
  void sampleMeansOfTwoHalvesMergeIntoTheWhole() {
    double[] values = values(1);
    SampleMean whole = SampleMean.EMPTY;
    SampleMean first = SampleMean.EMPTY;
    SampleMean second = SampleMean.EMPTY;
    for (int i = 0; i < SHOPPERS; i++) {
      whole = whole.add(values[i]);
      if (i < HALF) {
        first = first.add(values[i]);
      } else {
        second = second.add(values[i]);
      }
    }
    SampleMean merged = first.plus(second);
    assertEquals(whole.n(), merged.n());
    assertClose(whole.sum(), merged.sum());
    assertClose(whole.sumSquares(), merged.sumSquares());
    assertClose(whole.variance(), merged.variance());
    assertEquals(SampleMean.of(values), whole);
  }

  @Test
  void proportionsOfTwoHalvesMergeExactly() {
    double[] values = values(2);
    Proportion whole = Proportion.EMPTY;
    Proportion first = Proportion.EMPTY;
    Proportion second = Proportion.EMPTY;
    for (int i = 0; i < SHOPPERS; i++) {
      boolean hit = values[i] > 1000;
      whole = whole.add(hit);
      if (i < HALF) {
        first = first.add(hit);
      } else {
        second = second.add(hit);
      }
    }
    assertEquals(whole, first.plus(second));
  }

  @Test
  void ratiosOfTwoHalvesMergeIntoTheWhole() {
    double[] revenue = values(3);
    Ratio whole = Ratio.EMPTY;
    Ratio first = Ratio.EMPTY;
    Ratio second = Ratio.EMPTY;
    for (int i = 0; i < SHOPPERS; i++) {
      double orders = revenue[i] == 0 ? 0 : 1 + i % 3;
      whole = whole.add(revenue[i], orders);
      if (i < HALF) {
        first = first.add(revenue[i], orders);
      } else {
        second = second.add(revenue[i], orders);
      }
    }
    Ratio merged = first.plus(second);
    assertEquals(whole.n(), merged.n());
    assertClose(whole.numerator().sum(), merged.numerator().sum());
    assertClose(whole.denominator().sumSquares(), merged.denominator().sumSquares());
    assertClose(whole.sumOfProducts(), merged.sumOfProducts());
    assertClose(whole.mean(), merged.mean());
    assertClose(whole.variance(), merged.variance());
  }

  @Test
  void regressionAdjustedSummariesOfTwoHalvesMergeIntoTheWhole() {
    double[] after = values(4);
    double[] before = values(5);
    RegressionAdjusted whole = RegressionAdjusted.EMPTY;
    RegressionAdjusted first = RegressionAdjusted.EMPTY;
    RegressionAdjusted second = RegressionAdjusted.EMPTY;
    for (int i = 0; i < SHOPPERS; i++) {
      whole = whole.add(after[i], before[i]);
      if (i < HALF) {
        first = first.add(after[i], before[i]);
      } else {
        second = second.add(after[i], before[i]);
      }
    }
    RegressionAdjusted merged = first.plus(second);
    assertEquals(whole.n(), merged.n());
    assertClose(whole.post().sumSquares(), merged.post().sumSquares());
    assertClose(whole.pre().sum(), merged.pre().sum());
    assertClose(whole.postPreSumOfProducts(), merged.postPreSumOfProducts());
    assertClose(whole.covariance(), merged.covariance());
  }

  @Test
  void componentsOfDifferentKindsDoNotMerge() {
    Ratio ofMeans = Ratio.EMPTY.add(1, 1);
    Ratio ofShares = new Ratio(new Proportion(1, 1), new Proportion(1, 1), 1);
    assertThrows(IllegalArgumentException.class, () -> ofMeans.plus(ofShares));
  }

  private static void assertClose(double expected, double actual) {
    assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)));
  }

  /** Revenue-like per-shopper values: mostly 0, otherwise skewed. */
  private static double[] values(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[SHOPPERS];
    for (int i = 0; i < SHOPPERS; i++) {
      values[i] = random.nextDouble() < 0.7 ? 0 : Math.exp(7 + 0.8 * random.nextGaussian());
    }
    return values;
  }
}
