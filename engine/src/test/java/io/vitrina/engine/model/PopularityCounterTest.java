package io.vitrina.engine.model;

import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopularityCounterTest {
  private static final Instant ORIGIN = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration HALF_LIFE = Duration.ofDays(7);

  private static Event event(EventType type, String itemId, Instant at) {
    return new Event(type, "v1", null, List.of(EventItem.of(itemId)), null, null, null, at);
  }

  @Test
  void onePurchaseOutweighsSeveralViews() {
    PopularityCounter counter = new PopularityCounter(ORIGIN, HALF_LIFE);
    Instant at = ORIGIN.plus(Duration.ofDays(3));
    for (int i = 0; i < 5; i++) counter.record(event(EventType.VIEW_ITEM, "viewed", at));
    counter.record(event(EventType.PURCHASE, "bought", at));
    counter.record(event(EventType.PAGE_VIEW, "ignored", at));

    assertTrue(counter.score("bought", at) > counter.score("viewed", at));
    assertEquals(5f, counter.score("viewed", at), 1e-4);
    assertEquals(0f, counter.score("ignored", at));
    assertFalse(
        counter.snapshot(at).containsKey("ignored"),
        "events that say nothing about demand leave no entry");
  }

  @Test
  void demandHalvesWithEveryHalfLifeOfAge() {
    PopularityCounter counter = new PopularityCounter(ORIGIN, HALF_LIFE);
    Instant t = ORIGIN.plus(Duration.ofDays(10));
    counter.record(event(EventType.VIEW_ITEM, "old", t));
    counter.record(event(EventType.VIEW_ITEM, "new", t.plus(HALF_LIFE)));

    assertEquals(1.0, counter.score("old", t), 1e-6);
    assertEquals(0.5, counter.score("old", t.plus(HALF_LIFE)), 1e-6);
    assertEquals(0.25, counter.score("old", t.plus(HALF_LIFE.multipliedBy(2))), 1e-6);
    var snapshot = counter.snapshot(t.plus(HALF_LIFE));
    assertEquals(
        2.0,
        snapshot.get("new") / snapshot.get("old"),
        1e-5,
        "a view one half-life older weighs half");
  }

  /** Scores are rebased before the growth factor would overflow a double (~1024 half-lives). */
  @Test
  void scoresStayFiniteLongAfterTheOrigin() {
    PopularityCounter counter = new PopularityCounter(ORIGIN, Duration.ofDays(1));
    Instant later = ORIGIN.plus(Duration.ofDays(3 * 365));
    counter.record(event(EventType.VIEW_ITEM, "a", later));

    assertEquals(1.0, counter.score("a", later), 1e-6);
  }

  /** A store whose catalog churns: ids that sold once, long ago, must not stay in memory. */
  @Test
  void itemsWhoseDemandDecayedToNothingAreForgotten() {
    PopularityCounter counter = new PopularityCounter(ORIGIN, HALF_LIFE);
    Instant t = ORIGIN.plus(Duration.ofDays(1));
    for (int i = 0; i < 1_000; i++) counter.record(event(EventType.VIEW_ITEM, "gone-" + i, t));
    counter.record(event(EventType.PURCHASE, "still-sold", t));
    // Nine half-lives: a view weighs 1/512, above the threshold; ten and a bit: below it.
    Instant nine = t.plus(HALF_LIFE.multipliedBy(9));
    assertEquals(1_001, counter.snapshot(nine).size());
    assertEquals(1_001, counter.size(), "a small but telling demand is kept");

    Instant later = t.plus(HALF_LIFE.multipliedBy(10)).plusSeconds(3_600);
    counter.record(event(EventType.VIEW_ITEM, "still-sold", later));
    var snapshot = counter.snapshot(later);

    assertEquals(1, counter.size(), "only the item with recent demand is still counted");
    assertEquals(java.util.Set.of("still-sold"), snapshot.keySet());
    assertEquals(0f, counter.score("gone-7", later));
    counter.record(event(EventType.VIEW_ITEM, "gone-7", later));
    assertEquals(1f, counter.score("gone-7", later), 1e-6, "a forgotten item counts again");
  }

  /** Forgetting happens only below the threshold: a record racing the snapshot is not lost. */
  @Test
  void forgettingNeverDropsDemandAboveTheThreshold() throws Exception {
    PopularityCounter counter = new PopularityCounter(ORIGIN, HALF_LIFE);
    Instant old = ORIGIN.plus(Duration.ofDays(1));
    Instant now = old.plus(HALF_LIFE.multipliedBy(12));
    int items = 2_000;
    for (int i = 0; i < items; i++) counter.record(event(EventType.VIEW_ITEM, "item-" + i, old));
    Thread writer =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int i = 0; i < items; i++)
                    counter.record(event(EventType.VIEW_ITEM, "item-" + i, now));
                });
    for (int round = 0; round < 20; round++) counter.snapshot(now);
    writer.join();

    var snapshot = counter.snapshot(now);
    assertEquals(items, snapshot.size(), "every item viewed now is counted");
    for (int i = 0; i < items; i++) assertEquals(1f, snapshot.get("item-" + i), 1e-3);
  }
}
