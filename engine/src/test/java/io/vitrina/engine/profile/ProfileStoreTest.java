package io.vitrina.engine.profile;

import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
  private final ProfileStore store = new ProfileStore();
  private int clock;

  /** An event one second after the previous one. */
  private Event event(EventType type, String visitor, String customer, String... items) {
    List<EventItem> lines = java.util.Arrays.stream(items).map(EventItem::of).toList();
    return new Event(type, visitor, customer, lines, null, null, null, T0.plusSeconds(clock++));
  }

  private void visitor(String visitor, EventType type, String... items) {
    store.apply(event(type, visitor, null, items));
  }

  @Test
  void recentViewsAreMostRecentFirstAndEachItemOnce() {
    visitor("v1", EventType.VIEW_ITEM, "a");
    visitor("v1", EventType.VIEW_ITEM, "b");
    visitor("v1", EventType.SELECT_ITEM, "c");
    visitor("v1", EventType.VIEW_ITEM, "a");

    assertEquals(List.of("a", "c", "b"), store.view("v1", null).recentViews());
  }

  @Test
  void recentViewsKeepOnlyTheNewestUpToTheBound() {
    for (int i = 0; i < Profile.MAX_VIEWS + 15; i++)
      visitor("v1", EventType.VIEW_ITEM, "item-" + i);

    List<String> views = store.view("v1", null).recentViews();
    assertEquals(Profile.MAX_VIEWS, views.size());
    assertEquals("item-" + (Profile.MAX_VIEWS + 14), views.get(0));
    assertEquals("item-15", views.get(views.size() - 1), "the 15 oldest views are forgotten");
  }

  @Test
  void cartHoldsAddedItemsNewestFirstUntilRemoved() {
    visitor("v1", EventType.ADD_TO_CART, "a");
    visitor("v1", EventType.ADD_TO_CART, "b", "c");
    assertEquals(List.of("c", "b", "a"), store.view("v1", null).cart());

    visitor("v1", EventType.REMOVE_FROM_CART, "b");
    assertEquals(List.of("c", "a"), store.view("v1", null).cart());

    visitor("v1", EventType.REMOVE_FROM_CART, "never-added");
    assertEquals(List.of("c", "a"), store.view("v1", null).cart());
  }

  @Test
  void purchaseTakesTheItemsOutOfTheCartAndIntoPurchases() {
    visitor("v1", EventType.ADD_TO_CART, "a", "b");
    visitor("v1", EventType.PURCHASE, "a");

    ProfileView profile = store.view("v1", null);
    assertEquals(List.of("b"), profile.cart());
    assertEquals(List.of("a"), profile.purchases());
  }

  @Test
  void identifyMovesAnonymousHistoryIntoTheCustomerAndTheVisitorResolvesToIt() {
    visitor("v1", EventType.VIEW_ITEM, "a");
    visitor("v1", EventType.VIEW_ITEM, "b");
    visitor("v1", EventType.ADD_TO_CART, "b");
    store.apply(event(EventType.IDENTIFY, "v1", "c1"));

    ProfileView customer = store.view(null, "c1");
    assertEquals(List.of("b", "a"), customer.recentViews());
    assertEquals(List.of("b"), customer.cart());
    assertEquals(1, store.size(), "the anonymous profile was folded in, not copied");

    // Later requests and events that name only the visitor belong to the customer now.
    visitor("v1", EventType.VIEW_ITEM, "c");
    assertEquals(List.of("c", "b", "a"), store.view(null, "c1").recentViews());
    assertEquals(List.of("c", "b", "a"), store.view("v1", null).recentViews());
    assertEquals("c:c1", store.resolve("v1", null));
  }

  @Test
  void anyEventNamingVisitorAndCustomerStitchesThem() {
    visitor("v1", EventType.VIEW_ITEM, "a");
    store.apply(event(EventType.PURCHASE, "v1", "c1", "b"));

    ProfileView customer = store.view(null, "c1");
    assertEquals(List.of("a"), customer.recentViews());
    assertEquals(List.of("b"), customer.purchases());
  }

  @Test
  void aShopperNeverSeenHasTheEmptyProfile() {
    visitor("v1", EventType.VIEW_ITEM, "a");

    assertSame(ProfileView.EMPTY, store.view("stranger", null));
    assertSame(ProfileView.EMPTY, store.view(null, "unknown-customer"));
    assertSame(ProfileView.EMPTY, store.view(null, null));
  }

  /** The history stitched at login keeps its last-seen time, so eviction does not drop it. */
  @Test
  void aProfileStitchedAtLoginIsNotEvictedAsIdle() {
    visitor("v1", EventType.VIEW_ITEM, "a");
    store.apply(event(EventType.IDENTIFY, "v1", "c1"));

    store.evictIdleSince(T0.minus(Duration.ofHours(1)));

    assertEquals(List.of("a"), store.view(null, "c1").recentViews());
  }

  @Test
  void beyondTheCapTheLeastRecentlySeenProfilesGoFirst() {
    for (int v = 0; v < 10; v++) visitor("v" + v, EventType.VIEW_ITEM, "a");
    assertEquals(4, store.evictBeyond(6));
    assertEquals(6, store.size());
    assertTrue(store.view("v3", null).isEmpty(), "an old profile is gone");
    assertFalse(store.view("v4", null).isEmpty(), "a recent profile stays");
    assertEquals(0, store.evictBeyond(6));
  }

  @Test
  void momentsKeepTheCartsChangeTheWatchedItemAndTheCartPrices() {
    store.apply(
        new Event(
            EventType.ADD_TO_CART,
            "m1",
            null,
            List.of(new EventItem("a", 1, 12.5)),
            null,
            null,
            null,
            T0));
    visitor("m1", EventType.VIEW_ITEM, "b");
    visitor("m1", EventType.VIEW_ITEM, "c");
    visitor("m1", EventType.VIEW_ITEM, "b");
    visitor("m1", EventType.VIEW_ITEM, "b");
    Moments m = store.view("m1", null).moments();
    assertEquals(T0, m.cartChanged());
    assertEquals("b", m.watched().itemId());
    assertEquals(3, m.watched().views());
    assertEquals(m.viewed(), m.watched().lastViewed());
    assertEquals(java.util.Map.of("a", 12.5), m.cartPrices());
    assertNull(m.searched());
    assertNull(m.signedUp());
  }

  @Test
  void momentsFollowTheShopperAtLogin() {
    visitor("m2", EventType.VIEW_ITEM, "a");
    visitor("m2", EventType.VIEW_ITEM, "a");
    store.apply(event(EventType.SIGN_UP, "m2", null));
    store.apply(event(EventType.IDENTIFY, "m2", "cust-m2"));
    Moments m = store.view(null, "cust-m2").moments();
    assertEquals("a", m.watched().itemId());
    assertNotNull(m.signedUp());
  }
}
