package io.vitrina.benchmarks;

import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.segment.Condition;
import io.vitrina.engine.segment.ItemFacts;
import io.vitrina.engine.segment.ItemMatch;
import io.vitrina.engine.segment.Lifecycle;
import io.vitrina.engine.segment.LiveSegments;
import io.vitrina.engine.segment.Range;
import io.vitrina.engine.segment.RfmGroup;
import io.vitrina.engine.segment.SegmentRule;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What segments cost: placing one shopper after their event (copying the profile, the lifecycle
 * stage, the RFM score and three rule segments like the demo's, the membership update) and a scan
 * that recomputes the RFM scale and places every shopper, over {@code profiles} shoppers of about
 * 20 events each (views of 100,000 items in 40 categories, a cart for a third, orders for a
 * quarter).
 *
 * <pre>./vitrina bench SegmentBenchmark -jvmArgsAppend -Xmx4g</pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Threads(1)
public class SegmentBenchmark {
  private static final int ITEMS = 100_000;
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @Param("250000")
  public int profiles;

  private ProfileStore store;
  private LiveSegments segments;
  private String[] keys;
  private int next;

  @Setup
  public void setUp() {
    store = new ProfileStore();
    ItemFacts[] catalog = new ItemFacts[ITEMS];
    for (int i = 0; i < ITEMS; i++)
      catalog[i] =
          new ItemFacts(
              List.of("Top " + (i % 8), "Category " + (i % 40)),
              "Brand " + (i % 300),
              5 + (i % 500),
              List.of("tag" + (i % 20)));
    segments =
        new LiveSegments(
            id -> catalog[Integer.parseInt(id.substring(4))],
            Lifecycle.Settings.DEFAULT,
            () -> NOW);
    segments.rules(
        List.of(
            new SegmentRule(
                "category-browsers",
                "Viewed category 7 twice this week, never bought",
                List.of(
                    new Condition.Viewed(
                        new ItemMatch(null, "Category 7", null, null), 2, Duration.ofDays(7))),
                List.of(),
                List.of(new Condition.OrderCount(new Range(1.0, null)))),
            new SegmentRule(
                "cart-left-behind",
                "A cart, not seen for a day",
                List.of(new Condition.InCart(ItemMatch.ANY, 1)),
                List.of(),
                List.of(new Condition.LastSeen(Duration.ofDays(1)))),
            new SegmentRule(
                "best-customers-lately",
                "Champions and loyal, seen this week",
                List.of(new Condition.LastSeen(Duration.ofDays(7))),
                List.of(new Condition.InRfmGroup(Set.of(RfmGroup.CHAMPIONS, RfmGroup.LOYAL))),
                List.of())));
    Random random = new Random(7);
    keys = new String[profiles];
    for (int s = 0; s < profiles; s++) {
      String visitor = "shopper-" + s;
      for (Event event : history(visitor, random)) store.apply(event);
      keys[s] = store.resolve(visitor, null);
    }
    segments.rescan(store::forEachKept, store::isKept);
  }

  private static List<Event> history(String visitor, Random random) {
    List<Event> events = new ArrayList<>();
    Instant at = NOW.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
    for (int v = 0; v < 16; v++) {
      events.add(event(EventType.VIEW_ITEM, visitor, at, "sku-" + random.nextInt(ITEMS), null));
      at = at.plusSeconds(30 + random.nextInt(600));
    }
    if (random.nextInt(3) == 0)
      events.add(event(EventType.ADD_TO_CART, visitor, at, "sku-" + random.nextInt(ITEMS), null));
    int orders = random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 0;
    for (int o = 0; o < orders; o++) {
      at = at.plus(Duration.ofDays(random.nextInt(20)));
      events.add(
          event(
              EventType.PURCHASE,
              visitor,
              at,
              "sku-" + random.nextInt(ITEMS),
              new Transaction(visitor + "-" + o, 20.0 + random.nextInt(200), "EUR")));
    }
    return events;
  }

  private static Event event(
      EventType type, String visitor, Instant at, String item, Transaction transaction) {
    return new Event(
        type, visitor, null, List.of(EventItem.of(item)), null, null, null, at, null, transaction);
  }

  /** What each applied event adds: its shopper placed again. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 3, time = 3)
  public Object placeOneShopper() {
    String key = keys[next];
    next = next + 1 == keys.length ? 0 : next + 1;
    store.kept(key).ifPresent(segments::changed);
    return segments;
  }

  /** The scan every minute on every node: the RFM scale recomputed and every shopper placed. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public int scanEveryShopper() {
    return segments.rescan(store::forEachKept, store::isKept);
  }
}
