package io.vitrina.engine.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * An event may name an item the catalog does not have yet; its lines wait, and when the item
 * arrives {@link ProfileStore#itemsArrived} counts their affinities as applying the event then
 * would have, once.
 */
class ArrivedItemsTest {
  private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
  private static final ItemFacets TV = ItemFacets.of(List.of("TV"), "Acme", 1500, List.of("4k"));
  private static final ItemFacets SHOE = ItemFacets.of(List.of("Shoes"), "Runner", 80, List.of());

  private final Map<String, ItemFacets> lateCatalog = new ConcurrentHashMap<>(Map.of("shoe", SHOE));
  private final ProfileStore late = new ProfileStore(lateCatalog::get, Duration.ofDays(30));
  private final ProfileStore onTime =
      new ProfileStore(Map.of("shoe", SHOE, "tv", TV)::get, Duration.ofDays(30));

  private static Event event(EventType type, String visitor, Instant at, String... items) {
    List<EventItem> lines = java.util.Arrays.stream(items).map(EventItem::of).toList();
    return new Event(type, visitor, null, lines, null, null, null, at);
  }

  private static Event event(EventType type, Instant at, String... items) {
    return event(type, "v1", at, items);
  }

  @Test
  void anArrivedItemCountsAsIfTheCatalogHadHadIt() {
    List<Event> events =
        List.of(
            event(EventType.VIEW_ITEM, T0, "shoe"),
            event(EventType.PURCHASE, T0.plus(Duration.ofDays(3)), "tv", "shoe"),
            event(EventType.ADD_TO_CART, T0.plus(Duration.ofDays(5)), "tv"));
    events.forEach(late::apply);
    events.forEach(onTime::apply);
    late.drainChanged(10);
    assertEquals(2, late.awaitedLines(), "the purchase's and the cart's tv lines wait");

    lateCatalog.put("tv", TV);

    assertEquals(2, late.itemsArrived(Set.of("tv")), "not the shoe's line again");
    assertEquals(onTime.view("v1", null).affinities(), late.view("v1", null).affinities());
    assertEquals(List.of("v:v1"), late.drainChanged(10), "a change to index");
    assertEquals(0, late.itemsArrived(Set.of("tv")), "each line counts once");
    assertEquals(0, late.awaitedLines());
  }

  @Test
  void linesThatDoNotCountAffinitiesDoNotWait() {
    late.apply(event(EventType.VIEW_ITEM_LIST, T0, "tv"));
    lateCatalog.put("tv", TV);

    assertEquals(0, late.awaitedLines());
    assertEquals(0, late.itemsArrived(Set.of("tv")));
    assertTrue(late.view("v1", null).affinities().isEmpty());
  }

  @Test
  void aShopperWhoseProfileWentCountsNothing() {
    late.apply(event(EventType.VIEW_ITEM, T0, "tv"));
    late.evictBeyond(0);
    lateCatalog.put("tv", TV);

    assertEquals(0, late.itemsArrived(Set.of("tv")));
    assertEquals(0, late.size(), "no profile is made for it");
  }

  @Test
  void aLineCountsForTheShopperAfterLogin() {
    late.apply(event(EventType.VIEW_ITEM, "anonymous", T0, "tv"));
    late.apply(new Event(EventType.IDENTIFY, "anonymous", "c7", List.of(), null, null, null, T0));
    lateCatalog.put("tv", TV);

    assertEquals(1, late.itemsArrived(Set.of("tv")));
    assertFalse(late.view(null, "c7").affinities().isEmpty(), "counted into the customer");
  }

  @Test
  void linesOfEventsOlderThanTheProfilesHoldAreForgotten() {
    late.apply(event(EventType.VIEW_ITEM, T0, "tv"));
    late.apply(event(EventType.VIEW_ITEM, "v2", T0.plus(Duration.ofDays(2)), "tv"));

    late.evictIdleSince(T0.plus(Duration.ofDays(1)));

    assertEquals(1, late.awaitedLines(), "v2's line is recent enough");
  }

  @Test
  void anItemArrivingBetweenTheLookUpAndTheWaitIsCountedOnce() {
    // The catalog misses the tv once, and the tv arrives right after that miss, before the line
    // is written down: the arrival finds no line to take, so the line must find the item.
    Map<String, ItemFacets> catalog = new ConcurrentHashMap<>(Map.of("shoe", SHOE));
    ProfileStore[] store = new ProfileStore[1];
    boolean[] missed = {false};
    store[0] =
        new ProfileStore(
            id -> {
              ItemFacets found = catalog.get(id);
              if (found == null && !missed[0]) {
                missed[0] = true;
                catalog.put(id, TV);
                store[0].itemsArrived(Set.of(id));
              }
              return found;
            },
            Duration.ofDays(30));

    store[0].apply(event(EventType.VIEW_ITEM, T0, "shoe"));
    store[0].apply(event(EventType.VIEW_ITEM, T0, "tv"));

    assertTrue(missed[0]);
    assertEquals(
        List.of(new Affinity("Shoes", 0.5f), new Affinity("TV", 0.5f)),
        store[0].view("v1", null).affinities().of(Facet.CATEGORY),
        "counted once, the tv weighs what the shoe does");
    assertEquals(0, store[0].awaitedLines());
  }

  @Test
  void beyondTheBoundLinesAreDroppedAndCounted() {
    for (int i = 0; i <= AwaitedItems.MAX_LINES; i++)
      late.apply(event(EventType.VIEW_ITEM, T0, "never-" + (i % 1000)));

    assertEquals(AwaitedItems.MAX_LINES, late.awaitedLines());
    assertEquals(1, late.awaitedLinesDropped());
  }
}
