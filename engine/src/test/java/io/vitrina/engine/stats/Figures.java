package io.vitrina.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Assertions on figures as gbstats' tests state them: rounded to so many decimals. */
final class Figures {
  private Figures() {}

  /** Asserts that {@code actual} rounds to {@code expected} at the given number of decimals. */
  static void assertRounds(double expected, double actual, int decimals, String what) {
    double scale = Math.pow(10, decimals);
    assertEquals(expected, Math.round(actual * scale) / scale, 1e-12, what + " was " + actual);
  }

  /** Asserts agreement to a relative 1e-9, for figures gbstats printed in full. */
  static void assertAgrees(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
  }

  static Effect effect(Outcome outcome) {
    return assertInstanceOf(Effect.class, outcome, "an effect, not " + outcome);
  }

  /** Asserts an effect's estimate, standard error, interval and p-value to 5 decimals. */
  static void assertEffect(
      Effect effect, double estimate, double standardError, double low, double high, double p) {
    assertRounds(estimate, effect.estimate().value(), 5, "estimate");
    assertRounds(standardError, effect.estimate().standardError(), 5, "standard error");
    assertRounds(low, effect.interval().low(), 5, "interval low");
    assertRounds(high, effect.interval().high(), 5, "interval high");
    assertRounds(p, effect.pValue(), 5, "p-value");
  }
}
