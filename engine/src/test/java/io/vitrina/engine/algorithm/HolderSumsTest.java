package io.vitrina.engine.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vitrina.engine.model.Indicator;
import io.vitrina.engine.model.ReverseIndicators;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HolderSumsTest {
  /** h1 is held by a (0.5) and b (0.2); h2 by b (0.4) and c (0.1). */
  private static final ReverseIndicators REVERSE =
      ReverseIndicators.of(
          Map.of(
              "buy",
              Map.of(
                  "a", List.of(new Indicator("h1", 1, 1, 0.5)),
                  "b", List.of(new Indicator("h1", 1, 1, 0.2), new Indicator("h2", 1, 1, 0.4)),
                  "c", List.of(new Indicator("h2", 1, 1, 0.1)))));

  @Test
  void theLargestSumsComeFirstEachTheWeightsTimesTheirFactors() {
    try (HolderSums sums = HolderSums.open(REVERSE.size())) {
      sums.add(REVERSE.holdersOf("buy", "h1"), 1f, 1);
      sums.add(REVERSE.holdersOf("buy", "h2"), 0.5f, 2);
      // a 0.5, b 0.2 + 0.2, c 0.05
      assertArrayEquals(new String[] {"a", "b", "c"}, names(sums.best(10)));
      assertArrayEquals(new String[] {"a", "b"}, names(sums.best(2)));
      assertEquals(0.4f, sums.sum(REVERSE.ordinal("b")), 1e-6);
    }
  }

  @Test
  void aClosedSumStartsTheNextRequestAtZero() {
    try (HolderSums sums = HolderSums.open(REVERSE.size())) {
      sums.add(REVERSE.holdersOf("buy", "h1"), 1f, 1);
    }
    try (HolderSums sums = HolderSums.open(REVERSE.size())) {
      assertEquals(0, sums.touched());
      sums.add(REVERSE.holdersOf("buy", "h2"), 1f, 2);
      assertArrayEquals(new String[] {"b", "c"}, names(sums.best(10)));
    }
  }

  @Test
  void eachSumKeepsTheReasonOfTheFirstRowThatAddedToIt() {
    try (HolderSums sums = HolderSums.open(REVERSE.size())) {
      sums.add(REVERSE.holdersOf("buy", "h1"), 1f, 7);
      sums.add(REVERSE.holdersOf("buy", "h2"), 1f, 8);
      assertEquals(7, sums.reason(REVERSE.ordinal("a")));
      assertEquals(7, sums.reason(REVERSE.ordinal("b")));
      assertEquals(8, sums.reason(REVERSE.ordinal("c")));
    }
  }

  private static String[] names(int[] ordinals) {
    String[] out = new String[ordinals.length];
    for (int k = 0; k < out.length; k++) out[k] = REVERSE.id(ordinals[k]);
    return out;
  }
}
