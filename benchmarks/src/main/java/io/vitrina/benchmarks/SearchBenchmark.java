package io.vitrina.benchmarks;

import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommendations;
import io.vitrina.engine.algorithm.SearchResults;
import io.vitrina.engine.catalog.Item;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code GET /v1/search} without HTTP: a known visitor searches, 10 results. Half the texts are a
 * random item's leaf category (broad: hundreds to thousands of matches), half two words of its
 * title (narrow). {@code searchBlock} is the block alone (the answer before search pages counted
 * their matches), {@code searchPage} the block with the total and the facets.
 *
 * <pre>./vitrina bench Search -f 0 -wi 2 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
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
public class SearchBenchmark {
  private static final int LIMIT = 10;
  private static final int MASK = Fixture.SAMPLE - 1;

  private Fixture fixture;
  private RecommendationRequest[] requests;
  private int cursor;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    fixture = new Fixture();
    System.out.println();
    System.out.println("[fixture] " + fixture.describe());
    Map<String, Item> byId = new HashMap<>();
    for (Item item : fixture.store.items()) byId.put(item.id(), item);
    requests = new RecommendationRequest[Fixture.SAMPLE];
    for (int i = 0; i < requests.length; i++) {
      Item item = byId.get(fixture.randomItems[i]);
      String[] words = item.title().split("\\s+");
      String text =
          i % 2 == 0 || words.length < 2 ? item.leafCategory() : words[0] + " " + words[1];
      requests[i] =
          RecommendationRequest.builder(AlgorithmCatalog.SEARCH_PERSONAL)
              .visitor(fixture.knownVisitors[i % fixture.knownVisitors.length])
              .query(text)
              .limit(LIMIT)
              .build();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    fixture.close();
  }

  /** The block alone, as {@code /v1/search} answered before it counted its results. */
  @Benchmark
  public Recommendations searchBlock() {
    return fixture.core.recommend(requests[cursor++ & MASK]);
  }

  /** What {@code /v1/search} answers now: the page, the total and the facets of every match. */
  @Benchmark
  public SearchResults searchPage() {
    return fixture.core.recommender().search(requests[cursor++ & MASK]);
  }
}
