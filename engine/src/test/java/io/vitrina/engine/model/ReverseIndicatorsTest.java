package io.vitrina.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReverseIndicatorsTest {
  private static Indicator to(String item, double weight) {
    return new Indicator(item, 10, 3, weight);
  }

  private static final ReverseIndicators REVERSE =
      ReverseIndicators.of(
          Map.of(
              "buy",
              Map.of("a", List.of(to("x", 0.5), to("y", 0.25)), "b", List.of(to("x", 0.75))),
              "view",
              Map.of("x", List.of(to("a", 0.125)))));

  @Test
  void anItemsHoldersAreTheItemsWhoseListsNameIt() {
    Map<String, Float> holders = holders("buy", "x");
    assertEquals(Map.of("a", 0.5f, "b", 0.75f), holders);
    assertEquals(Map.of("a", 0.25f), holders("buy", "y"));
  }

  @Test
  void eachIndicatorNameHasItsOwnRowsOverOneSetOfOrdinals() {
    assertEquals(Map.of("x", 0.125f), holders("view", "a"));
    assertNull(REVERSE.holdersOf("view", "x"), "nobody's view list names x");
    assertEquals(REVERSE.ordinal("x"), REVERSE.ordinal(REVERSE.id(REVERSE.ordinal("x"))));
    assertEquals(4, REVERSE.size());
  }

  @Test
  void unknownItemsAndNamesHaveNoHolders() {
    assertNull(REVERSE.holdersOf("buy", "zzz"));
    assertNull(REVERSE.holdersOf("nope", "x"));
    assertEquals(-1, REVERSE.ordinal("zzz"));
    assertEquals(0, ReverseIndicators.EMPTY.size());
  }

  private static Map<String, Float> holders(String name, String item) {
    ReverseIndicators.Holders row = REVERSE.holdersOf(name, item);
    Map<String, Float> out = new HashMap<>();
    for (int k = row.from(); k < row.to(); k++)
      out.put(REVERSE.id(row.holders()[k]), row.weights()[k]);
    assertEquals(out.size(), row.size());
    return out;
  }
}
