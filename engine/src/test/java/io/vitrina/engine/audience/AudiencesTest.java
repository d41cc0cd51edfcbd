package io.vitrina.engine.audience;

import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.model.ImplicitFactors;
import io.vitrina.engine.model.ItemVectors;
import io.vitrina.engine.profile.Facet;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AudiencesTest {
  private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
  private final Map<String, Item> catalog = new HashMap<>();
  private final ProfileStore profiles =
      new ProfileStore(
          id ->
              java.util.Optional.ofNullable(catalog.get(id))
                  .map(ServingCore::facetsOf)
                  .orElse(null),
          ProfileStore.AFFINITY_HALF_LIFE);
  private ItemVectors vectors = ItemVectors.NONE;
  private final Audiences audiences = new Audiences(profiles, () -> vectors);

  AudiencesTest() {
    for (int i = 1; i <= 10; i++) {
      boolean phone = i <= 5;
      String id = "p" + i;
      catalog.put(
          id,
          new Item(
              id,
              id,
              "",
              null,
              null,
              List.of(phone ? "Phones" : "Shoes"),
              phone ? "Acme" : "Runner",
              phone ? 300 : 80,
              null,
              5,
              true,
              List.of(),
              Map.of(),
              T0));
    }
  }

  @AfterEach
  void close() throws Exception {
    audiences.close();
  }

  private void view(String visitor, String region, String... items) {
    for (String item : items)
      profiles.apply(
          new Event(
              EventType.VIEW_ITEM,
              visitor,
              null,
              List.of(EventItem.of(item)),
              null,
              null,
              null,
              T0,
              region));
  }

  private static List<String> keys(List<AudienceMember> members) {
    return members.stream().map(AudienceMember::key).toList();
  }

  @Test
  void lookalikesByAffinityShareTheSeedsTaste() {
    view("ann", null, "p1", "p2");
    view("amy", null, "p3");
    view("ada", null, "p4", "p7");
    view("zoe", null, "p8", "p9");
    audiences.indexChanged(100);

    List<String> like = keys(audiences.lookalikes(List.of("v:ann"), Likeness.AFFINITY, null, 10));
    assertEquals(List.of("v:amy", "v:ada"), like, "the seed left out, phone lovers first");
  }

  @Test
  void anAudienceByTasteRanksTheShoppersWhoLikeAValue() {
    view("ann", null, "p1");
    view("zoe", null, "p8", "p9");
    view("zed", null, "p8", "p1", "p2");
    audiences.indexChanged(100);

    List<String> runners =
        keys(audiences.byAffinity(Map.of(Facet.BRAND, Map.of("Runner", 1f)), null, 10));
    assertEquals(List.of("v:zoe", "v:zed"), runners);
  }

  @Test
  void aRegionNarrowsTheAudience() {
    view("ann", "Kazan", "p1");
    view("amy", "Moscow", "p2");
    view("ada", "moscow ", "p3");
    audiences.indexChanged(100);

    assertEquals(
        List.of("v:ada"),
        keys(audiences.lookalikes(List.of("v:amy"), Likeness.AFFINITY, "MOSCOW", 10)));
  }

  @Test
  void changesReachTheIndexInBatchesAndEvictedShoppersLeaveIt() {
    for (int i = 0; i < 25; i++) view("s" + i, null, "p1");
    assertEquals(new Audiences.Batch(10, 0, 15), audiences.indexChanged(10));
    assertEquals(10, audiences.indexed());
    audiences.indexChanged(100);
    assertEquals(25, audiences.indexed());

    profiles.evictIdleSince(T0.plusSeconds(1));
    assertEquals(new Audiences.Batch(0, 25, 0), audiences.indexChanged(100));
    assertEquals(0, audiences.indexed());
  }

  @Test
  void lookalikesByVectorFollowWhatShoppersInteractedWith() {
    // Two groups of shoppers with disjoint items; the factor model puts each group together.
    Map<String, Map<String, Float>> strengths = new HashMap<>();
    for (int s = 0; s < 30; s++) {
      Map<String, Float> items = new HashMap<>();
      int base = s % 2 == 0 ? 1 : 6;
      for (int k = 0; k < 3; k++) items.put("p" + (base + (s + k) % 5), 1f);
      strengths.put("v:t" + s, items);
    }
    vectors = ItemVectors.train(strengths, ImplicitFactors.Settings.DEFAULT);
    view("ann", null, "p1", "p2", "p3");
    view("amy", null, "p2", "p4");
    view("zoe", null, "p6", "p7", "p8");
    view("zed", null, "p9", "p10");
    audiences.indexChanged(100);

    List<String> like = keys(audiences.lookalikes(List.of("v:ann"), Likeness.VECTOR, null, 3));
    assertEquals("v:amy", like.get(0), like.toString());
    assertFalse(like.contains("v:ann"));
  }

  @Test
  void aSeedWithoutAProfileGivesNoAudience() {
    view("ann", null, "p1");
    audiences.indexChanged(100);
    assertEquals(List.of(), audiences.lookalikes(List.of("v:nobody"), Likeness.AFFINITY, null, 5));
  }
}
