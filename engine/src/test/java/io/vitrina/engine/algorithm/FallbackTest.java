package io.vitrina.engine.algorithm;

import static io.vitrina.engine.algorithm.SmallStore.from;
import static io.vitrina.engine.algorithm.SmallStore.ids;
import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.signal.EventType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What fills a block the algorithm leaves short, and the cart a cart block reads. */
class FallbackTest {
  private SmallStore store;

  @BeforeEach
  void setUp() throws Exception {
    store = new SmallStore();
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  private Recommendations ask(RecommendationRequest.Builder request) {
    return store.ask(request);
  }

  @Test
  void byDefaultTheCatalogueChainFillsTheBlockAndTheAnswerCountsIt() {
    Recommendations r = ask(RecommendationRequest.builder("also_bought").item("ph3").limit(6));
    List<String> own = from(r, "also_bought");
    assertEquals(List.of("c3", "ph6"), own.stream().sorted().toList());
    assertEquals(6, r.items().size());
    assertEquals(4, r.fallbackItems(), "similar and popular filled four: " + r);
  }

  @Test
  void fallbackNoneKeepsOnlyTheAlgorithmsOwnItems() {
    Recommendations r =
        ask(
            RecommendationRequest.builder("also_bought")
                .item("ph3")
                .limit(6)
                .fallback(Fallback.NONE));
    assertEquals(List.of("c3", "ph6"), ids(r).stream().sorted().toList());
    assertEquals(0, r.fallbackItems());
  }

  @Test
  void aNamedChainReplacesTheCatalogues() {
    Recommendations r =
        ask(
            RecommendationRequest.builder("also_bought")
                .item("ph3")
                .limit(6)
                .fallback(Fallback.parse("new_arrivals")));
    assertEquals(2, from(r, "also_bought").size());
    assertEquals(4, from(r, "new_arrivals").size(), r.toString());
    assertTrue(from(r, "similar").isEmpty());
    assertThrows(
        Recommender.UnknownFallbackException.class,
        () ->
            ask(RecommendationRequest.builder("popular").fallback(Fallback.parse("bestsellers"))));
  }

  @Test
  void aNewVisitorsRecentlyViewedIsEmptyUnlessAFallbackIsAskedFor() {
    assertTrue(ids(ask(RecommendationRequest.builder("recently_viewed").visitor("new"))).isEmpty());
    Recommendations padded =
        ask(
            RecommendationRequest.builder("recently_viewed")
                .visitor("new")
                .fallback(Fallback.parse("popular")));
    assertEquals(10, padded.items().size());
    assertEquals(10, padded.fallbackItems());
    for (String own : List.of("price_drop", "back_in_stock", "replenish"))
      assertTrue(ids(ask(RecommendationRequest.builder(own).visitor("new"))).isEmpty(), own);
  }

  @Test
  void theFallbackTextIsReadBackAsWritten() {
    for (String text : List.of("default", "none", "similar,popular"))
      assertEquals(text, Fallback.parse(text).toString());
    assertEquals(Fallback.parse("similar,popular"), Fallback.parse(" similar , popular "));
    for (String bad : List.of("", " ", "similar,,popular", "popular,"))
      assertThrows(IllegalArgumentException.class, () -> Fallback.parse(bad), bad);
  }

  @Test
  void cartCrossSellReadsTheCartTheShoppersEventsBuilt() {
    store.apply(EventType.ADD_TO_CART, "una", "ph2");
    store.apply(EventType.ADD_TO_CART, "una", "ph5");
    Recommendations known = ask(RecommendationRequest.builder("cart_cross_sell").visitor("una"));
    assertTrue(from(known, "cart_cross_sell").containsAll(List.of("c2", "c5")), known.toString());
    // A known shopper with an empty cart gets the fallbacks; a request naming neither fails.
    Recommendations empty =
        ask(
            RecommendationRequest.builder("cart_cross_sell")
                .visitor("nobody")
                .fallback(Fallback.NONE));
    assertTrue(empty.items().isEmpty());
    assertThrows(
        Recommender.MissingContextException.class,
        () -> ask(RecommendationRequest.builder("cart_cross_sell")));
  }

  @Test
  void boughtTogetherReadsTheCartTheShoppersEventsBuilt() {
    store.apply(EventType.ADD_TO_CART, "val", "ph5");
    Recommendations r =
        ask(RecommendationRequest.builder("bought_together").visitor("val").item("ph2"));
    assertEquals(
        List.of("c2", "c5"),
        from(r, "bought_together").stream().limit(2).toList(),
        "the page item's partner, then the partner of the cart the events built");
  }
}
