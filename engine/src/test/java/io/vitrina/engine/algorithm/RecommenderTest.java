package io.vitrina.engine.algorithm;

import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemNeighbours;
import io.vitrina.engine.model.ImplicitFactors;
import io.vitrina.engine.model.IndicatorSpec;
import io.vitrina.engine.model.ItemVectors;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.model.PopularityCounter;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.rule.Filters;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecommenderTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private CatalogIndex index;
  private ProfileStore profiles;
  private Recommender recommender;

  @BeforeEach
  void setUp() throws Exception {
    index = CatalogIndex.inMemory(50);
    profiles = new ProfileStore();
    recommender = new Recommender(index, profiles, AlgorithmCatalog.standard());
    List<Item> items = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      String category = i <= 20 ? "Phones" : "Accessories";
      int stock = i == 7 ? 0 : 5; // phone-7 is sold out
      items.add(
          new Item(
              "p" + i,
              category + " item " + i,
              "a fine " + category.toLowerCase(),
              "https://x/p" + i,
              null,
              List.of("Electronics", category),
              i % 2 == 0 ? "Acme" : "Zeta",
              10 + i,
              null,
              stock,
              true,
              List.of(),
              Map.of(),
              NOW));
    }
    index.upsert(items);
    index.refresh();
  }

  @AfterEach
  void tearDown() throws Exception {
    index.close();
  }

  /** Shoppers who buy phone N also buy accessory N+20; everybody views p1..p3. */
  private void trainOnBundles() {
    ModelBuilder builder = new ModelBuilder(IndicatorSpec.standard());
    PopularityCounter popularity =
        new PopularityCounter(NOW.minus(Duration.ofDays(30)), Duration.ofDays(7));
    int shopper = 0;
    for (int phone = 1; phone <= 10; phone++) {
      for (int repeat = 0; repeat < 6; repeat++) {
        String key = "v:s" + (shopper++);
        for (String id : List.of("p" + phone, "p" + (phone + 20))) {
          builder.add(key, EventType.PURCHASE, id);
          popularity.record(event(EventType.PURCHASE, key, id));
        }
        builder.add(key, EventType.VIEW_ITEM, "p" + (phone % 3 + 1));
      }
    }
    index.swapModel(builder.build(popularity.snapshot(NOW), NOW));
  }

  private static Event event(EventType type, String visitor, String itemId) {
    return new Event(
        type, visitor, null, List.of(EventItem.of(itemId)), null, null, null, NOW.minusSeconds(60));
  }

  private Recommendations ask(String algorithm, String visitor, String item, int limit) {
    return recommender.recommend(
        RecommendationRequest.builder(algorithm).visitor(visitor).item(item).limit(limit).build());
  }

  private static List<String> ids(Recommendations r) {
    return r.items().stream().map(i -> i.item().id()).toList();
  }

  @Test
  void alsoBoughtReturnsTheBundlePartnerFirstWithAReason() {
    trainOnBundles();
    Recommendations r = ask("also_bought", null, "p3", 5);
    assertEquals("p23", ids(r).get(0));
    assertEquals("also_bought", r.items().get(0).source());
    assertEquals(
        "6 customers who bought “Phones item 3” also bought this",
        r.items().get(0).explanation(),
        "the six buyers of p3 bought p23 too");
  }

  @Test
  void personalRecommendsWhatCoOccursWithTheShoppersPurchases() {
    trainOnBundles();
    profiles.apply(event(EventType.PURCHASE, "alice", "p4"));
    Recommendations r = ask("personal", "alice", null, 5);
    assertEquals("p24", ids(r).get(0));
    assertEquals("personal", r.items().get(0).source());
    assertFalse(ids(r).contains("p4"), "never what was just bought");
  }

  /** Buyers of each phone also bought its accessory, as vectors of an 8-factor model. */
  private void trainFactorsOnBundles() {
    Map<String, Map<String, Float>> strengths = new java.util.HashMap<>();
    int shopper = 0;
    for (int phone = 1; phone <= 10; phone++) {
      for (int repeat = 0; repeat < 6; repeat++) {
        strengths.put(
            "s" + shopper++,
            Map.of("p" + phone, 1f, "p" + (phone + 20), 1f, "p" + (phone % 3 + 1), 0.2f));
      }
    }
    index.swapVectors(
        ItemVectors.train(strengths, new ImplicitFactors.Settings(8, 15, 0.5f, 20f, 3, 7L)));
  }

  /** The factor model places a bundle's two items close: a buyer of one gets the other first. */
  @Test
  void personalEmbeddingProposesWhatLiesNearTheShoppersVector() {
    trainOnBundles();
    trainFactorsOnBundles();
    profiles.apply(event(EventType.PURCHASE, "ivy", "p5"));

    Recommendations r = ask("personal_embedding", "ivy", null, 5);
    assertEquals("p25", ids(r).get(0), ids(r).toString());
    assertEquals("personal_embedding", r.items().get(0).source());
    assertFalse(ids(r).contains("p5"), "never what was bought");
  }

  /** The shoppers nearest to a buyer of phone 5 are its other buyers, who bought accessory 25. */
  @Test
  void nextBestOfferProposesWhatTheShoppersLikeThisOneBought() {
    trainOnBundles();
    trainFactorsOnBundles();
    profiles.apply(event(EventType.PURCHASE, "jon", "p5"));
    Recommendations r = ask("next_best_offer", "jon", null, 3);
    assertEquals("p25", ids(r).get(0), ids(r).toString());
    assertEquals("next_best_offer", r.items().get(0).source());
    assertEquals(
        "bought by 6 shoppers like you",
        r.items().get(0).explanation(),
        "the six other buyers of p5, who all bought p25");
  }

  /**
   * A candidate scores the sum of its learned indicator weights toward the history (times each
   * clause's weight), not a text-retrieval score of matching terms.
   */
  @Test
  void personalScoresTheLearnedWeightsOfTheHistorysIndicators() {
    trainOnBundles();
    profiles.apply(event(EventType.VIEW_ITEM, "carol", "p2"));
    profiles.apply(event(EventType.PURCHASE, "carol", "p2"));
    RecommendedItem top = ask("personal", "carol", null, 5).items().get(0);
    assertEquals("p22", top.item().id());

    var model = index.model();
    double expected =
        1.5 * model.indicator(IndicatorSpec.BUY, "p22", "p2").sumWeight()
            + 1.0 * model.indicator(IndicatorSpec.VIEW, "p22", "p2").sumWeight();
    // FeatureField keeps about 8 bits of a weight; popularity adds at most a thousandth.
    assertEquals(expected, top.score(), expected * 0.02 + 0.001);
  }

  /**
   * An item seen long ago, beyond the recent views the query reads, is still left out: personal
   * proposes new things, recently_viewed shows old ones.
   */
  @Test
  void personalLeavesOutWhatTheShopperSawBeyondTheRecentHistory() {
    trainOnBundles();
    profiles.apply(event(EventType.VIEW_ITEM, "dora", "p24"));
    for (int i = 0; i < 60; i++) profiles.apply(event(EventType.VIEW_ITEM, "dora", "gone-" + i));
    profiles.apply(event(EventType.PURCHASE, "dora", "p4"));

    List<String> personal = ids(ask("personal", "dora", null, 10));
    assertFalse(personal.contains("p24"), "p24 goes with p4 but dora has seen it: " + personal);
    assertFalse(personal.isEmpty());
  }

  /**
   * Cross-sell blocks are cached for everybody, yet a shopper who bought the bundle partner does
   * not get it proposed again; everybody else still does, and recently_viewed still shows own
   * items.
   */
  @Test
  void blocksLeaveOutWhatTheAskingShopperBought() {
    trainOnBundles();
    assertEquals("p23", ids(ask("also_bought", null, "p3", 5)).get(0));
    profiles.apply(event(EventType.VIEW_ITEM, "erin", "p23"));
    profiles.apply(event(EventType.PURCHASE, "erin", "p23"));

    for (String algorithm : List.of("also_bought", "also_viewed", "similar", "popular")) {
      List<String> forErin = ids(ask(algorithm, "erin", "p3", 5));
      assertFalse(forErin.contains("p23"), algorithm + " for erin: " + forErin);
      assertEquals(5, forErin.size(), algorithm + " is still full: " + forErin);
    }
    assertEquals("p23", ids(ask("also_bought", "frank", "p3", 5)).get(0), "others still get it");
    assertEquals(List.of("p23"), ids(ask("recently_viewed", "erin", null, 1)));
  }

  /** A purchase older than the exclusion window is proposed again (consumables, replacements). */
  @Test
  void purchasesOlderThanTheExclusionWindowComeBack() {
    trainOnBundles();
    Recommender monthly =
        new Recommender(
            index,
            profiles,
            AlgorithmCatalog.standard(),
            true,
            Duration.ofDays(30),
            Clock.fixed(NOW, ZoneOffset.UTC));
    profiles.apply(boughtAt("gus", "p23", NOW.minus(Duration.ofDays(40))));
    profiles.apply(boughtAt("hal", "p23", NOW.minus(Duration.ofDays(10))));

    assertEquals("p23", ids(monthly.recommend(alsoBoughtP3("gus"))).get(0), "bought 40 days ago");
    assertFalse(ids(monthly.recommend(alsoBoughtP3("hal"))).contains("p23"), "bought 10 days ago");
  }

  private static Event boughtAt(String visitor, String itemId, Instant at) {
    return new Event(
        EventType.PURCHASE, visitor, null, List.of(EventItem.of(itemId)), null, null, null, at);
  }

  private static RecommendationRequest alsoBoughtP3(String visitor) {
    return RecommendationRequest.builder("also_bought")
        .visitor(visitor)
        .item("p3")
        .limit(5)
        .build();
  }

  @Test
  void unknownVisitorStillGetsAFullBlockFromPopularity() {
    trainOnBundles();
    Recommendations r = ask("personal", "nobody", null, 10);
    assertEquals(10, r.items().size());
    assertTrue(r.items().stream().allMatch(i -> i.source().equals("popular")));
  }

  @Test
  void blocksNeverHoldSoldOutItemsTheContextItemOrDuplicates() {
    trainOnBundles();
    // alice has a history, so personal and recently_viewed run their own path before fallbacks.
    for (String id : List.of("p2", "p7", "p21"))
      profiles.apply(event(EventType.VIEW_ITEM, "alice", id));
    for (String algorithm :
        List.of(
            "personal", "popular", "similar", "also_viewed", "also_bought", "recently_viewed")) {
      // recently_viewed shows alice's own items only, unless a fallback is asked for.
      Fallback fallback =
          algorithm.equals("recently_viewed") ? Fallback.parse("popular") : Fallback.DEFAULT;
      Recommendations r =
          recommender.recommend(
              RecommendationRequest.builder(algorithm)
                  .visitor("alice")
                  .item("p1")
                  .limit(39)
                  .fallback(fallback)
                  .build());
      List<String> ids = ids(r);
      Set<String> distinct = new HashSet<>(ids);
      assertEquals(ids.size(), distinct.size(), algorithm + " repeats an item: " + ids);
      assertFalse(ids.contains("p7"), algorithm + " shows a sold-out item");
      assertFalse(ids.contains("p1"), algorithm + " shows the context item");
      // 40 items minus the sold-out one and the context item; personal also leaves out what alice
      // viewed.
      int available = algorithm.equals("personal") ? 36 : 38;
      assertEquals(available, ids.size(), algorithm + " should fill the block from fallbacks");
    }
  }

  @Test
  void recentlyViewedListsMostRecentFirst() {
    for (String id : List.of("p1", "p2", "p3"))
      profiles.apply(event(EventType.VIEW_ITEM, "bob", id));
    Recommendations r = ask("recently_viewed", "bob", null, 3);
    assertEquals(List.of("p3", "p2", "p1"), ids(r));
  }

  @Test
  void similarPrefersTheSameCategory() {
    Recommendations r = ask("similar", null, "p25", 5);
    assertEquals(5, r.items().size(), ids(r).toString());
    assertTrue(r.items().stream().allMatch(i -> i.source().equals("similar")), ids(r).toString());
    assertTrue(
        r.items().stream().allMatch(i -> i.item().categories().contains("Accessories")),
        ids(r).toString());
  }

  @Test
  void similarFromTheContentNeighboursAnswersAsItsQueryDid() throws Exception {
    Recommendations queried = ask("similar", null, "p25", 5);
    ContentLikeness likeness =
        (ContentLikeness) AlgorithmCatalog.standard().get("similar").orElseThrow().source();
    ItemNeighbours neighbours = likeness.neighbours(index, () -> false).orElseThrow();
    assertEquals(40, neighbours.size());
    assertFalse(neighbours.idsOf("p25").contains("p25"));
    index.swapContentNeighbours(neighbours);
    reopen(); // a new searcher: the cached answer of the query is gone
    Recommendations listed = ask("similar", null, "p25", 5);
    assertEquals(ids(queried), ids(listed));
    for (int k = 0; k < 5; k++)
      assertEquals(queried.items().get(k).score(), listed.items().get(k).score(), 1e-4);
    assertEquals(queried.items().get(0).explanation(), listed.items().get(0).explanation());
  }

  @Test
  void similarReadsItsItemsListAndLeavesOutWhatTheRulesDo() throws Exception {
    // p7 is sold out; p40 shares nothing with p25 but the list says it is the nearest.
    float[] scores = new float[ContentLikeness.NEIGHBOURS];
    List<String> listed = new ArrayList<>();
    for (int k = 0; k < ContentLikeness.NEIGHBOURS; k++) {
      listed.add(List.of("p7", "p40", "p3", "p4", "p5").get(k % 5));
      scores[k] = ContentLikeness.NEIGHBOURS - k;
    }
    index.swapContentNeighbours(ItemNeighbours.builder().put("p25", listed, scores).build());
    reopen();
    Recommendations r = ask("similar", null, "p25", 3);
    assertEquals(List.of("p40", "p3", "p4"), ids(r));
    assertEquals("similar", r.items().get(0).source());
  }

  /** Opens a new searcher on the same items (a catalog write), as stock changes do. */
  private void reopen() throws Exception {
    index.upsert(List.of(index.get("p1").orElseThrow()));
    index.refresh();
  }

  @Test
  void filtersRestrictPriceAndBrand() {
    trainOnBundles();
    Recommendations r =
        recommender.recommend(
            RecommendationRequest.builder("popular")
                .limit(50)
                .filters(new Filters(15.0, 30.0, List.of(), List.of("Acme")))
                .build());
    assertFalse(r.items().isEmpty());
    for (RecommendedItem i : r.items()) {
      assertTrue(i.item().price() >= 15 && i.item().price() <= 30, "price " + i.item().price());
      assertEquals("Acme", i.item().brand());
    }
  }

  @Test
  void itemAlgorithmsRejectAMissingItem() {
    assertThrows(
        Recommender.MissingContextException.class, () -> ask("also_viewed", null, null, 5));
    assertThrows(Recommender.UnknownItemException.class, () -> ask("similar", null, "nope", 5));
    assertEquals(5, ask("popular", null, "nope", 5).items().size(), "popular does without it");
    assertThrows(
        Recommender.UnknownAlgorithmException.class, () -> ask("telepathy", null, null, 5));
  }

  /** As a category page asks: the page's category, and only items under it. */
  private Recommendations inCategory(String algorithm, String category) {
    return recommender.recommend(
        RecommendationRequest.builder(algorithm)
            .category(category)
            .filters(new Filters(null, null, List.of(category), List.of()))
            .limit(50)
            .build());
  }

  @Test
  void categoriesAreMatchedWithoutRegardToCase() {
    List<String> asExact = ids(inCategory("category_popular", "Phones"));
    assertTrue(asExact.size() > 10, asExact.toString());
    for (String asked : List.of("phones", "PHONES")) {
      Recommendations r = inCategory("category_popular", asked);
      assertEquals(asExact, ids(r), asked);
      for (RecommendedItem i : r.items())
        assertTrue(i.item().categories().contains("Phones"), asked + ": " + i.item().id());
    }
  }

  @Test
  void anUnknownCategoryIsRefusedNamingTheNearestOnes() {
    var unknown =
        assertThrows(
            Recommender.UnknownCategoryException.class, () -> inCategory("popular", "Phonez"));
    assertEquals(List.of("Phones"), unknown.nearest());
    assertTrue(unknown.getMessage().contains("did you mean Phones?"), unknown.getMessage());
    var far =
        assertThrows(
            Recommender.UnknownCategoryException.class,
            () ->
                recommender.recommend(
                    RecommendationRequest.builder("popular")
                        .filters(new Filters(null, null, List.of("Garden"), List.of()))
                        .build()));
    assertEquals(List.of(), far.nearest());
  }

  @Test
  void aCategoryWhoseItemsAreAllDeletedIsUnknown() {
    Item lone =
        new Item(
            "lone",
            "lone item",
            "",
            null,
            null,
            List.of("Gone"),
            "Acme",
            5,
            null,
            1,
            true,
            List.of(),
            Map.of(),
            NOW);
    index.upsert(List.of(lone));
    index.refresh();
    assertEquals(List.of("lone"), ids(inCategory("popular", "gone")));
    index.delete("lone");
    index.refresh();
    assertThrows(Recommender.UnknownCategoryException.class, () -> inCategory("popular", "gone"));
  }

  @Test
  void modelSwapKeepsItemsAndUpsertsSearchable() {
    trainOnBundles();
    assertEquals(40, index.size());
    index.upsert(
        List.of(
            new Item(
                "new",
                "new item",
                "",
                null,
                null,
                List.of("Phones"),
                "Acme",
                5,
                null,
                1,
                true,
                List.of(),
                Map.of(),
                NOW)));
    index.refresh();
    assertTrue(index.get("new").isPresent());
    trainOnBundles();
    assertEquals(41, index.size());
  }

  @Test
  void requiredContextIsNamedAndFallbacksWithoutTheirContextAreSkipped() {
    Algorithm inCategory =
        new Algorithm(
            "category_popular",
            "best sellers of the page's category",
            Set.of(ContextKind.CATEGORY),
            List.of(),
            new FeatureRank("popularity", "popular", "popular in this category"));
    Algorithm similarFirst =
        new Algorithm(
            "similar_then_category",
            "test",
            Set.of(),
            List.of("category_popular", "popular"),
            new FeatureRank("popularity", "popular", "popular"));
    AlgorithmCatalog catalog =
        new AlgorithmCatalog(
            List.of(
                inCategory,
                similarFirst,
                AlgorithmCatalog.standard().get("popular").orElseThrow()));
    Recommender own = new Recommender(index, profiles, catalog);

    var missing =
        assertThrows(
            Recommender.MissingContextException.class,
            () -> own.recommend(RecommendationRequest.builder("category_popular").build()));
    assertTrue(missing.getMessage().contains("category=<category>"), missing.getMessage());
    assertEquals(
        10,
        own.recommend(RecommendationRequest.builder("category_popular").category("Phones").build())
            .items()
            .size());
    var fellBack =
        own.recommend(RecommendationRequest.builder("similar_then_category").limit(5).build());
    assertEquals(
        5,
        fellBack.items().size(),
        "the category fallback is skipped without a category, not an error");
  }
}
