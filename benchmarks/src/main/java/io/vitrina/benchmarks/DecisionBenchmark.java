package io.vitrina.benchmarks;

import io.vitrina.engine.campaign.Campaign;
import io.vitrina.engine.campaign.Caps;
import io.vitrina.engine.campaign.Content;
import io.vitrina.engine.campaign.Decisions;
import io.vitrina.engine.campaign.Device;
import io.vitrina.engine.campaign.PageTrigger;
import io.vitrina.engine.campaign.PromotionHistories;
import io.vitrina.engine.campaign.PromotionHistory;
import io.vitrina.engine.campaign.Schedule;
import io.vitrina.engine.campaign.ShopperFacts;
import io.vitrina.engine.campaign.Slot;
import io.vitrina.engine.campaign.Targeting;
import io.vitrina.engine.campaign.UrlPattern;
import io.vitrina.engine.campaign.Visit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code GET /v1/decide} computes for one page view, item strips aside (those are the
 * recommender's, benchmarked elsewhere): the shopper's promotion history (visitor and customer keys
 * merged) among 100,000 shoppers', 20 campaigns filtered by schedule, targeting (segments, URL
 * patterns, device, visitor kind, cart) and caps and sorted by priority, and the choice of 5 slots
 * of 4 variants each. Every shopper has been shown 3 of the campaigns.
 *
 * <pre>./vitrina bench DecisionBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {
  private static final int SHOPPERS = 1 << 17;
  private static final int CAMPAIGNS = 20;
  private static final int SLOTS = 5;
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  private final PromotionHistories histories = new PromotionHistories(SHOPPERS * 2);
  private final List<Campaign> campaigns = new ArrayList<>();
  private final List<Slot> slots = new ArrayList<>();
  private final List<List<String>> keys = new ArrayList<>(SHOPPERS);
  private final ShopperFacts facts =
      new ShopperFacts(Set.of("lifecycle:active", "vip"), true, 2, 120);
  private final Visit visit =
      new Visit("/demo/item/sku-00042?ref=mail", Device.DESKTOP, NOW.minus(Duration.ofMinutes(5)));
  private int next;

  @Setup
  public void setUp() {
    Content content =
        new Content(null, "Title", "Text", null, new Content.Cta("Go", "/cart"), null);
    for (int i = 0; i < CAMPAIGNS; i++) {
      Targeting targeting =
          new Targeting(
              i % 3 == 0 ? List.of("vip", "segment-" + i) : List.of(),
              List.of(UrlPattern.of(i % 2 == 0 ? "/demo/item/*" : "/demo/**")),
              i % 4 == 0 ? Set.of(Device.MOBILE) : Set.of(),
              Targeting.VisitorKind.values()[i % 3],
              new Targeting.Cart(i % 5 == 0 ? 1 : null, null, null));
      campaigns.add(
          new Campaign(
              "campaign-" + i,
              null,
              true,
              i,
              content,
              List.of(new PageTrigger(PageTrigger.Type.EXIT_INTENT, 0)),
              targeting,
              new Caps(1, 2, null, 3),
              i % 7 == 0
                  ? new Schedule(NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(3600))
                  : null));
    }
    Content banner = new Content(Content.Type.TEXT, "Hello", null, null, null, null);
    for (int s = 0; s < SLOTS; s++) {
      List<Slot.Variant> variants = new ArrayList<>();
      for (int v = 0; v < 4; v++)
        variants.add(
            new Slot.Variant(
                "segment:s" + v,
                new Targeting(List.of("segment-" + v), List.of(), Set.of(), null, null),
                banner));
      slots.add(new Slot("slot-" + s, banner, variants));
    }
    for (int i = 0; i < SHOPPERS; i++) {
      List<String> shopper = List.of("v:visitor-" + i, "c:customer-" + i);
      keys.add(shopper);
      for (int c = 0; c < 3; c++)
        histories.viewed(
            List.of(shopper.get(c % 2)),
            "campaign-" + ((i + c) % CAMPAIGNS),
            NOW.minusSeconds(600 + c));
    }
  }

  /** The whole decision for one page view. */
  @Benchmark
  public int decide() {
    PromotionHistory history = histories.of(keys.get(next++ & (SHOPPERS - 1)));
    int offered = Decisions.eligible(campaigns, facts, visit, history, NOW).size();
    for (Slot slot : slots) offered += slot.choices(facts, visit).size();
    return offered;
  }
}
