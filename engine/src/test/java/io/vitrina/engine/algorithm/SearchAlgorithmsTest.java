package io.vitrina.engine.algorithm;

import static io.vitrina.engine.algorithm.SmallStore.from;
import static io.vitrina.engine.algorithm.SmallStore.ids;
import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.IndicatorSpec;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.ShopperKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Search blocks: morphology in two languages, typos, the shopper's history, learned searches. */
class SearchAlgorithmsTest {
  private SmallStore store;

  @BeforeEach
  void setUp() throws Exception {
    store = new SmallStore();
    store.upsert(
        List.of(
            russian("ru1", "Телефон Нокиа с большим экраном"),
            russian("ru2", "Чехол кожаный для телефона")));
  }

  private static Item russian(String id, String title) {
    return new Item(
        id,
        title,
        "",
        null,
        null,
        List.of("Телефоны"),
        "Нокиа",
        99,
        null,
        3,
        true,
        List.of(),
        Map.of(),
        SmallStore.NOW);
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  private Recommendations search(String algorithm, String visitor, String text) {
    return store.ask(
        RecommendationRequest.builder(algorithm).visitor(visitor).query(text).limit(5));
  }

  @Test
  void englishAndRussianWordsMatchTheirOtherForms() {
    // Both words are more typos away than fuzzy matching forgives: only the stemmers find them.
    List<String> phones = from(search("search_personal", null, "phoning"), "search_personal");
    assertTrue(
        phones.stream().allMatch(id -> id.startsWith("ph")) && phones.size() == 5, "" + phones);
    List<String> russian = from(search("search_personal", null, "телефонами"), "search_personal");
    assertTrue(russian.containsAll(List.of("ru1", "ru2")), russian.toString());
  }

  @Test
  void aTypoStillFindsTheItem() {
    List<String> found = from(search("search_personal", null, "chargr"), "search_personal");
    assertTrue(found.containsAll(List.of("ch1", "ch2", "ch3")), found.toString());
  }

  @Test
  void theShoppersHistoryReordersTheResults() {
    List<String> plain = from(search("search_personal", "nobody", "case"), "search_personal");
    store.apply(EventType.PURCHASE, "ann", "ph5");
    Recommendations mine = search("search_personal", "ann", "case");
    assertEquals("c5", ids(mine).get(0), "the case of ann's phone first; plain order was " + plain);
    assertTrue(mine.items().get(0).explanation().contains("because you bought"));
    RecommendedItem second = mine.items().get(1);
    assertEquals("Zeta", second.item().brand(), "then the brand of ann's phone: " + ids(mine));
    assertEquals("from Zeta, one of your favourite brands", second.explanation());
    assertEquals("matches “case”", mine.items().get(mine.items().size() - 1).explanation());
  }

  @Test
  void aSearchThatFindsNothingFallsBackToAnyWordThenPicks() {
    Recommendations r = search("search_personal", null, "phone zzzqx qqqwv");
    assertTrue(from(r, "search_personal").isEmpty(), ids(r).toString());
    assertFalse(from(r, "search_fallback").isEmpty(), "phones match one word of three");
    assertEquals(5, ids(r).size());
  }

  @Test
  void searchToItemsLearnsWhereASearchLed() {
    ModelBuilder builder = new ModelBuilder(IndicatorSpec.standard());
    for (int s = 0; s < 12; s++) {
      String visitor = "shopper-" + s;
      boolean gift = s < 6;
      builder.add(search(visitor, gift ? "Gift for  DAD" : "cheap case"), Map.of());
      builder.add(ShopperKeys.visitor(visitor), EventType.PURCHASE, gift ? "ch2" : "c1");
    }
    store.index.swapModel(builder.build(Map.of(), SmallStore.NOW));
    Recommendations r = search("search_to_items", null, "gift for dad");
    assertEquals("ch2", ids(r).get(0), "nothing in the catalog says “gift”, shoppers did");
    assertEquals(
        "6 shoppers who searched “gift for dad” chose this", r.items().get(0).explanation());
  }

  private static Event search(String visitor, String text) {
    return new Event(EventType.SEARCH, visitor, null, List.of(), text, null, null, SmallStore.NOW);
  }
}
