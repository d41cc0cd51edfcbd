package io.vitrina.benchmarks;

import io.vitrina.engine.algorithm.Algorithm;
import io.vitrina.engine.algorithm.ContextKind;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommendations;
import io.vitrina.engine.catalog.Item;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Every algorithm of the catalogue, one request at a time ({@code ServingCore.recommend}, limit 10)
 * on the {@link Fixture} store: a known visitor on the page of a random item, with that item's leaf
 * category as the category page and the search text, and the item in the cart, so that every
 * algorithm has the context it needs. Answers are not cached, as in {@link RecommenderBenchmark}.
 *
 * <p>Every algorithm forked apart builds the store 33 times (about 50 minutes); in one JVM it is
 * built once (about 8 minutes), at the cost of profile pollution between algorithms:
 *
 * <pre>./vitrina bench AlgorithmBenchmark -f 0
 * ./vitrina bench AlgorithmBenchmark -p algorithm=upsell,trending</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-modules",
      "jdk.incubator.vector",
      "--enable-native-access=ALL-UNNAMED",
      "-Xms2g",
      "-Xmx2g"
    })
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(1)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AlgorithmBenchmark {
  private static final int LIMIT = 10;
  private static final int MASK = Fixture.SAMPLE - 1;

  /** The catalogue's algorithms; {@link #setUp} fails when one is missing here. */
  @Param({
    "personal",
    "personal_embedding",
    "popular",
    "similar",
    "recently_viewed",
    "also_viewed",
    "also_bought",
    "viewed_then_bought",
    "cross_sell",
    "alternatives",
    "upsell",
    "cheaper",
    "same_brand",
    "category_popular",
    "category_personal",
    "category_new",
    "category_sale",
    "cart_cross_sell",
    "abandoned_cart",
    "new_arrivals",
    "personal_sale",
    "email_personal",
    "favorite_brands",
    "favorite_categories",
    "price_drop",
    "trending",
    "category_trending",
    "search_to_items",
    "search_personal",
    "search_fallback",
    "replenish",
    "item_cf",
    "bought_together",
    "back_in_stock",
    "next_best_offer",
    "segment_popular",
    "geo_popular"
  })
  public String algorithm;

  /**
   * One store for every algorithm when the run does not fork ({@code -f 0}): building it takes
   * longer than measuring one algorithm.
   */
  private static Fixture shared;

  private Fixture fixture;
  private RecommendationRequest[] requests;
  private int cursor;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    if (shared == null) shared = new Fixture();
    fixture = shared;
    List<String> catalogue =
        fixture.core.recommender().algorithms().all().stream().map(Algorithm::name).toList();
    if (catalogue.size() != 37)
      throw new IllegalStateException(
          "AlgorithmBenchmark's @Param list misses some of " + catalogue);
    System.out.println();
    System.out.println("[fixture] " + fixture.describe());
    Algorithm asked = fixture.core.recommender().algorithms().get(algorithm).orElseThrow();
    Map<String, Item> byId = new HashMap<>();
    for (Item item : fixture.store.items()) byId.put(item.id(), item);
    requests = new RecommendationRequest[Fixture.SAMPLE];
    for (int i = 0; i < requests.length; i++) {
      Item item = byId.get(fixture.randomItems[i]);
      String category = item.leafCategory();
      RecommendationRequest.Builder request =
          RecommendationRequest.builder(algorithm)
              .visitor(fixture.knownVisitors[i % fixture.knownVisitors.length])
              .item(item.id())
              .limit(LIMIT);
      if (asked.requires().contains(ContextKind.CATEGORY)) request.category(category);
      if (asked.requires().contains(ContextKind.SEARCH)) request.query(category);
      request.cart(List.of(item.id()));
      requests[i] = request.build();
    }
  }

  @Benchmark
  public Recommendations recommend() {
    return fixture.core.recommend(requests[cursor++ & MASK]);
  }
}
