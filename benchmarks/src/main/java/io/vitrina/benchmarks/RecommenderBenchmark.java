package io.vitrina.benchmarks;

import static io.vitrina.engine.algorithm.AlgorithmCatalog.ALSO_VIEWED;
import static io.vitrina.engine.algorithm.AlgorithmCatalog.PERSONAL;
import static io.vitrina.engine.algorithm.AlgorithmCatalog.PERSONAL_EMBEDDING;
import static io.vitrina.engine.algorithm.AlgorithmCatalog.POPULAR;
import static io.vitrina.engine.algorithm.AlgorithmCatalog.SIMILAR;

import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommendations;
import java.io.IOException;
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
 * {@code Recommender.recommend} with limit 10 on a generated store of 100,000 items and a week of
 * traffic from 30,000 visitors, served from the in-memory catalog index with the model swapped in,
 * exactly as the server answers {@code GET /v1/recommendations/{algorithm}} (minus HTTP and JSON).
 *
 * <p>Each benchmark cycles through 4,096 request inputs so that no single query's postings stay
 * hot. One thread: on a 2-core machine a second thread would compete with JIT and GC.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-modules",
      "jdk.incubator.vector",
      "--enable-native-access=ALL-UNNAMED",
      "-Xms2g",
      "-Xmx2g"
    })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RecommenderBenchmark {
  private static final int LIMIT = 10;
  private static final int MASK = Fixture.SAMPLE - 1;

  private Fixture fixture;
  private RecommendationRequest[] personalKnown;
  private RecommendationRequest[] personalUnknown;
  private RecommendationRequest[] personalEmbedding;
  private RecommendationRequest popular;
  private RecommendationRequest[] alsoViewed;
  private RecommendationRequest[] similar;
  private int cursor;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    fixture = new Fixture();
    System.out.println();
    System.out.println("[fixture] " + fixture.describe());
    personalKnown = visitors(PERSONAL, fixture.knownVisitors);
    personalUnknown = visitors(PERSONAL, fixture.unknownVisitors);
    personalEmbedding = visitors(PERSONAL_EMBEDDING, fixture.knownVisitors);
    popular = RecommendationRequest.builder(POPULAR).visitor("bench-popular").limit(LIMIT).build();
    alsoViewed = items(ALSO_VIEWED, fixture.randomItems);
    similar = items(SIMILAR, fixture.randomItems);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    fixture.close();
  }

  private static RecommendationRequest[] visitors(String algorithm, String[] ids) {
    RecommendationRequest[] out = new RecommendationRequest[Fixture.SAMPLE];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          RecommendationRequest.builder(algorithm)
              .visitor(ids[i % ids.length])
              .limit(LIMIT)
              .build();
    }
    return out;
  }

  private static RecommendationRequest[] items(String algorithm, String[] ids) {
    RecommendationRequest[] out = new RecommendationRequest[Fixture.SAMPLE];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          RecommendationRequest.builder(algorithm)
              .visitor("bench-visitor")
              .item(ids[i])
              .limit(LIMIT)
              .build();
    }
    return out;
  }

  private RecommendationRequest next(RecommendationRequest[] requests) {
    return requests[cursor++ & MASK];
  }

  @Benchmark
  public Recommendations personalKnownVisitor() {
    return fixture.core.recommend(next(personalKnown));
  }

  @Benchmark
  public Recommendations personalUnknownVisitor() {
    return fixture.core.recommend(next(personalUnknown));
  }

  @Benchmark
  public Recommendations personalEmbeddingKnownVisitor() {
    return fixture.core.recommend(next(personalEmbedding));
  }

  @Benchmark
  public Recommendations popular() {
    return fixture.core.recommend(popular);
  }

  @Benchmark
  public Recommendations alsoViewedRandomItem() {
    return fixture.core.recommend(next(alsoViewed));
  }

  @Benchmark
  public Recommendations similarRandomItem() {
    return fixture.core.recommend(next(similar));
  }
}
