package io.vitrina.engine.algorithm;

import static io.vitrina.engine.algorithm.SmallStore.from;
import static io.vitrina.engine.algorithm.SmallStore.ids;
import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.rule.BusinessRules;
import io.vitrina.engine.rule.PropertyRule;
import io.vitrina.engine.signal.EventType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A block's merchandising rules, applied inside the queries of its algorithm and fallbacks. */
class BusinessRulesTest {
  private SmallStore store;

  @BeforeEach
  void setUp() throws Exception {
    store = new SmallStore();
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  private Recommendations ask(String algorithm, BusinessRules rules, int limit) {
    return store.ask(RecommendationRequest.builder(algorithm).rules(rules).limit(limit));
  }

  private static BusinessRules rules(PropertyRule... rules) {
    return new BusinessRules(List.of(rules), List.of(), List.of(), null, null, 0);
  }

  private static PropertyRule values(String property, double bias, String... values) {
    return new PropertyRule(property, List.of(values), null, null, bias);
  }

  private Item item(String id) {
    return store.catalog.get(id);
  }

  @Test
  void aNegativeBiasKeepsOnlyMatchingItemsFallbacksIncluded() {
    Recommendations r = ask("popular", rules(values("brand", -1, "Zeta")), 15);
    assertFalse(r.items().isEmpty());
    for (String id : ids(r)) assertEquals("Zeta", item(id).brand(), id);
    long zeta = store.catalog.values().stream().filter(i -> "Zeta".equals(i.brand())).count();
    assertEquals(zeta, ids(r).size(), "every Zeta item, nothing else");
  }

  @Test
  void aZeroBiasLeavesMatchingItemsOut() {
    Recommendations r = ask("popular", rules(values("category", 0, "Phones")), 15);
    assertEquals(9, ids(r).size(), "six cases and three chargers");
    for (String id : ids(r)) assertNotEquals("Phones", item(id).leafCategory(), id);
  }

  @Test
  void aPositiveBiasMovesMatchingItemsUp() {
    List<String> plain = ids(ask("popular", BusinessRules.NONE, 15));
    Recommendations boosted = ask("popular", rules(values("category", 1000, "Cases")), 15);
    assertNotEquals("Cases", item(plain.get(0)).leafCategory(), "cases do not lead by demand");
    for (String id : ids(boosted).subList(0, 6)) assertEquals("Cases", item(id).leafCategory());
    assertEquals(
        Set.copyOf(plain), Set.copyOf(ids(boosted)), "a boost reorders, it does not filter");
  }

  @Test
  void aBoostAlsoReordersAlgorithmsThatRankBeforeTheIndex() {
    store.apply(EventType.VIEW_ITEM, "ann", "ph1");
    store.apply(EventType.VIEW_ITEM, "ann", "c2");
    store.apply(EventType.VIEW_ITEM, "ann", "ph3");
    BusinessRules casesFirst = rules(values("category", 5, "Cases"));
    Recommendations r =
        store.ask(
            RecommendationRequest.builder("recently_viewed").visitor("ann").rules(casesFirst));
    assertEquals(List.of("c2", "ph3", "ph1"), from(r, "recently_viewed"));
  }

  @Test
  void numericRangesMatchPricesAndNumericAttributes() {
    PropertyRule midPrice = new PropertyRule("price", List.of(), 150.0, 450.0, -1);
    for (String id : ids(ask("popular", rules(midPrice), 15))) {
      double price = item(id).price();
      assertTrue(price >= 150 && price <= 450, id + " costs " + price);
    }
    PropertyRule wellRated = new PropertyRule("attr.rating", List.of(), 4.0, null, -1);
    assertEquals(
        Set.of("ph4", "ph5", "ph6"), Set.copyOf(ids(ask("popular", rules(wellRated), 15))));
  }

  @Test
  void pinnedItemsTakeTheirPlacesOnceAndSoldOutOnesAreSkipped() throws Exception {
    store.upsert(List.of(SmallStore.withStock(item("ch3"), 0)));
    BusinessRules pins =
        new BusinessRules(
            List.of(),
            List.of(
                new BusinessRules.Pin("ch2", 1),
                new BusinessRules.Pin("c6", 3),
                new BusinessRules.Pin("ch3", 2)),
            List.of(),
            null,
            null,
            0);
    Recommendations r = ask("popular", pins, 5);
    assertEquals(5, ids(r).size());
    assertEquals("ch2", ids(r).get(0));
    assertEquals("c6", ids(r).get(2));
    assertEquals("pinned", r.items().get(0).source());
    assertEquals("promoted by the store", r.items().get(0).explanation());
    assertFalse(ids(r).contains("ch3"), "sold out");
    assertEquals(5, new HashSet<>(ids(r)).size(), "no item twice");
  }

  @Test
  void theBlacklistKeepsItemsOutOfEveryAlgorithmOfTheBlock() {
    List<String> plain = ids(ask("popular", BusinessRules.NONE, 4));
    BusinessRules blacklist =
        new BusinessRules(List.of(), List.of(), plain.subList(0, 2), null, null, 0);
    List<String> without = ids(ask("popular", blacklist, 4));
    assertEquals(4, without.size());
    assertFalse(without.contains(plain.get(0)) || without.contains(plain.get(1)), "" + without);
  }

  @Test
  void diversityCapsLimitItemsPerCategoryAndBrand() {
    BusinessRules onePerCategory = new BusinessRules(List.of(), List.of(), List.of(), null, 1, 0);
    Recommendations r = ask("popular", onePerCategory, 10);
    assertEquals(
        3, ids(r).size(), "one phone, one case, one charger: the caps beat the block size");
    assertEquals(3, ids(r).stream().map(id -> item(id).leafCategory()).distinct().count());
    BusinessRules twoPerBrand = new BusinessRules(List.of(), List.of(), List.of(), 2, null, 0);
    Map<String, Integer> brands = new HashMap<>();
    for (String id : ids(ask("popular", twoPerBrand, 10)))
      brands.merge(item(id).brand(), 1, Integer::sum);
    assertTrue(brands.values().stream().allMatch(n -> n <= 2), brands.toString());
  }

  @Test
  void ditheringShufflesTheSameItemsStablyPerShopper() {
    BusinessRules dithered = new BusinessRules(List.of(), List.of(), List.of(), null, null, 3);
    List<String> plain = ids(ask("popular", BusinessRules.NONE, 10));
    boolean reordered = false;
    for (int s = 0; s < 20; s++) {
      RecommendationRequest.Builder request =
          RecommendationRequest.builder("popular").visitor("v" + s).rules(dithered);
      List<String> first = ids(store.ask(request));
      assertEquals(first, ids(store.ask(request)), "the same shopper sees the same order");
      assertEquals(Set.copyOf(plain), Set.copyOf(first));
      reordered |= !first.equals(plain);
    }
    assertTrue(reordered, "some shopper sees another order");
  }

  @Test
  void itemsTheShopperKeepsIgnoringSinkOutOfARotatingBlock() {
    BusinessRules rotating = new BusinessRules(List.of(), List.of(), List.of(), null, null, 0, 3);
    RecommendationRequest.Builder request =
        RecommendationRequest.builder("popular").visitor("kim").rules(rotating).limit(5);
    List<String> first = ids(store.ask(request));
    for (int shown = 0; shown < 3; shown++) {
      for (String id : first.subList(0, 2)) store.apply(EventType.VIEW_ITEM_LIST, "kim", id);
    }
    List<String> rotated = ids(store.ask(request));
    assertEquals(5, rotated.size());
    assertFalse(rotated.contains(first.get(0)) || rotated.contains(first.get(1)), "" + rotated);
    assertEquals(first.subList(2, 5), rotated.subList(0, 3), "the others move up, in order");
    store.apply(EventType.SELECT_ITEM, "kim", first.get(0));
    assertTrue(ids(store.ask(request)).contains(first.get(0)), "a click brings it back");
    assertEquals(first, ids(ask("popular", BusinessRules.NONE, 5)), "no rotation, no change");
  }

  @Test
  void rulesAreCheckedWhenMade() {
    assertThrows(IllegalArgumentException.class, () -> values("colour", -1, "red"));
    assertThrows(
        IllegalArgumentException.class, () -> new PropertyRule("brand", List.of(), 1.0, 2.0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new PropertyRule("price", List.of(), 5.0, 1.0, -1));
    assertThrows(IllegalArgumentException.class, () -> new BusinessRules.Pin("x", 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BusinessRules(List.of(), List.of(), List.of(), 0, null, 0));
  }
}
