package io.vitrina.engine.stats;

import static io.vitrina.engine.stats.Figures.assertAgrees;
import static io.vitrina.engine.stats.Figures.assertEffect;
import static io.vitrina.engine.stats.Figures.assertRounds;
import static io.vitrina.engine.stats.Figures.effect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The figures of gbstats' tests/frequentist/test_tests.py, and the edges around them. */
class TwoSidedTestTest {
  private static final SampleMean CONTROL = new SampleMean(3407, 1396.87, 52377.9767);
  private static final SampleMean TREATMENT = new SampleMean(3461, 2422.7, 134698.29);

  @Test
  void theAbsoluteDifferenceOfMeansIsGbstatsOwn() {
    Effect effect = effect(TwoSidedTest.fixedHorizon().compare(CONTROL, TREATMENT, Scale.ABSOLUTE));
    assertEffect(effect, 0.29, 0.12478, 0.04538, 0.53462, 0.02016);
    assertEquals(Scale.ABSOLUTE, effect.scale());
    assertFalse(effect.sequential());
    assertEquals(0.05, effect.inference().alpha());
    assertAgrees(5841.742032093565, effect.inference().degreesOfFreedom(), "Welch dof");
    assertTrue(effect.significant());
  }

  @Test
  void theRelativeLiftOfMeansIsGbstatsOwn() {
    Effect effect = effect(TwoSidedTest.fixedHorizon().compare(CONTROL, TREATMENT, Scale.RELATIVE));
    assertEffect(effect, 0.70732, 0.37879, -0.03526, 1.44989, 0.06191);
    assertEquals(Scale.RELATIVE, effect.scale());
    assertFalse(effect.significant());
  }

  @Test
  void theRelativeLiftOfProportionsUsesTheBinomialVarianceAsGbstatsDoes() {
    Effect effect =
        effect(
            TwoSidedTest.fixedHorizon()
                .compare(new Proportion(28, 14), new Proportion(30, 16), Scale.RELATIVE));
    assertEffect(effect, 0.06667, 0.2717, -0.47767, 0.61101, 0.80707);
  }

  @Test
  void alphaSetsTheIntervalButNotThePValue() {
    Effect effect =
        effect(TwoSidedTest.fixedHorizon(0.1).compare(CONTROL, TREATMENT, Scale.ABSOLUTE));
    assertAgrees(0.08471663704726476, effect.interval().low(), "90 % interval low");
    assertAgrees(0.49528336295273523, effect.interval().high(), "90 % interval high");
    assertAgrees(0.020158402643587037, effect.pValue(), "p-value");
    assertEquals(0.1, effect.inference().alpha());
  }

  @Test
  void theSequentialIntervalOfProportionsIsGbstatsOwnAtTheDefaultTuning() {
    Effect effect =
        effect(
            TwoSidedTest.sequential()
                .compare(new Proportion(3000, 1396), new Proportion(3461, 2422), Scale.RELATIVE));
    assertEffect(effect, 0.50386, 0.03386, 0.40098, 0.60675, 0.0);
    assertTrue(effect.sequential());
    assertTrue(effect.pValue() < 1e-40, "p " + effect.pValue());
  }

  @Test
  void theSequentialIntervalOfMeansIsGbstatsOwnAtTuning1000() {
    SampleMean control = new SampleMean(3000, 1396.87, 52377.9767);
    Effect effect =
        effect(TwoSidedTest.sequential(0.05, 1000).compare(control, TREATMENT, Scale.RELATIVE));
    assertEffect(effect, 0.50336, 0.33341, -0.55844, 1.56516, 1.0);
  }

  @Test
  void aSequentialIntervalIsWiderThanTheFixedHorizonOneAndAgreesWithItsPValue() {
    Effect fixed =
        effect(TwoSidedTest.fixedHorizon(0.1).compare(CONTROL, TREATMENT, Scale.ABSOLUTE));
    Effect sequential =
        effect(TwoSidedTest.sequential(0.1, 5000).compare(CONTROL, TREATMENT, Scale.ABSOLUTE));
    assertAgrees(-0.055531918715822026, sequential.interval().low(), "sequential low");
    assertAgrees(0.6355319187158219, sequential.interval().high(), "sequential high");
    assertAgrees(0.2763121070357937, sequential.pValue(), "sequential p-value");
    assertTrue(sequential.interval().low() < fixed.interval().low());
    assertTrue(fixed.significant());
    assertFalse(sequential.significant());
    assertTrue(sequential.pValue() > 0.1);
  }

