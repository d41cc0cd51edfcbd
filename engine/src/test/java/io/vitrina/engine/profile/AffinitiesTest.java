package io.vitrina.engine.profile;

import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AffinitiesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration HALF_LIFE = Duration.ofDays(30);
  private final Map<String, Item> catalog = new HashMap<>();
  private final ProfileStore store = new ProfileStore(id -> facets(catalog.get(id)), HALF_LIFE);

  static ItemFacets facets(Item item) {
    return item == null
        ? null
        : ItemFacets.of(item.categories(), item.brand(), item.price(), item.tags());
  }

  AffinitiesTest() {
    add("tv", List.of("Electronics", "TV"), "Acme", 1500, List.of("4k"));
    add("phone", List.of("Electronics", "Phones"), "Zeta", 300, List.of());
    add("shoe", List.of("Shoes"), "Runner", 120, List.of("sport"));
  }

  private void add(
      String id, List<String> categories, String brand, double price, List<String> tags) {
    catalog.put(
        id,
        new Item(
            id, id, "", null, null, categories, brand, price, null, 1, true, tags, Map.of(), T0));
  }

  private void event(String visitor, EventType type, Instant at, String item) {
    store.apply(new Event(type, visitor, null, List.of(EventItem.of(item)), null, null, null, at));
  }

  private static float share(AffinityVector vector, Facet facet, String value) {
    return vector.of(facet).stream()
        .filter(a -> a.value().equals(value))
        .map(Affinity::share)
        .findFirst()
        .orElse(0f);
  }

  @Test
  void everyFacetOfAViewedItemIsCounted() {
    event("v1", EventType.VIEW_ITEM, T0, "tv");
    AffinityVector vector = store.view("v1", null).affinities();

    assertEquals(1f, share(vector, Facet.CATEGORY, "Electronics") * 2, 1e-6);
    assertEquals(0.5f, share(vector, Facet.CATEGORY, "TV"), 1e-6);
    assertEquals(1f, share(vector, Facet.BRAND, "Acme"));
    assertEquals(1f, share(vector, Facet.PRICE_BAND, "1000-2000"));
    assertEquals(1f, share(vector, Facet.TAG, "4k"));
  }

  @Test
  void aPurchaseCountsMoreThanAView() {
    event("v1", EventType.VIEW_ITEM, T0, "tv");
    event("v1", EventType.PURCHASE, T0, "phone");
    AffinityVector vector = store.view("v1", null).affinities();

    assertEquals("Zeta", vector.of(Facet.BRAND).get(0).value());
    assertEquals(2f / 3, share(vector, Facet.BRAND, "Zeta"), 1e-6);
  }

  @Test
  void aWishCountsBetweenAViewAndACart() {
    event("v1", EventType.VIEW_ITEM, T0, "tv");
    event("v1", EventType.ADD_TO_WISHLIST, T0, "phone");
    event("v2", EventType.ADD_TO_CART, T0, "tv");
    event("v2", EventType.ADD_TO_WISHLIST, T0, "phone");

    assertEquals(
        1.25f / 2.25f, share(store.view("v1", null).affinities(), Facet.BRAND, "Zeta"), 1e-6);
    assertEquals(
        1.25f / 2.75f, share(store.view("v2", null).affinities(), Facet.BRAND, "Zeta"), 1e-6);
    assertTrue(
        store.view("v1", null).seen().contains("phone"), "a wished item is not proposed back");
  }

  @Test
  void olderInterestDecaysByTheHalfLife() {
    event("v1", EventType.VIEW_ITEM, T0, "tv");
    event("v1", EventType.VIEW_ITEM, T0.plus(HALF_LIFE), "shoe");
    AffinityVector vector = store.view("v1", null).affinities();

    // The shoe, a half-life newer, weighs twice the TV.
    assertEquals(2f / 3, share(vector, Facet.BRAND, "Runner"), 1e-6);
    assertEquals(1f / 3, share(vector, Facet.BRAND, "Acme"), 1e-6);
  }

  @Test
  void eventsArrivingOutOfOrderWeighAsOfWhenTheyHappened() {
    event("v1", EventType.VIEW_ITEM, T0.plus(HALF_LIFE), "shoe");
    event("v1", EventType.VIEW_ITEM, T0, "tv");

    assertEquals(2f / 3, share(store.view("v1", null).affinities(), Facet.BRAND, "Runner"), 1e-6);
  }

  @Test
  void yearsOfHistoryKeepFiniteShares() {
    for (int day = 0; day < 20 * 365; day += 5)
      event("v1", EventType.VIEW_ITEM, T0.plus(Duration.ofDays(day)), day % 2 == 0 ? "tv" : "shoe");
    AffinityVector vector = store.view("v1", null).affinities();

    float sum = 0;
    for (Affinity a : vector.of(Facet.BRAND)) {
      assertTrue(Float.isFinite(a.share()) && a.share() > 0, a.toString());
      sum += a.share();
    }
    assertEquals(1f, sum, 1e-5);
  }

  @Test
  void eachFacetKeepsItsStrongestValuesUpToTheBound() {
    for (int i = 0; i < AffinityCounter.MAX_VALUES + 10; i++) {
      add("item" + i, List.of("c" + i), "b" + i, 10, List.of());
      event("v1", EventType.VIEW_ITEM, T0.plusSeconds(i), "item" + i);
    }
    List<Affinity> brands = store.view("v1", null).affinities().of(Facet.BRAND);

    assertEquals(AffinityCounter.MAX_VALUES, brands.size());
    assertTrue(brands.stream().noneMatch(a -> a.value().equals("b0")), "the oldest went");
    assertEquals("b" + (AffinityCounter.MAX_VALUES + 9), brands.get(0).value(), "newest first");
  }

  @Test
  void anonymousAffinitiesFollowTheShopperAtLogin() {
    event("v1", EventType.PURCHASE, T0, "shoe");
    store.apply(new Event(EventType.IDENTIFY, "v1", "42", List.of(), null, null, null, T0));
    event("v2", EventType.VIEW_ITEM, T0, "tv");

    AffinityVector vector = store.view(null, "42").affinities();
    assertEquals(1f, share(vector, Facet.BRAND, "Runner"));
  }

  @Test
  void itemsTheCatalogDoesNotHaveAreNotCounted() {
    event("v1", EventType.VIEW_ITEM, T0, "unknown");

    assertTrue(store.view("v1", null).affinities().isEmpty());
    assertFalse(store.view("v1", null).isEmpty(), "the view itself is kept");
  }

  @Test
  void changedProfilesAreDrainedOnce() {
    event("v1", EventType.VIEW_ITEM, T0, "tv");
    event("v2", EventType.VIEW_ITEM, T0, "tv");

    assertEquals(2, store.drainChanged(10).size());
    assertEquals(List.of(), store.drainChanged(10));
    event("v1", EventType.VIEW_ITEM_LIST, T0, "tv");
    assertEquals(List.of(), store.drainChanged(10), "an impression changes nothing indexed");
    store.evictIdleSince(T0.plusSeconds(1));
    assertEquals(2, store.drainChanged(10).size(), "an evicted profile is a change");
  }
}
