package io.vitrina.engine.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An event may name an item the catalog does not have yet; when the item arrives, {@link
 * ProfileStore#countArrived} counts its affinities as applying the event then would have.
 */
class ArrivedItemsTest {
  private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
  private static final ItemFacets TV = ItemFacets.of(List.of("TV"), "Acme", 1500, List.of("4k"));
  private static final ItemFacets SHOE = ItemFacets.of(List.of("Shoes"), "Runner", 80, List.of());

  private final Map<String, ItemFacets> lateCatalog = new HashMap<>(Map.of("shoe", SHOE));
  private final ProfileStore late = new ProfileStore(lateCatalog::get, Duration.ofDays(30));
  private final ProfileStore onTime =
      new ProfileStore(Map.of("shoe", SHOE, "tv", TV)::get, Duration.ofDays(30));

  private static Event event(EventType type, Instant at, String... items) {
    List<EventItem> lines = java.util.Arrays.stream(items).map(EventItem::of).toList();
    return new Event(type, "v1", null, lines, null, null, null, at);
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

    lateCatalog.put("tv", TV);
    int counted = 0;
    for (Event event : events) counted += late.countArrived(event, Set.of("tv"));

    assertEquals(2, counted, "the purchase's and the cart's tv lines, not the shoe's again");
    assertEquals(onTime.view("v1", null).affinities(), late.view("v1", null).affinities());
    assertEquals(List.of("v:v1"), late.drainChanged(10), "a change to index");
  }

  @Test
  void linesThatDoNotCountAffinitiesCountNothing() {
    Event impression = event(EventType.VIEW_ITEM_LIST, T0, "tv");
    late.apply(impression);
    lateCatalog.put("tv", TV);

    assertEquals(0, late.countArrived(impression, Set.of("tv")));
    assertTrue(late.view("v1", null).affinities().isEmpty());
  }

  @Test
  void aShopperWhoseProfileWentCountsNothing() {
    Event view = event(EventType.VIEW_ITEM, T0, "tv");
    late.apply(view);
    late.evictBeyond(0);
    lateCatalog.put("tv", TV);

    assertEquals(0, late.countArrived(view, Set.of("tv")));
    assertEquals(0, late.size(), "no profile is made for it");
  }
}
