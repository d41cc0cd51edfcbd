package io.vitrina.benchmarks;

import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Transaction;
import io.vitrina.engine.trigger.CatalogFacts;
import io.vitrina.engine.trigger.CatalogFacts.ItemFact;
import io.vitrina.engine.trigger.Decision;
import io.vitrina.engine.trigger.Sent;
import io.vitrina.engine.trigger.TriggerRules;
import io.vitrina.engine.trigger.TriggerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One trigger scan over {@value #SHOPPERS} profiles, as the server's scan job runs it: each profile
 * copied out of the store and decided by {@link TriggerRules} against what was sent (a tenth of the
 * shoppers have history) and the catalog's facts (a map here; the server reads them once per item
 * per scan from the index's in-memory items). Shoppers are synthetic: views over a week, a third
 * with a cart, a fifth with orders, searches, sign-ups. PostgreSQL (reading the sent history,
 * writing the firings) and the recommendations of the fired ones are not in it.
 *
 * <pre>./vitrina bench TriggerScanBenchmark -f 0</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Threads(1)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TriggerScanBenchmark {
  static final int SHOPPERS = Integer.getInteger("vitrina.bench.trigger.shoppers", 250_000);
  static final int ITEMS = 20_000;
  static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

  private ProfileStore profiles;
  private final Map<String, ItemFact> catalog = new HashMap<>();
  private final Map<String, Sent> sent = new HashMap<>();
  private final TriggerRules rules = new TriggerRules(TriggerSettings.DEFAULTS);

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < ITEMS; i++) {
      boolean sale = random.nextInt(10) == 0;
      catalog.put(
          "item-" + i,
          new ItemFact(
              80,
              sale ? 100.0 : null,
              random.nextInt(20) != 0,
              "category-" + (i % 200),
              random.nextInt(50) == 0 ? NOW.minus(Duration.ofHours(random.nextInt(96))) : null));
    }
    profiles = new ProfileStore();
    long started = System.nanoTime();
    for (int s = 0; s < SHOPPERS; s++) {
      String visitor = "visitor-" + s;
      for (Event e : shopper(visitor, random)) profiles.apply(e);
      if (s % 10 == 0)
        sent.put(
            "v:" + visitor,
            new Sent(
                java.util.Set.of("welcome|x"),
                NOW.minus(Duration.ofDays(2)),
                Map.of(
                    io.vitrina.engine.trigger.TriggerKind.WELCOME, NOW.minus(Duration.ofDays(2)))));
    }
    System.out.printf(
        "%n%,d profiles built in %,d ms%n",
        profiles.size(), (System.nanoTime() - started) / 1_000_000);
  }

  private static List<Event> shopper(String visitor, SplittableRandom random) {
    List<Event> out = new ArrayList<>();
    Instant at = NOW.minus(Duration.ofMinutes(random.nextInt(7 * 24 * 60)));
    int views = 2 + random.nextInt(10);
    int department = random.nextInt(200);
    for (int v = 0; v < views; v++) {
      int item = department + 200 * random.nextInt(ITEMS / 200);
      if (v > 0 && random.nextInt(4) == 0) item = department; // some repeated views
      out.add(event(EventType.VIEW_ITEM, visitor, "item-" + item, null, at));
      at = at.plusSeconds(40);
    }
    if (random.nextInt(3) == 0)
      out.add(event(EventType.ADD_TO_CART, visitor, "item-" + department, null, at));
    if (random.nextInt(4) == 0) out.add(event(EventType.SEARCH, visitor, null, "shoes", at));
    if (random.nextInt(5) == 0) {
      Instant bought = at.minus(Duration.ofDays(random.nextInt(30)));
      out.add(
          new Event(
              EventType.PURCHASE,
              visitor,
              null,
              List.of(new EventItem("item-" + (department + 200), 1, 80)),
              null,
              null,
              null,
              bought,
              null,
              new Transaction(visitor + "-o1", 80.0, "RUB")));
    }
    if (random.nextInt(20) == 0) out.add(event(EventType.SIGN_UP, visitor, null, null, at));
    return out;
  }

  private static Event event(
      EventType type, String visitor, String item, String query, Instant at) {
    List<EventItem> items = item == null ? List.of() : List.of(new EventItem(item, 1, 100));
    return new Event(type, visitor, null, items, query, null, null, at);
  }

  /** One scan: every profile decided; the count of fired messages is returned (kept live). */
  @Benchmark
  public int scan() {
    CatalogFacts facts = catalog::get;
    int[] fired = {0};
    profiles.forEach(
        (key, profile) -> {
          Decision d = rules.decide(profile, sent.getOrDefault(key, Sent.NONE), facts, NOW);
          if (d.fire() != null) fired[0]++;
        });
    return fired[0];
  }
}
