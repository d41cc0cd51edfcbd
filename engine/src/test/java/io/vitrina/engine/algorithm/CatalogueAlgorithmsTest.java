package io.vitrina.engine.algorithm;

import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.IndicatorSpec;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.model.PopularityCounter;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The defining behaviour of each algorithm of the catalogue, on a small store: six phones (100 to
 * 600, ph1 and ph4 discounted), a case per phone, three chargers, two brands.
 */
class CatalogueAlgorithmsTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private CatalogIndex index;
  private ProfileStore profiles;
  private Recommender recommender;
  private final Map<String, Item> catalog = new HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    index = CatalogIndex.inMemory(50);
    profiles = new ProfileStore();
    recommender = new Recommender(index, profiles, AlgorithmCatalog.standard());
    List<Item> items = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      items.add(item("ph" + i, "Phones", "phone " + i, 100 * i, i == 1 || i == 4, i));
      items.add(item("c" + i, "Cases", "case for phone " + i, 10 * i, i == 2, 10 + i));
    }
    for (int i = 1; i <= 3; i++)
      items.add(item("ch" + i, "Chargers", "charger " + i, 20, false, 20));
    items.forEach(item -> catalog.put(item.id(), item));
    index.upsert(items);
    index.refresh();
    train();
  }

  private static Item item(
      String id, String category, String title, double price, boolean sale, int daysOld) {
    return new Item(
        id,
        title,
        "a " + category.toLowerCase() + " item",
        null,
        null,
        List.of("Electronics", category),
        id.hashCode() % 2 == 0 ? "Acme" : "Zeta",
        price,
        sale ? price * 1.25 : null,
        5,
        true,
        List.of(),
        Map.of(),
        NOW.minus(Duration.ofDays(daysOld)));
  }

  @AfterEach
  void tearDown() throws Exception {
    index.close();
  }

  /**
   * Buyers of each phone buy its case; buyers of ph3 also buy ph6; shoppers compare ph1-ph5 without
   * buying; viewers of ph2 buy charger ch1; many shoppers buy chargers alone.
   */
  private void train() {
    ModelBuilder builder = new ModelBuilder(IndicatorSpec.standard());
    PopularityCounter popularity =
        new PopularityCounter(NOW.minus(Duration.ofDays(30)), Duration.ofDays(7));
    int[] shopper = {0};
    for (int i = 1; i <= 6; i++) group(builder, popularity, shopper, List.of(), "ph" + i, "c" + i);
    group(builder, popularity, shopper, List.of(), "ph3", "ph6");
    group(builder, popularity, shopper, List.of("ph1", "ph2", "ph3", "ph4", "ph5"));
    group(builder, popularity, shopper, List.of("ph2"), "ch1");
    for (int i = 0; i < 4; i++) group(builder, popularity, shopper, List.of("ch2"), "ch3");
    index.swapModel(builder.build(popularity.snapshot(NOW), NOW));
  }

  /** Six shoppers who each view {@code viewed} and buy {@code bought}. */
  private static void group(
      ModelBuilder builder,
      PopularityCounter popularity,
      int[] shopper,
      List<String> viewed,
      String... bought) {
    for (int repeat = 0; repeat < 6; repeat++) {
      String key = "v:s" + shopper[0]++;
      for (String id : viewed) builder.add(key, EventType.VIEW_ITEM, id);
      for (String id : bought) {
        builder.add(key, EventType.PURCHASE, id);
        popularity.record(event(EventType.PURCHASE, key, id));
      }
    }
  }

  private static Event event(EventType type, String visitor, String itemId) {
    return new Event(
        type, visitor, null, List.of(EventItem.of(itemId)), null, null, null, NOW.minusSeconds(60));
  }

  private Recommendations ask(RecommendationRequest.Builder request) {
    return recommender.recommend(request.build());
  }

  private Recommendations forItem(String algorithm, String item) {
    return ask(RecommendationRequest.builder(algorithm).item(item).limit(4));
  }

  private static List<String> ids(Recommendations r) {
    return r.items().stream().map(i -> i.item().id()).toList();
  }

  private static List<String> from(Recommendations r, String source) {
    return r.items().stream()
        .filter(i -> i.source().equals(source))
        .map(i -> i.item().id())
        .toList();
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
    profiles.apply(event(EventType.PURCHASE, "alice", "ph5"));
    Recommendations r =
        ask(RecommendationRequest.builder("category_personal").visitor("alice").category("Cases"));
    assertEquals("c5", ids(r).get(0), "the case of alice's phone");
    assertAll(r, item -> item.leafCategory().equals("Cases"), "a case");
  }

  @Test
  void newArrivalsShowAnItemUpsertedAMomentAgoFirst() throws Exception {
    Recommendations before = ask(RecommendationRequest.builder("new_arrivals").limit(3));
    assertEquals(List.of("ph1", "ph2", "ph3"), ids(before), "newest by the store's dates");
    Item fresh = item("ph7", "Phones", "phone 7", 700, false, 0);
    catalog.put("ph7", fresh);
    index.upsert(List.of(fresh));
    index.refresh();
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
    profiles.apply(event(EventType.PURCHASE, "bob", "c4"));
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
    profiles.apply(event(EventType.ADD_TO_CART, "carol", "c6"));
    Recommendations left = ask(RecommendationRequest.builder("abandoned_cart").visitor("carol"));
    assertEquals(List.of("c6"), from(left, "abandoned_cart"));
    assertTrue(left.items().size() > 1, "fallbacks fill the rest of the block");
    profiles.apply(event(EventType.PURCHASE, "carol", "c6"));
    Recommendations bought = ask(RecommendationRequest.builder("abandoned_cart").visitor("carol"));
    assertTrue(from(bought, "abandoned_cart").isEmpty(), ids(bought).toString());
    assertFalse(bought.items().isEmpty(), "fallbacks still fill the block");
  }

  @Test
  void emailPersonalIgnoresTheSessionCart() {
    profiles.apply(event(EventType.PURCHASE, "dan", "ph1"));
    Recommendations plain = ask(RecommendationRequest.builder("email_personal").visitor("dan"));
    Recommendations withCart =
        ask(RecommendationRequest.builder("email_personal").visitor("dan").cart(List.of("ph6")));
    assertEquals("c1", ids(plain).get(0));
    assertEquals(ids(plain), ids(withCart));
  }

  @Test
  void favoriteBrandsProposeTheBrandTheShopperBuys() {
    String brand = catalog.get("c1").brand();
    profiles.apply(event(EventType.PURCHASE, "fay", "c1"));
    profiles.apply(event(EventType.VIEW_ITEM, "fay", "c1"));
    Recommendations r =
        ask(RecommendationRequest.builder("favorite_brands").visitor("fay").limit(3));
    assertAll(r, item -> item.brand().equals(brand), "of " + brand);
    assertTrue(r.items().get(0).explanation().contains(brand));
  }

  @Test
  void favoriteCategoriesRankTheMostBoughtCategoryFirst() {
    profiles.apply(event(EventType.PURCHASE, "gus", "ch2"));
    profiles.apply(event(EventType.VIEW_ITEM, "gus", "ph1"));
    Recommendations r =
        ask(RecommendationRequest.builder("favorite_categories").visitor("gus").limit(4));
    assertEquals(
        List.of("Chargers", "Chargers", "Phones", "Phones"),
        ids(r).stream().map(id -> catalog.get(id).leafCategory()).toList(),
        "a purchase counts more than a view: " + ids(r));
  }

  @Test
  void priceDropReactsToACatalogUpdate() throws Exception {
    profiles.apply(event(EventType.VIEW_ITEM, "hal", "c5"));
    Recommendations before = ask(RecommendationRequest.builder("price_drop").visitor("hal"));
    assertTrue(from(before, "price_drop").isEmpty(), ids(before).toString());
    Item discounted = item("c5", "Cases", "case for phone 5", 40, true, 15);
    index.upsert(List.of(discounted));
    index.refresh();
    Recommendations after = ask(RecommendationRequest.builder("price_drop").visitor("hal"));
    assertEquals(List.of("c5"), from(after, "price_drop"));
  }

  @Test
  void everyAlgorithmOfTheCatalogueFillsABlockWithExplanations() {
    profiles.apply(event(EventType.PURCHASE, "erin", "ph2"));
    profiles.apply(event(EventType.ADD_TO_CART, "erin", "c6"));
    for (Algorithm algorithm : recommender.algorithms().all()) {
      RecommendationRequest.Builder request =
          RecommendationRequest.builder(algorithm.name()).visitor("erin").limit(3);
      if (algorithm.requires().contains(ContextKind.ITEM)) request.item("ph3");
      if (algorithm.requires().contains(ContextKind.CATEGORY)) request.category("Phones");
      if (algorithm.requires().contains(ContextKind.CART)) request.cart(List.of("ph3"));
      Recommendations r = ask(request);
      assertFalse(r.items().isEmpty(), algorithm.name() + " returned nothing");
      assertExplained(r);
    }
  }
}
