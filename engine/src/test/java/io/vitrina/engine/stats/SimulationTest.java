package io.vitrina.engine.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations that the tests keep their promises: about α of A/A experiments come out
 * significant, about 1 − α of intervals cover a true lift, and only the sequential interval stays
 * within α when looked at every day. Bounds are about three binomial standard deviations wide.
 */
class SimulationTest {
  private static final int EXPERIMENTS = 2000;
  private static final int SHOPPERS_PER_ARM = 300;
  private static final double REGULARS = 0.3;
  private static final double REGULARS_BUY = 0.9;
  private static final double OTHERS_BUY = 0.05;
  private static final double BUYERS = REGULARS * REGULARS_BUY + (1 - REGULARS) * OTHERS_BUY;
  private static final double LOG_MEAN = 7;
  private static final double LOG_SD = 0.6;
  private static final double LIFT = 0.1;

  @Test
  void aboutFivePercentOfAaExperimentsAreSignificant() {
    SplittableRandom random = new SplittableRandom(20261123);
    TwoSidedTest test = TwoSidedTest.fixedHorizon();
    int significantAbsolute = 0;
    int significantRelative = 0;
    int significantCuped = 0;
    for (int experiment = 0; experiment < EXPERIMENTS; experiment++) {
      Arm control = arm(random, 1);
      Arm treatment = arm(random, 1);
      significantAbsolute +=
          significant(test.compare(control.revenue, treatment.revenue, Scale.ABSOLUTE));
      significantRelative +=
          significant(test.compare(control.revenue, treatment.revenue, Scale.RELATIVE));
      significantCuped += significant(test.compare(control.cuped, treatment.cuped, Scale.ABSOLUTE));
    }
    assertRate(significantAbsolute, 0.035, 0.065, "A/A absolute");
    assertRate(significantRelative, 0.035, 0.065, "A/A relative");
    assertRate(significantCuped, 0.035, 0.065, "A/A CUPED");
  }

  @Test
  void aboutNinetyFivePercentOfIntervalsCoverAnInjectedLift() {
    SplittableRandom random = new SplittableRandom(20261124);
    TwoSidedTest test = TwoSidedTest.fixedHorizon();
    double meanRevenue = BUYERS * Math.exp(LOG_MEAN + LOG_SD * LOG_SD / 2);
    double trueDifference = meanRevenue * LIFT;
    int coveredAbsolute = 0;
    int coveredRelative = 0;
    int coveredCuped = 0;
    double cupedWidth = 0;
    double plainWidth = 0;
    for (int experiment = 0; experiment < EXPERIMENTS; experiment++) {
      Arm control = arm(random, 1);
      Arm treatment = arm(random, 1 + LIFT);
      Effect absolute = effect(test.compare(control.revenue, treatment.revenue, Scale.ABSOLUTE));
      Effect relative = effect(test.compare(control.revenue, treatment.revenue, Scale.RELATIVE));
      Effect cuped = effect(test.compare(control.cuped, treatment.cuped, Scale.ABSOLUTE));
      coveredAbsolute += absolute.interval().contains(trueDifference) ? 1 : 0;
      coveredRelative += relative.interval().contains(LIFT) ? 1 : 0;
      coveredCuped += cuped.interval().contains(trueDifference) ? 1 : 0;
      plainWidth += absolute.interval().high() - absolute.interval().low();
      cupedWidth += cuped.interval().high() - cuped.interval().low();
    }
    assertRate(coveredAbsolute, 0.935, 0.965, "coverage absolute");
    assertRate(coveredRelative, 0.935, 0.965, "coverage relative");
    assertRate(coveredCuped, 0.935, 0.965, "coverage CUPED");
    System.out.printf("CUPED interval width: %.3f of the plain one%n", cupedWidth / plainWidth);
    assertTrue(cupedWidth < 0.8 * plainWidth, "CUPED " + cupedWidth + " vs " + plainWidth);
  }

