package io.vitrina.engine.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionsTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final Content HELLO = new Content(null, "Hello", null, null, null, null);
  private static final ShopperFacts SHOPPER = new ShopperFacts(Set.of("vip"), true, 2, 80);
  private static final Visit PAGE =
      new Visit("/demo/item/42?ref=x", Device.MOBILE, NOW.minusSeconds(600));

  private static Campaign campaign(
      String id, int priority, Targeting targeting, Caps caps, Schedule schedule) {
    return new Campaign(
        id,
        null,
        true,
        priority,
        HELLO,
        List.of(new PageTrigger(PageTrigger.Type.EXIT_INTENT, 0)),
        targeting,
        caps,
        schedule);
  }

  private static Campaign targeted(Targeting targeting) {
    return campaign("c", 0, targeting, Caps.NONE, Schedule.ALWAYS);
  }

  private static boolean shown(
      Campaign c, ShopperFacts shopper, Visit visit, PromotionHistory history) {
    return !Decisions.eligible(List.of(c), shopper, visit, history, NOW).isEmpty();
  }

  private static boolean shown(Campaign c) {
    return shown(c, SHOPPER, PAGE, PromotionHistory.NONE);
  }

  private static Targeting where(
      List<String> segments,
      List<String> urls,
      Set<Device> devices,
      Targeting.VisitorKind visitor,
      Targeting.Cart cart) {
    return new Targeting(
        segments, urls.stream().map(UrlPattern::of).toList(), devices, visitor, cart);
  }

  @Test
  void targetsBySegment() {
    assertTrue(shown(targeted(where(List.of("other", "vip"), List.of(), Set.of(), null, null))));
    assertFalse(shown(targeted(where(List.of("other"), List.of(), Set.of(), null, null))));
  }

  @Test
  void targetsByUrlPatternOfThePathAlone() {
    assertTrue(shown(targeted(where(List.of(), List.of("/demo/item/*"), Set.of(), null, null))));
    assertTrue(shown(targeted(where(List.of(), List.of("/demo/**"), Set.of(), null, null))));
    assertFalse(shown(targeted(where(List.of(), List.of("/demo/*"), Set.of(), null, null))));
    assertFalse(shown(targeted(where(List.of(), List.of("/demo/cart"), Set.of(), null, null))));
    assertFalse(
        shown(
            targeted(where(List.of(), List.of("/demo/item/*"), Set.of(), null, null)),
            SHOPPER,
            new Visit(null, Device.MOBILE, null),
            PromotionHistory.NONE));
  }

  @Test
  void refusesMalformedUrlPatterns() {
    assertNull(UrlPattern.problem("/demo/item/*"));
    assertNotNull(UrlPattern.problem("demo/item"));
    assertNotNull(UrlPattern.problem("/demo?x=1"));
    assertNotNull(UrlPattern.problem("/a b"));
    assertNotNull(UrlPattern.problem("/a/***"));
    assertNotNull(UrlPattern.problem(""));
  }

  @Test
  void showsOnlyHttpAndRootRelativeUrls() {
    assertTrue(Content.safeUrl("/demo/cart?x=1"));
    assertTrue(Content.safeUrl("https://shop.example/sale"));
    assertFalse(Content.safeUrl("javascript:alert(1)"));
    assertFalse(Content.safeUrl("//evil.example/x"));
    assertFalse(Content.safeUrl("/\\evil.example/x"));
    assertFalse(Content.safeUrl("https://"));
    assertFalse(Content.safeUrl("/a b"));
    assertFalse(Content.safeUrl("data:text/html,x"));
  }

  @Test
  void targetsByDevice() {
    assertTrue(
        shown(
            targeted(
                where(List.of(), List.of(), Set.of(Device.MOBILE, Device.TABLET), null, null))));
    assertFalse(shown(targeted(where(List.of(), List.of(), Set.of(Device.DESKTOP), null, null))));
  }

  @Test
  void targetsNewOrReturningVisitors() {
    ShopperFacts newcomer = new ShopperFacts(Set.of(), false, 0, 0);
    Campaign returning =
        targeted(where(List.of(), List.of(), Set.of(), Targeting.VisitorKind.RETURNING, null));
    Campaign fresh =
        targeted(where(List.of(), List.of(), Set.of(), Targeting.VisitorKind.NEW, null));
    assertTrue(shown(returning));
    assertFalse(shown(returning, newcomer, PAGE, PromotionHistory.NONE));
    assertFalse(shown(fresh));
    assertTrue(shown(fresh, newcomer, PAGE, PromotionHistory.NONE));
  }

  @Test
  void targetsByTheCart() {
    assertTrue(
        shown(
            targeted(
                where(List.of(), List.of(), Set.of(), null, new Targeting.Cart(2, 50.0, 80.0)))));
    assertFalse(
        shown(
            targeted(
                where(List.of(), List.of(), Set.of(), null, new Targeting.Cart(3, null, null)))));
    assertFalse(
        shown(
            targeted(
                where(
                    List.of(), List.of(), Set.of(), null, new Targeting.Cart(null, 81.0, null)))));
    assertFalse(
        shown(
            targeted(
                where(
                    List.of(), List.of(), Set.of(), null, new Targeting.Cart(null, null, 79.0)))));
  }

  @Test
  void ordersByPriorityThenId() {
    List<Campaign> all =
        List.of(
            campaign("b", 1, null, null, null),
            campaign("z", 5, null, null, null),
            campaign("a", 1, null, null, null));
    List<String> ids =
        Decisions.eligible(all, SHOPPER, PAGE, PromotionHistory.NONE, NOW).stream()
            .map(Campaign::id)
            .toList();
    assertEquals(List.of("z", "a", "b"), ids);
  }

  @Test
  void leavesOutInactiveAndUnscheduledCampaigns() {
    Campaign off = new Campaign("off", null, false, 0, HELLO, List.of(), null, null, null);
    assertFalse(shown(off));
    assertFalse(shown(campaign("c", 0, null, null, new Schedule(NOW.plusSeconds(1), null))));
    assertFalse(shown(campaign("c", 0, null, null, new Schedule(null, NOW))));
    assertTrue(shown(campaign("c", 0, null, null, new Schedule(NOW, NOW.plusSeconds(1)))));
  }

  private static PromotionHistory seen(Instant... views) {
    PromotionHistory h = PromotionHistory.NONE;
    for (Instant at : views) h = h.viewed("c", at);
    return h;
  }

  @Test
  void capsShowsPerSessionSinceItsStart() {
    Campaign once = campaign("c", 0, null, new Caps(1, null, null, null), null);
    assertTrue(shown(once, SHOPPER, PAGE, seen(NOW.minusSeconds(700)))); // before the session
    assertFalse(shown(once, SHOPPER, PAGE, seen(NOW.minusSeconds(60))));
    // An undated session is the last 30 minutes.
    Visit undated = new Visit("/", null, null);
    assertFalse(shown(once, SHOPPER, undated, seen(NOW.minus(Duration.ofMinutes(29)))));
    assertTrue(shown(once, SHOPPER, undated, seen(NOW.minus(Duration.ofMinutes(31)))));
  }

  @Test
  void capsShowsPerDayAndInAll() {
    Campaign twiceADay = campaign("c", 0, null, new Caps(null, 2, null, null), null);
    assertTrue(
        shown(
            twiceADay,
            SHOPPER,
            PAGE,
            seen(NOW.minus(Duration.ofHours(25)), NOW.minus(Duration.ofHours(2)))));
    assertFalse(
        shown(
            twiceADay,
            SHOPPER,
            PAGE,
            seen(NOW.minus(Duration.ofHours(23)), NOW.minus(Duration.ofHours(2)))));
    Campaign thrice = campaign("c", 0, null, new Caps(null, null, 3, null), null);
    assertTrue(
        shown(
            thrice,
            SHOPPER,
            PAGE,
            seen(NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(5)))));
    assertFalse(
        shown(
            thrice,
            SHOPPER,
            PAGE,
            seen(
                NOW.minus(Duration.ofDays(9)),
                NOW.minus(Duration.ofDays(5)),
                NOW.minus(Duration.ofDays(2)))));
  }

  @Test
  void holdsBackForDaysAfterAClose() {
    Campaign afterClose = campaign("c", 0, null, new Caps(null, null, null, 3), null);
    assertFalse(
        shown(
            afterClose,
            SHOPPER,
            PAGE,
            PromotionHistory.NONE.closed("c", NOW.minus(Duration.ofDays(2)))));
    assertTrue(
        shown(
            afterClose,
            SHOPPER,
            PAGE,
            PromotionHistory.NONE.closed("c", NOW.minus(Duration.ofDays(3)))));
    // Another campaign's close does not count.
    assertTrue(shown(afterClose, SHOPPER, PAGE, PromotionHistory.NONE.closed("d", NOW)));
  }

  @Test
  void aSlotShowsItsFirstMatchingVariantElseItsDefault() {
    Content fallback = new Content(Content.Type.TEXT, "Welcome", null, null, null, null);
    Slot slot =
        new Slot(
            "hero",
            fallback,
            List.of(
                new Slot.Variant(
                    "first", where(List.of("nobody"), List.of(), Set.of(), null, null), HELLO),
                new Slot.Variant(
                    "second", where(List.of("vip"), List.of(), Set.of(), null, null), HELLO),
                new Slot.Variant("third", Targeting.EVERYONE, HELLO)));
    List<Slot.Choice> choices = slot.choices(SHOPPER, PAGE);
    assertEquals(
        List.of("second", "third", "default"), choices.stream().map(Slot.Choice::variant).toList());
    ShopperFacts other = new ShopperFacts(Set.of(), false, 0, 0);
    Slot noVariant = new Slot("hero", fallback, List.of(slot.variants().getFirst()));
    assertEquals("default", noVariant.choices(other, PAGE).getFirst().variant());
    assertTrue(
        new Slot("hero", null, List.of(slot.variants().getFirst())).choices(other, PAGE).isEmpty());
  }

  @Test
  void historiesKeepViewsAndClosesUnderEveryKeyOfTheEvent() {
    PromotionHistories histories = new PromotionHistories(100);
    histories.apply(
        new Event(
            EventType.VIEW_PROMOTION, "v1", "c1", List.of(), null, "c", null, NOW.minusSeconds(5)));
    histories.apply(
        new Event(
            EventType.VIEW_PROMOTION, "v1", null, List.of(), null, "c", null, NOW.minusSeconds(3)));
    histories.apply(
        new Event(
            EventType.SELECT_PROMOTION,
            "v1",
            null,
            List.of(),
            "close",
            "c",
            null,
            NOW.minusSeconds(1)));
    histories.apply(
        new Event(EventType.SELECT_PROMOTION, "v1", null, List.of(), "click", "c", null, NOW));
    PromotionHistory.Entry both = histories.of(List.of("v:v1", "c:c1")).of("c");
    assertEquals(2, both.lifetime());
    assertEquals(2, both.views().length);
    assertEquals(NOW.minusSeconds(1), both.lastClosed());
    assertEquals(1, histories.of(List.of("c:c1")).of("c").lifetime());
    histories.forget(key -> key.equals("v:v1"));
    assertNull(histories.of(List.of("v:v1")).of("c"));
  }

  @Test
  void historiesStayWithinTheirBound() {
    PromotionHistories histories = new PromotionHistories(10);
    for (int i = 0; i < 100; i++) histories.viewed(List.of("v:" + i), "c", NOW.plusSeconds(i));
    assertTrue(histories.size() <= 10, "kept " + histories.size());
    assertNotNull(histories.of(List.of("v:99")).of("c"), "the latest shopper is kept");
  }

  @Test
  void aHistoryKeepsItsRecentShowsAndCountsThemAll() {
    PromotionHistory h = PromotionHistory.NONE;
    for (int i = 0; i < 40; i++) h = h.viewed("c", NOW.minusSeconds(100 - i));
    assertEquals(40, h.of("c").lifetime());
    assertEquals(PromotionHistory.RECENT, h.of("c").views().length);
    assertEquals(NOW.minusSeconds(61), h.of("c").lastViewed());
  }
}
