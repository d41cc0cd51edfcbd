package io.vitrina.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Transaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveSegmentsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private final ProfileStore store = new ProfileStore();
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final LiveSegments segments =
      new LiveSegments(id -> null, Lifecycle.Settings.DEFAULT, () -> clock.instant());

  private void purchase(String visitor, int daysAgo, int orderNumber) {
    Event event =
        new Event(
            EventType.PURCHASE,
            visitor,
            null,
            List.of(EventItem.of("teapot")),
            null,
            null,
            null,
            NOW.minus(Duration.ofDays(daysAgo)),
            null,
            new Transaction(visitor + "-" + orderNumber, 10.0, "EUR"));
    store.apply(event);
    segments.changed(store.kept(store.resolve(visitor, null)).orElseThrow());
  }

  @Test
  void eachEventPlacesItsShopperAndAScanPlacesEveryoneByTheNewScale() {
    purchase("ann", 100, 1);
    assertEquals(
        List.of("lifecycle:at_risk", "rfm:new_customers"), segments.membership().of("v:ann"));
    for (int i = 0; i < 9; i++) purchase("bob-" + i, i + 1, 1);
    segments.rules(
        List.of(
            new SegmentRule(
                "buyers",
                "Bought at all",
                List.of(new Condition.OrderCount(new Range(1.0, null))),
                List.of(),
                List.of())));
    assertEquals(0, segments.membership().count("buyers"), "a new rule counts at the next scan");
    assertEquals(10, segments.rescan(store::forEachKept, store::isKept));
    assertEquals(10, segments.membership().count("buyers"));
    // Against the nine who bought in the last ten days, Ann is the least recent.
    assertEquals("rfm:hibernating", segments.membership().of("v:ann").get(1));
  }

  @Test
  void timeAloneMovesACustomerAtTheNextScan() {
    purchase("ann", 10, 1);
    assertTrue(segments.membership().of("v:ann").contains("lifecycle:new"));
    clock = Clock.fixed(NOW.plus(Duration.ofDays(200)), ZoneOffset.UTC);
    segments.rescan(store::forEachKept, store::isKept);
    assertTrue(segments.membership().of("v:ann").contains("lifecycle:lapsed"));
    assertEquals(Set.of(), Set.copyOf(segments.membership().members("lifecycle:new", null, 5)));
  }

  @Test
  void notedShoppersArePlacedOnceAtTheNextPlacingAndGoneOnesSkipped() {
    store.apply(
        new Event(
            EventType.VIEW_ITEM,
            "ann",
            null,
            List.of(EventItem.of("teapot")),
            null,
            null,
            null,
            NOW));
    segments.noteChanged("v:ann");
    segments.noteChanged("v:ann");
    segments.noteChanged("v:nobody");
    assertEquals(List.of(), segments.membership().of("v:ann"), "not placed before the placing");
    assertEquals(1, segments.placeNoted(store::kept));
    assertEquals(List.of("lifecycle:never_bought"), segments.membership().of("v:ann"));
    assertEquals(0, segments.placeNoted(store::kept), "each noted once");
  }
}