  /**
   * A/A experiments looked at every day for two weeks, stopped at the first significant look: the
   * fixed-horizon interval, valid for one look, is fooled far more often than α; the sequential one
   * is not.
   */
  @Test
  void onlyTheSequentialIntervalStaysWithinAlphaUnderDailyPeeking() {
    SplittableRandom random = new SplittableRandom(20261125);
    int experiments = 1000;
    int days = 14;
    int shoppersPerArmPerDay = 60;
    double conversion = 0.1;
    TwoSidedTest fixed = TwoSidedTest.fixedHorizon();
    TwoSidedTest sequential = TwoSidedTest.sequential();
    int fooledFixed = 0;
    int fooledSequential = 0;
    for (int experiment = 0; experiment < experiments; experiment++) {
      Proportion control = Proportion.EMPTY;
      Proportion treatment = Proportion.EMPTY;
      boolean fixedFooled = false;
      boolean sequentialFooled = false;
      for (int day = 0; day < days; day++) {
        control = control.plus(day(random, shoppersPerArmPerDay, conversion));
        treatment = treatment.plus(day(random, shoppersPerArmPerDay, conversion));
        fixedFooled |= significant(fixed.compare(control, treatment, Scale.RELATIVE)) == 1;
        sequentialFooled |=
            significant(sequential.compare(control, treatment, Scale.RELATIVE)) == 1;
      }
      fooledFixed += fixedFooled ? 1 : 0;
      fooledSequential += sequentialFooled ? 1 : 0;
    }
    double fixedRate = (double) fooledFixed / experiments;
    double sequentialRate = (double) fooledSequential / experiments;
    System.out.printf(
        "daily peeking over %d A/A experiments: fixed %.3f, sequential %.3f%n",
        experiments, fixedRate, sequentialRate);
    assertTrue(fixedRate > 0.10, "fixed-horizon under peeking " + fixedRate);
    assertTrue(sequentialRate <= 0.05, "sequential under peeking " + sequentialRate);
  }

  /** One arm's revenue per shopper, plain and with last month's revenue as CUPED covariate. */
  private record Arm(SampleMean revenue, RegressionAdjusted cuped) {}

  /**
   * 300 shoppers, 30 % of them regulars (who buy in a period with probability 0.9, the others
   * 0.05), each buying a lognormal amount around a spending level of their own that carries 80 % of
   * the log-amount's variance; the revenue before exposure, the CUPED covariate, shares both the
   * habit and the level with the revenue after it.
   */
  private static Arm arm(SplittableRandom random, double multiplier) {
    SampleMean revenue = SampleMean.EMPTY;
    RegressionAdjusted cuped = RegressionAdjusted.EMPTY;
    double shared = LOG_SD * Math.sqrt(0.8);
    double own = LOG_SD * Math.sqrt(0.2);
    for (int shopper = 0; shopper < SHOPPERS_PER_ARM; shopper++) {
      double buys = random.nextDouble() < REGULARS ? REGULARS_BUY : OTHERS_BUY;
      double level = LOG_MEAN + shared * random.nextGaussian();
      double before = spend(random, buys, level, own);
      double after = multiplier * spend(random, buys, level, own);
      revenue = revenue.add(after);
      cuped = cuped.add(after, before);
    }
    return new Arm(revenue, cuped);
  }

  private static double spend(SplittableRandom random, double buys, double level, double spread) {
    return random.nextDouble() < buys ? Math.exp(level + spread * random.nextGaussian()) : 0;
  }

  private static Proportion day(SplittableRandom random, int shoppers, double conversion) {
    Proportion day = Proportion.EMPTY;
    for (int shopper = 0; shopper < shoppers; shopper++) {
      day = day.add(random.nextDouble() < conversion);
    }
    return day;
  }

  private static int significant(Outcome outcome) {
    return outcome instanceof Effect effect && effect.significant() ? 1 : 0;
  }

  private static Effect effect(Outcome outcome) {
    return Figures.effect(outcome);
  }

  private static void assertRate(int count, double low, double high, String what) {
    double rate = (double) count / EXPERIMENTS;
    System.out.printf("%s: %.4f%n", what, rate);
    assertTrue(low <= rate && rate <= high, what + " rate " + rate);
  }
}
