package io.vitrina.engine.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.model.ItemVectors;
import io.vitrina.engine.profile.Facet;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A profile index whose writer Lucene closed for good (as after running out of heap mid-write) is
 * replaced by a new one holding every profile, and says what is wrong until then.
 */
class ProfileIndexRecoveryTest {
  private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
  private static final Item PHONE =
      new Item(
          "phone",
          "phone",
          "",
          null,
          null,
          List.of("Phones"),
          "Acme",
          300,
          null,
          5,
          true,
          List.of(),
          Map.of(),
          T0);
  private final ProfileStore profiles =
      new ProfileStore(
          id -> id.equals("phone") ? ServingCore.facetsOf(PHONE) : null,
          ProfileStore.AFFINITY_HALF_LIFE);
  private final Audiences audiences = new Audiences(profiles, () -> ItemVectors.NONE);

  @AfterEach
  void close() throws Exception {
    audiences.close();
  }

  private void view(String visitor) {
    profiles.apply(
        new Event(
            EventType.VIEW_ITEM,
            visitor,
            null,
            List.of(EventItem.of("phone")),
            null,
            null,
            null,
            T0));
  }

  private List<AudienceMember> acmeFans() {
    return audiences.byAffinity(Map.of(Facet.BRAND, Map.of("Acme", 1f)), null, 100);
  }

  @Test
  void aFailedWriterIsReplacedAndEveryProfileWrittenAgain() {
    for (int i = 0; i < 5; i++) view("v" + i);
    audiences.indexChanged(100);
    assertEquals(5, acmeFans().size());

    ProfileIndex failed = audiences.index();
    failed.failWriter(new OutOfMemoryError("Java heap space"));
    view("v-new");
    assertTrue(
        audiences.problem().orElseThrow().contains("Java heap space"), "the failure is told");

    audiences.indexChanged(100);

    assertNotSame(failed, audiences.index());
    assertEquals(Optional.empty(), audiences.problem());
    assertEquals(1, audiences.reopenCount());
    assertEquals(6, acmeFans().size(), "the old shoppers and the new one are all found again");
  }

  @Test
  void aBatchThatFailedIsWrittenWithTheNext() {
    boolean[] failing = {true};
    Audiences flaky =
        new Audiences(
            profiles,
            () -> {
              if (failing[0]) throw new OutOfMemoryError("Java heap space");
              return ItemVectors.NONE;
            });
    try (flaky) {
      view("v1");
      view("v2");
      assertThrows(OutOfMemoryError.class, () -> flaky.indexChanged(100));
      assertEquals(2, flaky.pending(), "what the failed run drained waits again");

      failing[0] = false;
      assertEquals(new Audiences.Batch(2, 0, 0), flaky.indexChanged(100));
      assertEquals(2, flaky.byAffinity(Map.of(Facet.BRAND, Map.of("Acme", 1f)), null, 9).size());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
