package io.vitrina.engine.algorithm;

import static io.vitrina.engine.algorithm.SmallStore.ids;
import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.rule.BusinessRules;
import io.vitrina.engine.rule.PropertyRule;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A block's order: source by source (the asked algorithm's own items, then each fallback's), each
 * by descending score, unless the answer's {@code reorderedBy} names what moved them.
 */
class BlockOrderTest {
  private SmallStore store;

  @BeforeEach
  void setUp() throws Exception {
    store = new SmallStore();
    store.apply(EventType.PURCHASE, "eve", "ph2");
    store.apply(EventType.VIEW_ITEM, "eve", "ph3");
    store.apply(EventType.ADD_TO_CART, "eve", "c6");
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  /** Fails unless the items run source by source in the order given, each by descending score. */
  private static void assertInSourceAndScoreOrder(Recommendations r, List<String> chain) {
    int source = 0;
    double last = Double.POSITIVE_INFINITY;
    for (RecommendedItem item : r.items()) {
      int at = chain.indexOf(item.source());
      assertTrue(at >= source, item.source() + " after " + chain.get(source) + ": " + r);
      if (at > source) last = Double.POSITIVE_INFINITY;
      source = at;
      assertTrue(item.score() <= last, item.item().id() + " scores above the item before: " + r);
      last = item.score();
    }
  }

  private static List<String> chain(Algorithm algorithm) {
    List<String> out = new ArrayList<>(List.of(algorithm.name()));
    out.addAll(algorithm.fallbacks());
    return out;
  }

  private Recommendations askEvery(Algorithm algorithm, BusinessRules rules) {
    RecommendationRequest.Builder request =
        RecommendationRequest.builder(algorithm.name()).visitor("eve").rules(rules).limit(12);
    if (algorithm.requires().contains(ContextKind.ITEM)) request.item("ph3");
    if (algorithm.requires().contains(ContextKind.CATEGORY)) request.category("Phones");
    if (algorithm.requires().contains(ContextKind.SEARCH)) request.query("phone");
    return store.ask(request);
  }

  @Test
  void everyAlgorithmAnswersInSourceAndScoreOrder() {
    BusinessRules plain = BusinessRules.NONE;
    // A boost multiplies scores, in a query or in a list an algorithm ranked before the index.
    BusinessRules boosted =
        new BusinessRules(
            List.of(new PropertyRule("brand", List.of("Zeta"), null, null, 3)),
            List.of(),
            List.of(),
            null,
            null,
            0);
    for (Algorithm algorithm : store.recommender.algorithms().all()) {
      for (BusinessRules rules : List.of(plain, boosted)) {
        Recommendations r = askEvery(algorithm, rules);
        assertInSourceAndScoreOrder(r, chain(algorithm));
        assertEquals(Set.of(), r.reorderedBy(), algorithm.name());
      }
    }
  }

  @Test
  void aBoostedListKeepsItsScoresInOrder() {
    BusinessRules cases =
        new BusinessRules(
            List.of(new PropertyRule("category", List.of("Cases"), null, null, 1000)),
            List.of(),
            List.of(),
            null,
            null,
            0);
    Recommendations r =
        store.ask(
            RecommendationRequest.builder("also_viewed")
                .item("ph1")
                .rules(cases)
                .fallback(Fallback.NONE)
                .limit(10));
    assertEquals("c1", ids(r).get(0), "the co-viewed case, boosted ahead of the phones: " + r);
    assertInSourceAndScoreOrder(r, List.of("also_viewed"));
  }

  @Test
  void pinsDitheringAndRotationAreNamedWhenTheyMoveItems() {
    BusinessRules pinned =
        new BusinessRules(
            List.of(), List.of(new BusinessRules.Pin("ch3", 1)), List.of(), null, null, 0);
    Recommendations withPin =
        store.ask(RecommendationRequest.builder("popular").rules(pinned).limit(5));
    assertEquals("pinned", withPin.items().get(0).source());
    assertEquals(Set.of(Recommendations.Reordering.PINS), withPin.reorderedBy());
    assertEquals(0, withPin.fallbackItems(), "a pin is the store's, not a fallback's");

    BusinessRules dithered = new BusinessRules(List.of(), List.of(), List.of(), null, null, 3);
    boolean seen = false;
    for (int v = 0; v < 20 && !seen; v++) {
      Recommendations r =
          store.ask(
              RecommendationRequest.builder("popular").visitor("v" + v).rules(dithered).limit(10));
      Recommendations plain =
          store.ask(RecommendationRequest.builder("popular").visitor("v" + v).limit(10));
      boolean moved = !ids(r).equals(ids(plain));
      assertEquals(moved, r.reorderedBy().contains(Recommendations.Reordering.DITHERING));
      seen = moved;
    }
    assertTrue(seen, "dithering of width 3 moves some block of ten");

    BusinessRules rotating = new BusinessRules(List.of(), List.of(), List.of(), null, null, 0, 2);
    Recommendations before =
        store.ask(RecommendationRequest.builder("popular").visitor("ray").rules(rotating));
    assertEquals(Set.of(), before.reorderedBy());
    String first = ids(before).get(0);
    for (int shown = 0; shown < 2; shown++)
      store.profiles.apply(
          new Event(
              EventType.VIEW_ITEM_LIST,
              "ray",
              null,
              List.of(EventItem.of(first)),
              null,
              null,
              null,
              SmallStore.NOW));
    Recommendations after =
        store.ask(RecommendationRequest.builder("popular").visitor("ray").rules(rotating));
    assertNotEquals(first, ids(after).get(0));
    assertEquals(Set.of(Recommendations.Reordering.ROTATION), after.reorderedBy());
  }
}
