package io.vitrina.engine.algorithm;

import static io.vitrina.engine.algorithm.SmallStore.from;
import static io.vitrina.engine.algorithm.SmallStore.ids;
import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.signal.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The defining behaviour of each algorithm of the catalogue, on the {@link SmallStore}. */
class CatalogueAlgorithmsTest {
  private SmallStore store;
  private Map<String, Item> catalog;

  @BeforeEach
  void setUp() throws Exception {
    store = new SmallStore();
    catalog = store.catalog;
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  private Recommendations ask(RecommendationRequest.Builder request) {
    return store.ask(request);
  }

  private Recommendations forItem(String algorithm, String item) {
    return ask(RecommendationRequest.builder(algorithm).item(item).limit(4));
  }

  private void assertAll(Recommendations r, Predicate<Item> rule, String what) {
    assertFalse(r.items().isEmpty(), "empty block");
    for (RecommendedItem one : r.items())
      assertTrue(rule.test(catalog.get(one.item().id())), one.item().id() + " is not " + what);
  }

  private void assertExplained(Recommendations r) {
    for (RecommendedItem one : r.items())
      assertFalse(one.explanation().isBlank(), one.item().id() + " has no explanation");
  }

  @Test
  void viewedThenBoughtProposesWhatTheItemsViewersBought() {
    Recommendations r = forItem("viewed_then_bought", "ph2");
    assertEquals(
        List.of("c2", "ch1"),
        from(r, "viewed_then_bought").stream().sorted().toList(),
        "the case its buyers bought, and the charger its viewers bought");
    assertTrue(r.items().get(0).explanation().contains("viewed “phone 2”"));
  }

  @Test
  void crossSellOnlyProposesOtherCategories() {
    Recommendations r = forItem("cross_sell", "ph3");
    assertEquals("c3", ids(r).get(0));
    assertFalse(ids(r).contains("ph6"), "co-bought, but a phone like the page's item");
    assertAll(r, item -> !item.leafCategory().equals("Phones"), "outside Phones");
    assertExplained(r);
  }

  @Test
  void alternativesAreCoViewedButNotCoBoughtItemsOfTheSameCategory() {
    Recommendations r = forItem("alternatives", "ph3");
    assertEquals(
        List.of("ph1", "ph2", "ph4", "ph5"),
        from(r, "alternatives").stream().sorted().toList(),
        "ph6 is co-viewed too, but bought together with ph3: a complement");
    assertAll(r, item -> item.leafCategory().equals("Phones"), "a phone");
    assertExplained(r);
  }

  @Test
  void upsellOnlyProposesPricierAlternatives() {
    Recommendations r = forItem("upsell", "ph3");
    assertEquals(List.of("ph4", "ph5"), from(r, "upsell").stream().sorted().toList());
    assertAll(r, item -> item.price() > 300 && item.leafCategory().equals("Phones"), "pricier");
  }

  @Test
  void cheaperOnlyProposesCheaperAlternatives() {
    Recommendations r = forItem("cheaper", "ph3");
    assertEquals(List.of("ph1", "ph2"), from(r, "cheaper").stream().sorted().toList());
    assertAll(r, item -> item.price() < 300 && item.leafCategory().equals("Phones"), "cheaper");
  }

  @Test
  void sameBrandOnlyProposesTheItemsBrand() {
    String brand = catalog.get("ph3").brand();
    Recommendations r = forItem("same_brand", "ph3");
    assertAll(r, item -> item.brand().equals(brand), "of " + brand);
  }

  @Test
  void categoryPopularRanksTheCategorysBestSellers() {
    Recommendations r = ask(RecommendationRequest.builder("category_popular").category("Cases"));
    assertAll(r, item -> item.leafCategory().equals("Cases"), "a case");
    assertEquals(6, r.items().size());
  }

  @Test
  void categoryPersonalRanksTheCategoryForTheShopper() {
    store.apply(EventType.PURCHASE, "alice", "ph5");
    Recommendations r =
        ask(RecommendationRequest.builder("category_personal").visitor("alice").category("Cases"));
    assertEquals("c5", ids(r).get(0), "the case of alice's phone");
    assertAll(r, item -> item.leafCategory().equals("Cases"), "a case");
  }

  @Test
  void newArrivalsShowAnItemUpsertedAMomentAgoFirst() throws Exception {
    Recommendations before = ask(RecommendationRequest.builder("new_arrivals").limit(3));
    assertEquals(List.of("ph1", "ph2", "ph3"), ids(before), "newest by the store's dates");
    store.upsert(List.of(SmallStore.item("ph7", "Phones", "phone 7", 700, false, 0, null)));
    Recommendations after = ask(RecommendationRequest.builder("new_arrivals").limit(3));
    assertEquals("ph7", ids(after).get(0), "no model build needed");
  }

  @Test
  void categoryNewIsTheNewestOfTheCategory() {
    Recommendations r =
        ask(RecommendationRequest.builder("category_new").category("Cases").limit(2));
    assertEquals(List.of("c1", "c2"), ids(r));
  }

  @Test
  void saleBlocksOnlyProposeDiscountedItems() {
    store.apply(EventType.PURCHASE, "bob", "c4");
    Recommendations personal = ask(RecommendationRequest.builder("personal_sale").visitor("bob"));
    assertEquals("ph4", ids(personal).get(0), "the discounted phone that goes with bob's case");
    assertAll(personal, Item::onSale, "on sale");
    Recommendations category =
        ask(RecommendationRequest.builder("category_sale").visitor("bob").category("Cases"));
    assertEquals(List.of("c2"), ids(category));
  }

  @Test
  void cartCrossSellComplementsTheWholeCart() {
    Recommendations r =
        ask(RecommendationRequest.builder("cart_cross_sell").cart(List.of("ph2", "ph5")));
    assertTrue(ids(r).subList(0, 2).containsAll(List.of("c2", "c5")), ids(r).toString());
    assertThrows(
        Recommender.MissingContextException.class,
        () -> ask(RecommendationRequest.builder("cart_cross_sell")));
  }

  @Test
  void abandonedCartEmptiesOnceTheCartIsBought() {
    store.apply(EventType.ADD_TO_CART, "carol", "c6");
    Recommendations left = ask(RecommendationRequest.builder("abandoned_cart").visitor("carol"));
    assertEquals(List.of("c6"), ids(left), "carol viewed nothing: recently_viewed has nothing");
    store.apply(EventType.PURCHASE, "carol", "c6");
    Recommendations bought = ask(RecommendationRequest.builder("abandoned_cart").visitor("carol"));
    assertTrue(ids(bought).isEmpty(), ids(bought).toString());
    Recommendations padded =
        ask(
            RecommendationRequest.builder("abandoned_cart")
                .visitor("carol")
                .fallback(Fallback.parse("popular")));
    assertFalse(padded.items().isEmpty(), "a fallback asked for fills the block");
    assertEquals(padded.items().size(), padded.fallbackItems());
  }

  @Test
  void emailPersonalIgnoresTheSessionCart() {
    store.apply(EventType.PURCHASE, "dan", "ph1");
    Recommendations plain = ask(RecommendationRequest.builder("email_personal").visitor("dan"));
    Recommendations withCart =
        ask(RecommendationRequest.builder("email_personal").visitor("dan").cart(List.of("ph6")));
    assertEquals("c1", ids(plain).get(0));
    assertEquals(ids(plain), ids(withCart));
  }

  @Test
  void favoriteBrandsProposeTheBrandTheShopperBuys() {
    String brand = catalog.get("c1").brand();
    store.apply(EventType.PURCHASE, "fay", "c1");
    store.apply(EventType.VIEW_ITEM, "fay", "c1");
    Recommendations r =
        ask(RecommendationRequest.builder("favorite_brands").visitor("fay").limit(3));
    assertAll(r, item -> item.brand().equals(brand), "of " + brand);
    assertTrue(r.items().get(0).explanation().contains(brand));
  }

  @Test
  void favoriteCategoriesRankTheMostBoughtCategoryFirst() {
    store.apply(EventType.PURCHASE, "gus", "ch2");
    store.apply(EventType.VIEW_ITEM, "gus", "ph1");
    Recommendations r =
        ask(RecommendationRequest.builder("favorite_categories").visitor("gus").limit(4));
    assertEquals(
        List.of("Chargers", "Chargers", "Phones", "Phones"),
        ids(r).stream().map(id -> catalog.get(id).leafCategory()).toList(),
        "a purchase counts more than a view: " + ids(r));
  }

  @Test
  void favoriteCategoriesLeaveOutACategoryAboveAnotherFavourite() throws Exception {
    // With toys in the catalog, Electronics no longer holds everything: it has a rarity, and
    // without the rule it would be a favourite and bring in every case as well.
    List<Item> toys = new ArrayList<>();
    for (int i = 1; i <= 6; i++)
      toys.add(
          new Item(
              "t" + i,
              "toy " + i,
              "a toy",
              null,
              null,
              List.of("Toys"),
              "Acme",
              5,
              null,
              5,
              true,
              List.of(),
              Map.of(),
              SmallStore.NOW));
    store.upsert(toys);
    store.apply(EventType.VIEW_ITEM, "ivy", "ph1");
    store.apply(EventType.VIEW_ITEM, "ivy", "ch1");
    Recommendations r =
        ask(RecommendationRequest.builder("favorite_categories").visitor("ivy").limit(10));

    List<RecommendedItem> favourites =
        r.items().stream().filter(i -> i.source().equals("favorite_categories")).toList();
    assertFalse(favourites.isEmpty(), ids(r).toString());
    for (RecommendedItem item : favourites) {
      assertFalse(item.explanation().contains("Electronics"), item.toString());
      assertTrue(
          List.of("Phones", "Chargers").contains(item.item().leafCategory()), item.toString());
    }
  }

  @Test
  void priceDropReactsToACatalogUpdate() throws Exception {
    store.apply(EventType.VIEW_ITEM, "hal", "c5");
    Recommendations before = ask(RecommendationRequest.builder("price_drop").visitor("hal"));
    assertTrue(from(before, "price_drop").isEmpty(), ids(before).toString());
    store.upsert(List.of(SmallStore.item("c5", "Cases", "case for phone 5", 40, true, 15, null)));
    Recommendations after = ask(RecommendationRequest.builder("price_drop").visitor("hal"));
    assertEquals(List.of("c5"), from(after, "price_drop"));
  }

  @Test
  void replenishFollowsTheShoppersOwnPurchaseCycle() {
    store.bought("ivy", "c1", 40);
    store.bought("ivy", "c1", 20); // every 20 days, last 20 days ago: due
    store.bought("ivy", "c2", 30);
    store.bought("ivy", "c2", 10); // every 20 days, last 10 days ago: not yet
    store.bought("ivy", "c3", 5); // bought once: no cycle
    Recommendations r = ask(RecommendationRequest.builder("replenish").visitor("ivy"));
    assertEquals(List.of("c1"), from(r, "replenish"));
    assertEquals(
        "you buy this about every 20 days; the last time was 20 days ago",
        r.items().get(0).explanation());
    store.bought("ivy", "c1", 0);
    Recommendations after = ask(RecommendationRequest.builder("replenish").visitor("ivy"));
    assertTrue(from(after, "replenish").isEmpty(), "bought again today: no longer due");
  }

  @Test
  void itemCfProposesItemsWhoseShoppersOverlapWithTheItems() {
    Recommendations r = forItem("item_cf", "ph3");
    List<String> own = from(r, "item_cf");
    assertTrue(own.containsAll(List.of("ph4", "ph5")), own.toString());
    assertTrue(r.items().get(0).explanation().contains("looked at “phone 3”"));
  }

  @Test
  void boughtTogetherTreatsThePageItemAndTheCartAsOneBasket() {
    Recommendations r =
        ask(RecommendationRequest.builder("bought_together").item("ph2").cart(List.of("ph5")));
    assertEquals(
        List.of("c2", "c5"),
        from(r, "bought_together").stream().limit(2).toList(),
        "the page item's partner first, then the cart's");
  }

  @Test
  void aNewItemBorrowsIndicatorsFromItsLookAlikesAtOnce() throws Exception {
    store.upsert(List.of(SmallStore.item("ph7", "Phones", "phone 7", 700, false, 0, null)));
    store.apply(EventType.VIEW_ITEM, "joy", "ph1");
    Recommendations r = ask(RecommendationRequest.builder("personal").visitor("joy").limit(10));
    RecommendedItem fresh =
        r.items().stream().filter(i -> i.item().id().equals("ph7")).findFirst().orElseThrow();
    assertEquals(
        "new, like “phone 5”, which shoppers who viewed “phone 1”, as you did, also viewed",
        fresh.explanation(),
        "reached through its look-alike's co-views, not through popularity; nobody viewed ph7");
  }

  @Test
  void backInStockReactsToARestockOfWhatTheShopperLookedAt() throws Exception {
    store.apply(EventType.VIEW_ITEM, "lea", "c6");
    store.upsert(
        List.of(
            SmallStore.withStock(catalog.get("c6"), 0),
            SmallStore.withStock(catalog.get("c5"), 0)));
    assertTrue(
        from(ask(RecommendationRequest.builder("back_in_stock").visitor("lea")), "back_in_stock")
            .isEmpty());
    store.upsert(
        List.of(
            SmallStore.withStock(catalog.get("c6"), 4),
            SmallStore.withStock(catalog.get("c5"), 4)));
    Recommendations r = ask(RecommendationRequest.builder("back_in_stock").visitor("lea"));
    assertEquals(List.of("c6"), from(r, "back_in_stock"), "c5 came back too, but lea never saw it");
    assertEquals("back in stock", r.items().get(0).explanation());
  }

  /** Blocks of the shopper's own items, which no fallback pads unless one is asked for. */
  private static final Set<String> OWN_LISTS =
      Set.of("recently_viewed", "price_drop", "replenish", "back_in_stock");

  @Test
  void everyAlgorithmOfTheCatalogueFillsABlockWithExplanations() {
    store.apply(EventType.PURCHASE, "erin", "ph2");
    store.apply(EventType.ADD_TO_CART, "erin", "c6");
    for (Algorithm algorithm : store.recommender.algorithms().all()) {
      RecommendationRequest.Builder request =
          RecommendationRequest.builder(algorithm.name()).visitor("erin").limit(3);
      if (algorithm.requires().contains(ContextKind.ITEM)) request.item("ph3");
      if (algorithm.requires().contains(ContextKind.CATEGORY)) request.category("Phones");
      if (algorithm.requires().contains(ContextKind.CART)) request.cart(List.of("ph3"));
      if (algorithm.requires().contains(ContextKind.SEARCH)) request.query("phone");
      // The shopper's own lists answer only what erin has; popular fills them here.
      if (OWN_LISTS.contains(algorithm.name())) request.fallback(Fallback.parse("popular"));
      Recommendations r = ask(request);
      assertFalse(r.items().isEmpty(), algorithm.name() + " returned nothing");
      assertExplained(r);
    }
  }
}
