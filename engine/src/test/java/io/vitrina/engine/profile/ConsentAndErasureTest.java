package io.vitrina.engine.profile;

import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsentAndErasureTest {
  private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

  private static Event consent(String visitor, String customer, String choices, int second) {
    return new Event(
        EventType.CONSENT,
        visitor,
        customer,
        List.of(),
        choices,
        null,
        null,
        T0.plusSeconds(second));
  }

  private static Event event(EventType type, String visitor, String customer, String item) {
    return new Event(type, visitor, customer, List.of(EventItem.of(item)), null, null, null, T0);
  }

  @Test
  void aShopperWhoNeverChoseAllowsBoth() {
    ProfileStore store = new ProfileStore();
    assertEquals(Consent.NONE, store.consent("v1", null));
    assertTrue(store.personalizationAllowed("v1", null));
    assertTrue(store.marketingConsent("v:v1"));
    assertEquals(Consent.ALLOWED_UNLESS_REFUSED, Consent.NONE.marketingAllowed());
  }

  @Test
  void aConsentEventSetsOnlyTheChoicesItNames() {
    ProfileStore store = new ProfileStore();
    store.apply(consent("v1", null, Consent.asQuery(false, null), 1));
    assertFalse(store.personalizationAllowed("v1", null));
    assertTrue(store.marketingConsent("v:v1"));
    store.apply(consent("v1", null, Consent.asQuery(null, false), 2));
    assertFalse(store.personalizationAllowed("v1", null), "kept");
    assertFalse(store.marketingConsent("v:v1"));
    assertEquals(0, store.size(), "a choice alone makes no profile");
  }

  @Test
  void atStitchingTheLaterChoiceWinsChoiceByChoice() {
    ProfileStore store = new ProfileStore();
    store.apply(consent("v1", null, Consent.asQuery(false, true), 10));
    store.apply(consent(null, "c1", Consent.asQuery(true, false), 5));
    store.apply(consent(null, "c1", Consent.asQuery(null, false), 20));
    store.apply(new Event(EventType.IDENTIFY, "v1", "c1", List.of(), null, null, null, T0));
    assertFalse(store.personalizationAllowed(null, "c1"), "the visitor's, later");
    assertFalse(store.marketingConsent("c:c1"), "the customer's, later");
    assertFalse(store.marketingConsent("v:v1"), "the visitor's key resolves to the customer");
  }

  @Test
  void aChoiceSurvivesTheEvictionOfAnIdleProfile() {
    ProfileStore store = new ProfileStore();
    store.apply(event(EventType.VIEW_ITEM, "v1", null, "a"));
    store.apply(consent("v1", null, Consent.asQuery(false, null), 1));
    assertEquals(1, store.evictIdleSince(T0.plusSeconds(3600)));
    assertFalse(store.personalizationAllowed("v1", null));
  }

  @Test
  void forgettingAShopperDropsProfileAliasesConsentAndAwaitedLines() {
    ProfileStore store = new ProfileStore(id -> null, ProfileStore.AFFINITY_HALF_LIFE);
    store.apply(event(EventType.VIEW_ITEM, "v1", null, "not-in-catalog"));
    store.apply(consent("v1", null, Consent.asQuery(false, false), 1));
    store.apply(new Event(EventType.IDENTIFY, "v1", "c1", List.of(), null, null, null, T0));
    store.apply(event(EventType.ADD_TO_CART, null, "c1", "x"));
    store.apply(event(EventType.VIEW_ITEM, "v2", null, "y"));
    assertEquals(Set.of("c:c1", "v:v1"), store.keysOf(null, "c1"));
    store.drainChanged(100);

    ProfileStore.Forgotten gone = store.forget(store.keysOf(null, "c1"));
    assertEquals(1, gone.profiles());
    assertEquals(1, gone.aliases());
    assertEquals(1, gone.consents());
    assertEquals(2, gone.awaitedLines(), "the visitor's and the customer's");
    assertEquals(1, store.awaitedLines(), "someone else's stays");
    assertTrue(store.view(null, "c1").isEmpty());
    assertTrue(store.view("v1", null).isEmpty());
    assertTrue(store.personalizationAllowed("v1", null), "a new shopper");
    assertEquals(1, store.size(), "someone else stays");
    assertTrue(store.drainChanged(100).contains("c:c1"), "the profile index drops the document");
  }

  @Test
  void forgettingByAPredicateFindsEveryKeyMemoryHolds() {
    ProfileStore store = new ProfileStore();
    store.apply(event(EventType.VIEW_ITEM, "v1", null, "a"));
    store.apply(new Event(EventType.IDENTIFY, "v1", "c1", List.of(), null, null, null, T0));
    store.apply(consent(null, "c1", Consent.asQuery(false, null), 1));
    store.apply(event(EventType.VIEW_ITEM, "v2", null, "b"));
    ProfileStore.Forgotten gone = store.forgetMatching(Set.of("c:c1", "v:v1")::contains);
    assertEquals(1, gone.profiles());
    assertEquals(1, gone.aliases());
    assertEquals(1, gone.consents());
    assertEquals("v:v1", store.resolve("v1", null), "no longer stitched");
    assertEquals(1, store.size());
  }
}
