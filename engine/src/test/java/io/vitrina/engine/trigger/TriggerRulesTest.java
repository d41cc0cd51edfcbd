package io.vitrina.engine.trigger;

import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.profile.ProfileView;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Transaction;
import io.vitrina.engine.trigger.CatalogFacts.ItemFact;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TriggerRulesTest {
  private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
  private final ProfileStore store = new ProfileStore();
  private final Map<String, ItemFact> catalog = new HashMap<>();
  private final TriggerRules rules = new TriggerRules(TriggerSettings.DEFAULTS);

  TriggerRulesTest() {
    for (String id : List.of("a", "b", "c", "d", "e")) stocked(id, 100, null, "shoes");
  }

  private void stocked(String id, double price, Double oldPrice, String category) {
    catalog.put(id, new ItemFact(price, oldPrice, true, category, null));
  }

  private void event(EventType type, Instant at, String query, String... items) {
    List<EventItem> lines =
        java.util.Arrays.stream(items).map(id -> new EventItem(id, 1, 100)).toList();
    Transaction tx =
        type == EventType.PURCHASE ? new Transaction("o-" + at.toEpochMilli(), 100.0, "RUB") : null;
    store.apply(new Event(type, "v1", null, lines, query, null, null, at, null, tx));
  }

  private ProfileView profile() {
    return store.view("v1", null);
  }

  private List<TriggerKind> dueKinds(Instant now) {
    return rules.due(profile(), catalog::get, now).stream().map(Firing::kind).toList();
  }

  private Firing fired(Instant now) {
    return rules.decide(profile(), Sent.NONE, catalog::get, now).fire();
  }

  private static Instant at(Duration d) {
    return T0.plus(d);
  }

  @Test
  void anAbandonedCartFiresAfterItsDelayNotBeforeWithTheCart() {
    event(EventType.ADD_TO_CART, T0, null, "a");
    assertNull(fired(at(Duration.ofMinutes(59))));
    Firing f = fired(at(Duration.ofMinutes(61)));
    assertEquals(TriggerKind.ABANDONED_CART, f.kind());
    assertEquals(List.of("a"), f.basket());
    assertEquals(T0.toString(), f.occasion());
    assertNull(fired(at(Duration.ofDays(8))), "past its window");
  }

  @Test
  void aPurchaseClearsTheCartAndNoCartMessageComesForDaysAfterIt() {
    event(EventType.ADD_TO_CART, T0, null, "a");
    event(EventType.PURCHASE, T0.plusSeconds(60), null, "a");
    event(EventType.ADD_TO_CART, T0.plusSeconds(120), null, "b");
    assertFalse(dueKinds(at(Duration.ofHours(2))).contains(TriggerKind.ABANDONED_CART));
    assertTrue(dueKinds(at(Duration.ofDays(3).plusHours(1))).contains(TriggerKind.ABANDONED_CART));
  }

  @Test
  void aCartWhoseItemGotCheaperOutranksThePlainCart() {
    event(EventType.ADD_TO_CART, T0, null, "a");
    stocked("a", 80, 100.0, "shoes");
    Decision d = rules.decide(profile(), Sent.NONE, catalog::get, at(Duration.ofHours(2)));
    assertEquals(TriggerKind.ABANDONED_CART_CHEAPER, d.fire().kind());
    assertEquals("a", d.fire().item());
    assertTrue(d.suppressed().stream().anyMatch(f -> f.kind() == TriggerKind.ABANDONED_CART));
  }

  @Test
  void anItemViewedRepeatedlyFiresAbandonedViewUnlessCarted() {
    event(EventType.VIEW_ITEM, T0, null, "a");
    event(EventType.VIEW_ITEM, T0.plusSeconds(10), null, "b");
    event(EventType.VIEW_ITEM, T0.plusSeconds(20), null, "a");
    assertNull(fired(at(Duration.ofHours(1))));
    Firing f = fired(at(Duration.ofHours(2).plusSeconds(30)));
    assertEquals(TriggerKind.ABANDONED_VIEW, f.kind());
    assertEquals("a", f.item());
    event(EventType.ADD_TO_CART, T0.plusSeconds(30), null, "a");
    assertEquals(TriggerKind.ABANDONED_CART, fired(at(Duration.ofHours(3))).kind(), "cart wins");
    assertFalse(dueKinds(at(Duration.ofHours(3))).contains(TriggerKind.ABANDONED_VIEW));
  }

  @Test
  void aViewedItemOnceIsNoAbandonedView() {
    event(EventType.VIEW_ITEM, T0, null, "a");
    assertFalse(dueKinds(at(Duration.ofHours(3))).contains(TriggerKind.ABANDONED_VIEW));
  }

  @Test
  void aWatchedItemOutOfStockBringsAlternativesThenStillOutOfStock() {
    event(EventType.VIEW_ITEM, T0, null, "a");
    event(EventType.VIEW_ITEM, T0.plusSeconds(20), null, "a");
    catalog.put("a", new ItemFact(100, null, false, "shoes", null));
    assertEquals(TriggerKind.ABANDONED_VIEW_OUT_OF_STOCK, fired(at(Duration.ofMinutes(61))).kind());
    assertEquals("alternatives", TriggerKind.ABANDONED_VIEW_OUT_OF_STOCK.algorithm());
    Firing later = fired(at(Duration.ofDays(3).plusMinutes(1)));
    assertEquals(TriggerKind.STILL_OUT_OF_STOCK, later.kind());
    assertEquals("a", later.item());
  }

  @Test
  void aWatchedItemThatGotCheaperOutranksThePlainView() {
    event(EventType.VIEW_ITEM, T0, null, "a");
    event(EventType.VIEW_ITEM, T0.plusSeconds(20), null, "a");
    stocked("a", 90, null, "shoes");
    assertEquals(TriggerKind.ABANDONED_VIEW_CHEAPER, fired(at(Duration.ofHours(3))).kind());
    stocked("a", 97, null, "shoes");
    assertEquals(
        TriggerKind.ABANDONED_VIEW, fired(at(Duration.ofHours(3))).kind(), "3% is below 5%");
  }

  @Test
  void threeItemsOfOneCategoryMakeAnAbandonedCategory() {
    stocked("x", 10, null, "bags");
    event(EventType.VIEW_ITEM, T0, null, "a");
    event(EventType.VIEW_ITEM, T0.plusSeconds(10), null, "b");
    assertFalse(dueKinds(at(Duration.ofHours(4))).contains(TriggerKind.ABANDONED_CATEGORY));
    event(EventType.VIEW_ITEM, T0.plusSeconds(20), null, "c");
    event(EventType.VIEW_ITEM, T0.plusSeconds(30), null, "x");
    assertNull(fired(at(Duration.ofHours(2))));
    Firing f = fired(at(Duration.ofHours(3).plusMinutes(1)));
    assertEquals(TriggerKind.ABANDONED_CATEGORY, f.kind());
    assertEquals("shoes", f.category());
  }

  @Test
  void aSearchLeftWithoutCartOrPurchaseIsAbandonedAndOutrankedByACategory() {
    event(EventType.SEARCH, T0, "red shoes");
    assertNull(fired(at(Duration.ofHours(2))));
    Firing f = fired(at(Duration.ofHours(3).plusMinutes(1)));
    assertEquals(TriggerKind.ABANDONED_SEARCH, f.kind());
    assertEquals("red shoes", f.query());
    for (String id : List.of("a", "b", "c"))
      event(EventType.VIEW_ITEM, T0.plusSeconds(5), null, id);
    Decision d =
        rules.decide(profile(), Sent.NONE, catalog::get, at(Duration.ofHours(3).plusMinutes(1)));
    assertEquals(TriggerKind.ABANDONED_CATEGORY, d.fire().kind());
    assertTrue(d.suppressed().stream().anyMatch(s -> s.kind() == TriggerKind.ABANDONED_SEARCH));
  }

  @Test
  void aPurchaseAfterTheSearchClearsIt() {
    event(EventType.SEARCH, T0, "red shoes");
    event(EventType.PURCHASE, T0.plusSeconds(60), null, "a");
    assertFalse(dueKinds(at(Duration.ofHours(4))).contains(TriggerKind.ABANDONED_SEARCH));
  }

  @Test
  void aViewedItemOnSaleIsAPriceDrop() {
    event(EventType.VIEW_ITEM, T0, null, "a");
    stocked("a", 80, 100.0, "shoes");
    assertFalse(dueKinds(at(Duration.ofHours(11))).contains(TriggerKind.PRICE_DROP));
    Firing f = fired(at(Duration.ofHours(13)));
    assertEquals(TriggerKind.PRICE_DROP, f.kind());
    assertEquals("a@80.0", f.occasion());
  }

  @Test
  void aViewedItemBackInStockFiresWithinItsWindow() {
    event(EventType.VIEW_ITEM, T0, null, "a");
    Instant restocked = T0.plus(Duration.ofDays(1));
    catalog.put("a", new ItemFact(100, null, true, "shoes", restocked));
    assertFalse(dueKinds(restocked.minusSeconds(1)).contains(TriggerKind.BACK_IN_STOCK));
    assertEquals(TriggerKind.BACK_IN_STOCK, fired(restocked.plusSeconds(60)).kind());
    assertFalse(dueKinds(restocked.plus(Duration.ofDays(4))).contains(TriggerKind.BACK_IN_STOCK));
  }

  @Test
  void aPurchaseBringsCrossSellTwoDaysLaterThenANextBestOffer() {
    event(EventType.PURCHASE, T0, null, "a");
    assertNull(fired(at(Duration.ofDays(1))));
    Firing f = fired(at(Duration.ofDays(2).plusMinutes(1)));
    assertEquals(TriggerKind.AFTER_PURCHASE, f.kind());
    assertEquals(List.of("a"), f.basket());
    assertEquals(TriggerKind.NEXT_BEST_OFFER, fired(at(Duration.ofDays(15))).kind());
  }

  @Test
  void anItemBoughtOnItsOwnCycleIsDueAgain() {
    event(EventType.PURCHASE, T0, null, "a");
    event(EventType.PURCHASE, T0.plus(Duration.ofDays(10)), null, "a");
    Instant last = T0.plus(Duration.ofDays(10));
    assertFalse(dueKinds(last.plus(Duration.ofDays(8))).contains(TriggerKind.REPURCHASE));
    Firing f =
        rules.due(profile(), catalog::get, last.plus(Duration.ofDays(9)).plusSeconds(1)).stream()
            .filter(x -> x.kind() == TriggerKind.REPURCHASE)
            .findFirst()
            .orElseThrow();
    assertEquals("a", f.item());
  }

  @Test
  void aBuyerLapsedBeyondTheirUsualIntervalIsReactivated() {
    event(EventType.PURCHASE, T0, null, "a");
    event(EventType.PURCHASE, T0.plus(Duration.ofDays(10)), null, "b");
    event(EventType.PURCHASE, T0.plus(Duration.ofDays(20)), null, "c");
    Instant last = T0.plus(Duration.ofDays(20));
    assertFalse(dueKinds(last.plus(Duration.ofDays(14))).contains(TriggerKind.REACTIVATION));
    assertTrue(dueKinds(last.plus(Duration.ofDays(16))).contains(TriggerKind.REACTIVATION));
  }

  @Test
  void aSignUpIsWelcomedAfterTenMinutes() {
    event(EventType.SIGN_UP, T0, null);
    assertNull(fired(at(Duration.ofMinutes(9))));
    assertEquals(TriggerKind.WELCOME, fired(at(Duration.ofMinutes(11))).kind());
  }

  @Test
  void anOccasionUsedUpNeverFiresAgainAndTheNextDueOneGoes() {
    event(EventType.ADD_TO_CART, T0, null, "a");
    event(EventType.SEARCH, T0.minusSeconds(60), "red shoes");
    Instant now = at(Duration.ofHours(4));
    Decision first = rules.decide(profile(), Sent.NONE, catalog::get, now);
    Set<String> used = new java.util.HashSet<>();
    used.add(first.fire().key());
    first.suppressed().forEach(s -> used.add(s.key()));
    Sent sent = new Sent(used, now, Map.of(first.fire().kind(), now));
    assertNull(rules.decide(profile(), sent, catalog::get, now.plus(Duration.ofDays(2))).fire());
  }

  @Test
  void theShopperCapHoldsEveryKindBackForADayAndTheKindCapForAWeek() {
    event(EventType.ADD_TO_CART, T0, null, "a");
    Instant now = at(Duration.ofHours(2));
    Sent sentOther = new Sent(Set.of(), now.minusSeconds(3600), Map.of(TriggerKind.WELCOME, now));
    Decision capped = rules.decide(profile(), sentOther, catalog::get, now);
    assertNull(capped.fire());
    assertEquals(TriggerKind.ABANDONED_CART, capped.capped().get(0).kind());
    assertEquals(
        TriggerKind.ABANDONED_CART,
        rules
            .decide(profile(), sentOther, catalog::get, now.plus(Duration.ofDays(1)))
            .fire()
            .kind());
    Instant lastCart = now.minus(Duration.ofDays(2));
    Sent sentCart = new Sent(Set.of(), lastCart, Map.of(TriggerKind.ABANDONED_CART, lastCart));
    assertNull(rules.decide(profile(), sentCart, catalog::get, now).fire(), "one cart a week");
  }

  @Test
  void aDisabledKindNeverFires() {
    TriggerRules off =
        new TriggerRules(
            TriggerSettings.DEFAULTS.with(
                TriggerKind.ABANDONED_CART,
                new KindSettings(false, Duration.ofHours(1), Duration.ofDays(7), Map.of())));
    event(EventType.ADD_TO_CART, T0, null, "a");
    assertNull(off.decide(profile(), Sent.NONE, catalog::get, at(Duration.ofHours(2))).fire());
  }
}
