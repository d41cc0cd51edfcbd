package io.vitrina.engine.algorithm;

import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Signal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every explanation template checked against the events that produced the answer: a count in a
 * sentence is the number of shoppers the events show did both things (each once, whatever the order
 * or the orders they were in), a named history item is the shopper's own, "in your cart" is said of
 * items in the cart, and a new item whose indicators were borrowed says whose they are.
 */
class ExplanationsTest {
  private EventStore store;

  @BeforeEach
  void setUp() throws Exception {
    store = new EventStore();
    store.upsert(
        EventStore.item("p1", "Lumio One", "Phones", "Lumio", 300),
        EventStore.item("p2", "Lumio Two", "Phones", "Lumio", 500),
        EventStore.item("p3", "Pixo Three", "Phones", "Pixo", 400),
        EventStore.item("p4", "Pixo Four", "Phones", "Pixo", 200),
        EventStore.item("c1", "Lumio One case", "Cases", "Lumio", 20),
        EventStore.item("c2", "Pixo Three case", "Cases", "Pixo", 25),
        EventStore.item("ch1", "Fast charger", "Chargers", "Volt", 15, 18.0, 30));
    for (int k = 1; k <= 8; k++)
      store.upsert(EventStore.item("f" + k, "filler " + k, "Misc", "Misc", 5));

    // Three shoppers compare p1 and p3 on different days; cv1 comes back to both: still one.
    for (String v : List.of("cv1", "cv2", "cv3")) {
      store.did(v, EventType.VIEW_ITEM, "p1", 10);
      store.did(v, EventType.VIEW_ITEM, "p3", 8);
    }
    store.did("cv1", EventType.VIEW_ITEM, "p1", 7);
    store.did("cv1", EventType.VIEW_ITEM, "p3", 6);
    store.did("cv1", EventType.VIEW_ITEM, "p3", 5);
    // Two of them also look at the pricier p2 and the cheaper p4.
    for (String v : List.of("cv1", "cv2")) {
      store.did(v, EventType.VIEW_ITEM, "p2", 8);
      store.did(v, EventType.VIEW_ITEM, "p4", 8);
    }
    // Two customers buy p1, and its case eight days later in another order.
    for (String v : List.of("cb1", "cb2")) {
      store.did(v, EventType.PURCHASE, "p1", 20);
      store.did(v, EventType.PURCHASE, "c1", 12);
    }
    // Three shoppers look at p2, and buy the charger days later.
    for (String v : List.of("vb1", "vb2", "vb3")) {
      store.did(v, EventType.VIEW_ITEM, "p2", 9);
      store.did(v, EventType.PURCHASE, "ch1", 3);
    }
    // Two shoppers search "gift for dad" and cart the charger.
    for (String v : List.of("s1", "s2")) {
      store.searched(v, "gift for dad", 5);
      store.did(v, EventType.ADD_TO_CART, "ch1", 5);
    }
    // Background: shoppers who look at and buy one filler each, so that the pairs above stand out.
    for (int k = 0; k < 10; k++) {
      store.did("bg" + k, EventType.VIEW_ITEM, "f" + (k % 8 + 1), 4);
      store.did("bg" + k, EventType.PURCHASE, "f" + (k % 8 + 1), 4);
      store.searched("bg" + k, "filler", 4);
    }
    // Two shoppers of Kazan buy filler 3.
    store.boughtIn("Kazan", "kz1", "f3", 2);
    store.boughtIn("Kazan", "kz2", "f3", 2);
    store.build();
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  private Recommendations forItem(String algorithm, String item) {
    return store.ask(RecommendationRequest.builder(algorithm).item(item).limit(10));
  }

  private static Optional<RecommendedItem> find(Recommendations r, String itemId) {
    return r.items().stream().filter(i -> i.item().id().equals(itemId)).findFirst();
  }

  private static String explanationOf(Recommendations r, String itemId) {
    return find(r, itemId)
        .map(RecommendedItem::explanation)
        .orElseThrow(() -> new AssertionError(itemId + " is not in " + r.items()));
  }

  private String title(String id) {
    return store.title(id);
  }

  @Test
  void alsoViewedCountsTheShoppersWhoViewedBothOnceEach() {
    int together = store.together(Signal.VIEW, "p1", Signal.VIEW, "p3");
    assertEquals(3, together, "cv1 viewed both three times and counts once");
    assertEquals(
        together + " shoppers who viewed “Lumio One” also viewed this",
        explanationOf(forItem("also_viewed", "p1"), "p3"));
  }

  @Test
  void alsoBoughtCountsCustomersWhoBoughtBothEvenInSeparateOrders() {
    int together = store.together(Signal.BUY, "p1", Signal.BUY, "c1");
    assertEquals(2, together);
    assertEquals(
        together + " customers who bought “Lumio One” also bought this",
        explanationOf(forItem("also_bought", "p1"), "c1"));
    assertEquals(
        "goes with “Lumio One”: " + together + " customers who bought it also bought this",
        explanationOf(forItem("cross_sell", "p1"), "c1"));
  }

  @Test
  void substitutesCountTheirCoViewers() {
    Recommendations alternatives = forItem("alternatives", "p3");
    for (String other : List.of("p1", "p2", "p4")) {
      assertEquals(
          "an alternative to “Pixo Three”: "
              + store.together(Signal.VIEW, "p3", Signal.VIEW, other)
              + " shoppers who looked at it looked at this too",
          explanationOf(alternatives, other));
    }
    assertEquals(
        "a step up from “Pixo Three”: "
            + store.together(Signal.VIEW, "p3", Signal.VIEW, "p2")
            + " shoppers who viewed it viewed this too",
        explanationOf(forItem("upsell", "p3"), "p2"));
    assertEquals(
        "a cheaper choice than “Pixo Three”: "
            + store.together(Signal.VIEW, "p3", Signal.VIEW, "p4")
            + " shoppers who viewed it viewed this too",
        explanationOf(forItem("cheaper", "p3"), "p4"));
  }

  @Test
  void viewedThenBoughtCountsTheViewersWhoBought() {
    int together = store.together(Signal.VIEW, "p2", Signal.BUY, "ch1");
    assertEquals(3, together);
    assertEquals(
        together + " shoppers who viewed “Lumio Two” bought this",
        explanationOf(forItem("viewed_then_bought", "p2"), "ch1"));
  }

  @Test
  void itemCfCountsTheCoViewers() {
    assertEquals(
        store.together(Signal.VIEW, "p3", Signal.VIEW, "p1")
            + " shoppers who looked at “Pixo Three” looked at this too",
        explanationOf(forItem("item_cf", "p3"), "p1"));
  }

  @Test
  void searchToItemsCountsTheSearchersWhoChoseTheItem() {
    int together =
        store.together(Signal.SEARCH, Signal.searchTerm("gift for dad"), Signal.ENGAGE, "ch1");
    assertEquals(2, together);
    Recommendations r =
        store.ask(RecommendationRequest.builder("search_to_items").query("Gift for dad"));
    assertEquals(
        together + " shoppers who searched “Gift for dad” chose this", explanationOf(r, "ch1"));
  }

  /** A new item like p1 and p2, upserted after the model: it has no events of its own. */
  private void newLumio() {
    store.upsert(EventStore.item("p5", "Lumio One Max", "Phones", "Lumio", 350, null, 0));
    assertFalse(store.anyEventNames("p5"));
  }

  /**
   * Whether {@code sentence} is {@code template} true of one look-alike {@code L} of the new item:
   * formatted with L's title and the count of shoppers the events show did {@code a} on L and
   * {@code b} on {@code other} (at least the model's minimum of 2).
   */
  private boolean trueOfALender(
      String sentence, String template, Signal a, Signal b, String other, Object... before) {
    for (Item lender : store.catalog.values()) {
      if (lender.id().equals("p5")) continue;
      int together = store.together(a, lender.id(), b, other);
      if (together < 2) continue;
      Object[] args = new Object[before.length + 2];
      System.arraycopy(before, 0, args, 0, before.length);
      args[before.length] = together;
      args[before.length + 1] = title(lender.id());
      if (template.formatted(args).equals(sentence)) return true;
    }
    return false;
  }

  @Test
  void aNewItemsPageNamesTheLookAlikeWhoseShoppersItsBlocksAreAbout() {
    newLumio();
    Recommendations alsoViewed = forItem("also_viewed", "p5");
    assertFalse(SmallStore.from(alsoViewed, "also_viewed").isEmpty(), alsoViewed.toString());
    for (RecommendedItem one : alsoViewed.items()) {
      if (!one.source().equals("also_viewed")) continue;
      assertTrue(
          trueOfALender(
              one.explanation(),
              "%s is new, like %3$s: %2$d shoppers who viewed %3$s also viewed this",
              Signal.VIEW,
              Signal.VIEW,
              one.item().id(),
              title("p5")),
          one.explanation());
    }
    assertTrue(
        trueOfALender(
            explanationOf(forItem("also_bought", "p5"), "c1"),
            "%s is new, like %3$s: %2$d customers who bought %3$s also bought this",
            Signal.BUY,
            Signal.BUY,
            "c1",
            title("p5")));
    assertTrue(
        trueOfALender(
            explanationOf(forItem("cross_sell", "p5"), "c1"),
            "goes with %s, new, like %3$s: %2$d customers who bought %3$s also bought this",
            Signal.BUY,
            Signal.BUY,
            "c1",
            title("p5")));
  }

  @Test
  void aNewItemMatchedThroughABorrowedIndicatorSaysWhoseShoppersMatched() {
    newLumio();
    store.did("joy", EventType.VIEW_ITEM, "p3", 0);
    Recommendations r = store.ask(RecommendationRequest.builder("personal").visitor("joy"));
    assertTrue(
        trueOfALender(
            explanationOf(r, "p5"),
            "new, like %3$s, which shoppers who viewed %1$s, as you did, also viewed",
            Signal.VIEW,
            Signal.VIEW,
            "p3",
            title("p3")),
        explanationOf(r, "p5"));
    // Its look-alike, reached through its own co-views, says so plainly.
    assertEquals("because you viewed “Pixo Three”", explanationOf(r, "p1"));
  }

  @Test
  void aNewItemHoldingThePageItemThroughABorrowedIndicatorSaysWhoseBuyersViewedIt() {
    newLumio();
    // p1's buyers viewed (bought) c1; p5 borrowed that from p1.
    Recommendations r = forItem("viewed_then_bought", "c1");
    assertEquals(
        store.together(Signal.VIEW, "c1", Signal.BUY, "p1")
            + " shoppers who viewed “Lumio One case” bought this",
        explanationOf(r, "p1"));
    assertTrue(
        trueOfALender(
            explanationOf(r, "p5"),
            "new, like %3$s, which %2$d shoppers who viewed %1$s bought",
            Signal.BUY,
            Signal.VIEW,
            "c1",
            title("c1")),
        explanationOf(r, "p5"));
  }

  @Test
  void historyReasonsNameTheShoppersOwnItems() {
    store.did("ann", EventType.VIEW_ITEM, "p3", 1);
    store.did("ann", EventType.PURCHASE, "c1", 0);
    Recommendations r = store.ask(RecommendationRequest.builder("personal").visitor("ann"));
    assertEquals("because you bought “Lumio One case”", explanationOf(r, "p1"));
    assertEquals("because you viewed “Pixo Three”", explanationOf(r, "p4"));
  }

  @Test
  void inYourCartIsSaidOnlyOfItemsInTheCart() {
    // The cart the events built: c1 carted and kept, p3 carted and taken out again.
    store.did("kim", EventType.ADD_TO_CART, "c1", 0);
    store.did("kim", EventType.ADD_TO_CART, "p3", 0);
    store.did("kim", EventType.REMOVE_FROM_CART, "p3", 0);
    Recommendations fromEvents =
        store.ask(RecommendationRequest.builder("cart_cross_sell").visitor("kim"));
    assertTrue(store.together(Signal.BUY, "c1", Signal.BUY, "p1") >= 2);
    assertEquals(
        "customers who bought “Lumio One case” (in your cart) also bought this",
        explanationOf(fromEvents, "p1"));
    for (RecommendedItem one : fromEvents.items())
      assertFalse(one.explanation().contains("Pixo Three"), "p3 left the cart: " + one);

    // The storefront's cart, for a shopper the service does not know yet.
    Recommendations fromPage =
        store.ask(RecommendationRequest.builder("cart_cross_sell").cart(List.of("p3")));
    assertEquals(
        "shoppers who looked at “Pixo Three” (in your cart) also looked at this",
        explanationOf(fromPage, "p1"));

    // Bought: out of the cart, and out of every "in your cart".
    store.did("kim", EventType.PURCHASE, "c1", 0);
    Recommendations after =
        store.ask(RecommendationRequest.builder("cart_cross_sell").visitor("kim"));
    for (RecommendedItem one : after.items())
      assertFalse(one.explanation().contains("in your cart"), one.toString());
  }

  @Test
  void boughtTogetherReadsThePageItemAndTheCartTheEventsBuilt() {
    store.did("lee", EventType.ADD_TO_CART, "p1", 0);
    Recommendations r =
        store.ask(RecommendationRequest.builder("bought_together").visitor("lee").item("ch1"));
    assertEquals(
        "customers who bought “Lumio One” (in your cart) also bought this", explanationOf(r, "c1"));
    assertEquals("bought_together", find(r, "c1").orElseThrow().source());
  }

  @Test
  void popularIsSaidOnlyOfItemsWithDemand() {
    Recommendations r = store.ask(RecommendationRequest.builder("popular").limit(20));
    assertEquals("popular in the store", explanationOf(r, "ch1"));
    assertFalse(store.anyEventNames("c2"));
    assertEquals("in the store, no demand recorded yet", explanationOf(r, "c2"));
    Recommendations personal =
        store.ask(RecommendationRequest.builder("personal").visitor("ann").limit(20));
    assertEquals("in the store, no demand recorded yet", explanationOf(personal, "c2"));
  }

  @Test
  void newArrivalsSayWhenTheStoreDatedThem() {
    store.upsert(EventStore.item("n1", "new thing", "Misc", "Misc", 5, null, 0));
    store.upsert(EventStore.item("n2", "newish thing", "Misc", "Misc", 5, null, 1));
    Recommendations r = store.ask(RecommendationRequest.builder("new_arrivals").limit(20));
    assertEquals("one of the newest in the store, added today", explanationOf(r, "n1"));
    assertEquals("one of the newest in the store, added yesterday", explanationOf(r, "n2"));
    assertEquals("one of the newest in the store, added 30 days ago", explanationOf(r, "p1"));
  }

  @Test
  void theShoppersOwnListsSayWhatTheShopperDid() {
    store.did("mia", EventType.VIEW_ITEM, "ch1", 1);
    store.did("mia", EventType.VIEW_ITEM, "p2", 0);
    store.did("mia", EventType.ADD_TO_CART, "p4", 0);
    assertEquals(
        "you viewed this recently",
        explanationOf(
            store.ask(RecommendationRequest.builder("recently_viewed").visitor("mia")), "p2"));
    Recommendations drops = store.ask(RecommendationRequest.builder("price_drop").visitor("mia"));
    assertEquals(List.of("ch1"), SmallStore.ids(drops), "ch1 is the only discounted view");
    assertEquals("you viewed this, and it is on sale", explanationOf(drops, "ch1"));
    assertEquals(
        "in your cart",
        explanationOf(
            store.ask(RecommendationRequest.builder("abandoned_cart").visitor("mia")), "p4"));
  }

  @Test
  void favouritesNameWhatTheShopperBoughtOrViewed() {
    store.did("ned", EventType.PURCHASE, "p3", 1);
    assertEquals(
        "from Pixo, a brand you like",
        explanationOf(
            store.ask(RecommendationRequest.builder("favorite_brands").visitor("ned")), "p4"));
    assertEquals(
        "from Phones, a category you like",
        explanationOf(
            store.ask(RecommendationRequest.builder("favorite_categories").visitor("ned")), "p4"));
  }

  @Test
  void regionalBestSellersWereBoughtInTheRegion() {
    store.boughtIn("Kazan", "olga", "f1", 0);
    Recommendations r = store.ask(RecommendationRequest.builder("geo_popular").visitor("olga"));
    assertEquals("popular in Kazan", explanationOf(r, "f3"));
    assertTrue(store.regionsOfPurchases("f3").contains("Kazan"));
  }
}
