package io.vitrina.engine.stats;

import static io.vitrina.engine.stats.Figures.assertAgrees;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The p-values are gbstats' {@code check_srm} on the same counts. */
class SampleRatioTest {

  @Test
  void aTwoArmSplitIsTestedAgainstItsWeights() {
    SampleRatio check = SampleRatio.check(new long[] {5000, 5200}, new double[] {0.5, 0.5});
    assertAgrees(2 * 100.0 * 100.0 / 5100, check.chiSquare(), "chi-square");
    assertEquals(1, check.degreesOfFreedom());
    assertAgrees(0.0476703806561615, check.pValue(), "p-value");
    assertFalse(check.mismatched());
    assertTrue(check.mismatched(0.05));
  }

  @Test
  void weightsAreRelative() {
    assertEquals(
        SampleRatio.check(new long[] {5000, 5200}, new double[] {0.5, 0.5}),
        SampleRatio.check(new long[] {5000, 5200}, new double[] {1, 1}));
  }

  @Test
  void threeArmsHaveTwoDegreesOfFreedom() {
    SampleRatio check = SampleRatio.check(new long[] {5000, 5100, 4800}, new double[] {1, 1, 1});
    double expected = 14900 / 3.0;
    double chiSquare =
        (Math.pow(5000 - expected, 2) + Math.pow(5100 - expected, 2) + Math.pow(4800 - expected, 2))
            / expected;
    assertAgrees(chiSquare, check.chiSquare(), "chi-square");
    assertEquals(2, check.degreesOfFreedom());
    assertAgrees(0.00911360818807675, check.pValue(), "p-value");
  }

  @Test
  void aSplitIsFlaggedOnlyBelowPOf0001() {
    SampleRatio justAbove = SampleRatio.check(new long[] {10000, 10470}, new double[] {.5, .5});
    SampleRatio justBelow = SampleRatio.check(new long[] {10000, 10480}, new double[] {.5, .5});
    assertAgrees(0.0010197261795836644, justAbove.pValue(), "p at 10470");
    assertAgrees(0.0007962301575908105, justBelow.pValue(), "p at 10480");
    assertFalse(justAbove.mismatched());
    assertTrue(justBelow.mismatched());
  }

  @Test
  void anUnevenSplitAsConfiguredIsNoMismatch() {
    SampleRatio check = SampleRatio.check(new long[] {3000, 7000}, new double[] {0.3, 0.7});
    assertEquals(0, check.chiSquare());
    assertEquals(1, check.pValue(), 1e-12);
  }

  @Test
  void noUnitsYetIsNoEvidence() {
    assertEquals(
        new SampleRatio(0, 1, 1), SampleRatio.check(new long[] {0, 0}, new double[] {.5, .5}));
  }

  @Test
  void mismatchedArmsAndWeightsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SampleRatio.check(new long[] {1, 2, 3}, new double[] {.5, .5}));
    assertThrows(
        IllegalArgumentException.class,
        () -> SampleRatio.check(new long[] {1, 2}, new double[] {0, 0}));
  }
}
