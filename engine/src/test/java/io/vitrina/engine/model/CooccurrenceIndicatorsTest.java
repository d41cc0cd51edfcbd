package io.vitrina.engine.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.mahout.math.stats.LogLikelihood;
import org.junit.jupiter.api.Test;

class CooccurrenceIndicatorsTest {
  private static final CooccurrenceIndicators.Settings DEFAULT =
      CooccurrenceIndicators.Settings.DEFAULT;

  /**
   * 100 shoppers, each with one filler item of their own, so the table has a real "neither" cell.
   */
  private static Map<String, List<String>> shoppers(int count) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int s = 0; s < count; s++) out.put("s" + s, new ArrayList<>(List.of("own-" + s)));
    return out;
  }

  private static void give(Map<String, List<String>> histories, int from, int to, String item) {
    for (int s = from; s < to; s++) histories.get("s" + s).add(item);
  }

  private static List<String> ids(Map<String, List<Indicator>> indicators, String item) {
    return indicators.getOrDefault(item, List.of()).stream().map(Indicator::itemId).toList();
  }

  @Test
  void itemsBoughtTogetherFarMoreThanChanceIndicateEachOther() {
    Map<String, List<String>> bought = shoppers(100);
    give(bought, 0, 20, "phone");
    give(bought, 0, 20, "case");
    give(bought, 20, 60, "cable");

    Map<String, List<Indicator>> result = CooccurrenceIndicators.compute(bought, bought, DEFAULT);

    assertEquals(List.of("case"), ids(result, "phone"));
    assertEquals(List.of("phone"), ids(result, "case"));
    Indicator indicator = result.get("phone").get(0);
    assertEquals(20, indicator.cooccurrences());
    assertTrue(
        indicator.llr() > 50,
        "20 of 100 shoppers always together is very significant: " + indicator);
    assertFalse(result.containsKey("cable"), "cable never co-occurs with anything twice");
  }

  @Test
  void aVeryPopularItemCoOccurringByChanceIsDiscountedDespiteMoreCooccurrences() {
    Map<String, List<String>> bought = shoppers(100);
    give(bought, 0, 20, "phone");
    give(bought, 0, 10, "case"); // half of the phone buyers, nobody else
    give(bought, 2, 92, "bread"); // 90 % of everybody, 18 of the 20 phone buyers: exactly chance

    Map<String, List<Indicator>> result = CooccurrenceIndicators.compute(bought, bought, DEFAULT);

    assertEquals(
        List.of("case"),
        ids(result, "phone"),
        "18 co-occurrences with bread are chance, 10 with case are not");
    assertFalse(ids(result, "bread").contains("phone"));
  }

  @Test
  void negativelyCorrelatedPairsAreDroppedEvenWithAHighLlr() {
    Map<String, List<String>> bought = shoppers(100);
    give(bought, 0, 50, "tea");
    give(bought, 45, 100, "coffee"); // only 5 shoppers have both; chance would be 27.5

    Map<String, List<Indicator>> result = CooccurrenceIndicators.compute(bought, bought, DEFAULT);

    double llr = LogLikelihood.logLikelihoodRatio(5, 45, 50, 0);
    assertTrue(
        llr >= DEFAULT.minLlr(),
        "the pair passes the LLR threshold (" + llr + "), only its sign rules it out");
    assertFalse(ids(result, "tea").contains("coffee"));
    assertFalse(ids(result, "coffee").contains("tea"));
  }

  @Test
  void keepsAtMostTheCapPerItemStrongestFirstAndNoPairBelowTheMinimumCooccurrences() {
    Map<String, List<String>> bought = shoppers(200);
    // The hub is bought with partner-k by k shoppers, k = 1..10, each group disjoint.
    int next = 0;
    for (int k = 1; k <= 10; k++) {
      give(bought, next, next + k, "hub");
      give(bought, next, next + k, "partner-" + k);
      next += k;
    }
    var settings = new CooccurrenceIndicators.Settings(500, 3, 0.0, 4, 42L);

    List<Indicator> hub = CooccurrenceIndicators.compute(bought, bought, settings).get("hub");

    assertEquals(3, hub.size(), "capped at 3 of the 7 partners seen 4 or more times: " + hub);
    assertEquals(
        List.of("partner-10", "partner-9", "partner-8"),
        hub.stream().map(Indicator::itemId).toList());
    for (int i = 1; i < hub.size(); i++)
      assertTrue(hub.get(i - 1).llr() >= hub.get(i).llr(), "strongest first");
    Map<String, List<Indicator>> uncapped =
        CooccurrenceIndicators.compute(
            bought, bought, new CooccurrenceIndicators.Settings(500, 50, 0.0, 4, 42L));
    assertEquals(7, uncapped.get("hub").size());
    assertTrue(
        uncapped.get("hub").stream().allMatch(i -> i.cooccurrences() >= 4),
        uncapped.get("hub").toString());
    assertFalse(uncapped.containsKey("partner-3"), "3 co-occurrences are below the minimum of 4");
  }

  @Test
  void sampledLongHistoriesGiveTheSameIndicatorsForTheSameSeed() {
    Random random = new Random(7);
    Map<String, List<String>> viewed = new HashMap<>();
    for (int s = 0; s < 150; s++) {
      List<String> items = new ArrayList<>();
      for (int k = 0; k < 40; k++) items.add("i" + random.nextInt(60));
      viewed.put("s" + s, items);
    }
    var settings = new CooccurrenceIndicators.Settings(10, 20, 1.0, 2, 1234L);

    var first = CooccurrenceIndicators.compute(viewed, viewed, settings);
    var second = CooccurrenceIndicators.compute(viewed, viewed, settings);

    assertFalse(first.isEmpty());
    assertEquals(first, second);
    // The sample really is a sample: with all 40 items per shopper the counts are higher.
    var full =
        CooccurrenceIndicators.compute(
            viewed, viewed, new CooccurrenceIndicators.Settings(500, 20, 1.0, 2, 1234L));
    int sampledMax =
        first.values().stream()
            .flatMap(List::stream)
            .mapToInt(Indicator::cooccurrences)
            .max()
            .orElse(0);
    int fullMax =
        full.values().stream()
            .flatMap(List::stream)
            .mapToInt(Indicator::cooccurrences)
            .max()
            .orElse(0);
    assertTrue(sampledMax < fullMax, "sampled " + sampledMax + " vs full " + fullMax);
  }

  @Test
  void crossOccurrenceIndicatesSecondaryItemsForPrimaryItems() {
    Map<String, List<String>> bought = shoppers(100);
    Map<String, List<String>> viewed = shoppers(100);
    give(bought, 0, 20, "phone");
    give(viewed, 0, 20, "phone"); // buyers viewed it too: an item never indicates itself
    give(viewed, 0, 20, "review-video");
    give(viewed, 20, 40, "other-phone");

    Map<String, List<Indicator>> result = CooccurrenceIndicators.compute(bought, viewed, DEFAULT);

    assertEquals(
        List.of("review-video"), ids(result, "phone"), "buyers of the phone watched the video");
    assertFalse(
        result.containsKey("review-video"), "keys are bought items; the video was only viewed");
    assertFalse(result.containsKey("other-phone"));
  }

  @Test
  void theIndicatorsCoOccurrencesCountedByBasketsAreThoseOfTheirIntersections() {
    Random random = new Random(7);
    int baskets = 500;
    int[][] columns = new int[50][];
    for (int a = 0; a < columns.length; a++)
      columns[a] =
          java.util.stream.IntStream.range(0, baskets)
              .filter(b -> random.nextInt(1 + columns.length) < 3)
              .toArray();
    double[][] byBaskets = CooccurrenceIndicators.gramByBaskets(columns, baskets);
    double[][] byIntersections = CooccurrenceIndicators.gramByIntersections(columns);
    for (int a = 0; a < columns.length; a++) assertArrayEquals(byIntersections[a], byBaskets[a]);
    assertTrue(byBaskets[0][1] > 0, "some pairs co-occur");
  }

  @Test
  void anIndicatorThatAlwaysComesWithAnotherSharesItsCoefficient() {
    // a and b are held by the same 40 baskets, c by 40 others; the item co-occurs with each in 20.
    double ridge = 1;
    double[][] gram = {{40 + ridge, 40, 0}, {40, 40 + ridge, 0}, {0, 0, 40 + ridge}};
    double[] coefficients = CooccurrenceIndicators.solve(gram, new double[] {20, 20, 20});
    assertEquals(coefficients[0], coefficients[1], 1e-9);
    assertEquals(coefficients[2], 2 * coefficients[0], 0.02, "a and b say together what c says");
  }
}