  @Test
  void theSequentialIntervalIsTightestWhenTunedNearTheActualSampleSize() {
    SampleMean control = new SampleMean(3000, 1396.87, 52377.9767);
    double below =
        width(TwoSidedTest.sequential(0.05, 10).compare(control, TREATMENT, Scale.RELATIVE));
    double near =
        width(TwoSidedTest.sequential(0.05, 6461).compare(control, TREATMENT, Scale.RELATIVE));
    double above =
        width(TwoSidedTest.sequential(0.05, 10000).compare(control, TREATMENT, Scale.RELATIVE));
    assertTrue(near < above && above < below, near + " " + above + " " + below);
  }

  @Test
  void anArmWithoutVarianceCannotBeCompared() {
    SampleMean twoShoppers = new SampleMean(2, 1396.87, 52377.9767);
    assertEquals(
        new Outcome.NotComputable(Outcome.Reason.TOO_LITTLE_VARIANCE),
        TwoSidedTest.fixedHorizon().compare(twoShoppers, TREATMENT, Scale.RELATIVE));
    assertEquals(
        new Outcome.NotComputable(Outcome.Reason.TOO_LITTLE_VARIANCE),
        TwoSidedTest.fixedHorizon()
            .compare(new Proportion(500, 0), new Proportion(500, 3), Scale.ABSOLUTE));
    assertEquals(
        new Outcome.NotComputable(Outcome.Reason.TOO_LITTLE_VARIANCE),
        TwoSidedTest.sequential()
            .compare(SampleMean.of(4.0), SampleMean.of(1, 2, 3), Scale.ABSOLUTE));
  }

  @Test
  void aRelativeLiftOverAZeroBaselineIsNotDefinedButTheAbsoluteDifferenceIs() {
    SampleMean zeroMean = SampleMean.of(-1, 1, -2, 2);
    SampleMean treatment = SampleMean.of(0, 1, 2, 3);
    assertEquals(
        new Outcome.NotComputable(Outcome.Reason.ZERO_BASELINE),
        TwoSidedTest.fixedHorizon().compare(zeroMean, treatment, Scale.RELATIVE));
    Effect absolute =
        effect(TwoSidedTest.fixedHorizon().compare(zeroMean, treatment, Scale.ABSOLUTE));
    assertEquals(1.5, absolute.estimate().value(), 1e-12);
    assertTrue(absolute.effect().isPresent());
  }

  @Test
  void aRatioWithoutDenominatorInAnArmIsSaidSoNotBlamedOnVariance() {
    // A holdout's click-through rate: its shoppers saw no impression.
    Ratio shownNothing = new Ratio(new SampleMean(100, 0, 0), new SampleMean(100, 0, 0), 0);
    Ratio shown = new Ratio(new SampleMean(100, 30, 40), new SampleMean(100, 200, 600), 80);
    for (Scale scale : Scale.values())
      assertEquals(
          new Outcome.NotComputable(Outcome.Reason.NO_DENOMINATOR),
          TwoSidedTest.sequential().compare(shownNothing, shown, scale));
  }

  @Test
  void alphaAndTuningOutsideTheirRangesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> TwoSidedTest.fixedHorizon(0));
    assertThrows(IllegalArgumentException.class, () -> TwoSidedTest.fixedHorizon(1));
    assertThrows(IllegalArgumentException.class, () -> TwoSidedTest.sequential(0.05, 0));
  }

  @Test
  void aDifferenceOfOnesOwnIsEvaluatedLikeTheBuiltInOnes() {
    Difference difference = Difference.ofIndependentMeans(CONTROL, TREATMENT, Scale.ABSOLUTE);
    assertEquals(
        TwoSidedTest.fixedHorizon().compare(CONTROL, TREATMENT, Scale.ABSOLUTE),
        TwoSidedTest.fixedHorizon().evaluate(difference, Scale.ABSOLUTE));
    assertRounds(0.12478, difference.standardError(), 5, "standard error");
    assertEquals(3407 + 3461, difference.units());
  }

  private static double width(Outcome outcome) {
    Effect effect = effect(outcome);
    return effect.interval().high() - effect.interval().low();
  }
}
