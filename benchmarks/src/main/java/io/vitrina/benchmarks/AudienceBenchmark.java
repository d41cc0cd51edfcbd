package io.vitrina.benchmarks;

import io.vitrina.engine.audience.AudienceMember;
import io.vitrina.engine.audience.Audiences;
import io.vitrina.engine.audience.Likeness;
import io.vitrina.engine.profile.Facet;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The profile index on the {@link Fixture} store: every profile written once at setup (as after a
 * start or a training; its time is printed), then look-alikes of one known visitor by affinity and
 * by vector, an audience by one brand, and a batch of 1,000 shoppers' new events written as the
 * server's job writes them.
 *
 * <pre>./vitrina bench AudienceBenchmark -f 0</pre>
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
@Measurement(iterations = 3, time = 3)
@Threads(1)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AudienceBenchmark {
  private static final int MASK = Fixture.SAMPLE - 1;
  private static final int BATCH = 1_000;
  private static final int SIZE = 100;

  private Fixture fixture;
  private Audiences audiences;
  private String[] brands;
  private int next;
  private long minute;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    fixture = new Fixture();
    audiences = fixture.core.audiences();
    long started = System.nanoTime();
    Audiences.Batch all = audiences.indexChanged(Integer.MAX_VALUE);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "%n%s%nprofile index: %,d profiles written in %,d ms (%,.0f per second), %,d indexed, %,d MB%n",
        fixture.describe(),
        all.written(),
        millis,
        all.written() * 1000.0 / Math.max(1, millis),
        audiences.indexed(),
        audiences.indexBytes() >> 20);
    brands = new String[Fixture.SAMPLE];
    for (int i = 0; i < brands.length; i++)
      brands[i] = fixture.core.index().get(fixture.randomItems[i]).orElseThrow().brand();
  }

  @TearDown
  public void tearDown() throws IOException {
    fixture.close();
  }

  /** A known visitor's profile key: a customer's, once the visitor logged in. */
  private String knownKey() {
    return audiences.keyOf(fixture.knownVisitors[next++ & MASK], null);
  }

  @Benchmark
  public List<AudienceMember> lookalikesByAffinity() {
    return audiences.lookalikes(List.of(knownKey()), Likeness.AFFINITY, null, SIZE);
  }

  @Benchmark
  public List<AudienceMember> lookalikesByVector() {
    return audiences.lookalikes(List.of(knownKey()), Likeness.VECTOR, null, SIZE);
  }

  @Benchmark
  public List<AudienceMember> audienceByBrand() {
    return audiences.byAffinity(Map.of(Facet.BRAND, Map.of(brands[next++ & MASK], 1f)), null, SIZE);
  }

  /** 1,000 shoppers view an item each, then the batch is written: ms per batch. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Audiences.Batch writeBatchOf1000() {
    var at = Fixture.NOW.plusSeconds(++minute * 60);
    for (int i = 0; i < BATCH; i++) {
      String item = fixture.randomItems[next & MASK];
      fixture.core.apply(
          new Event(
              EventType.VIEW_ITEM,
              fixture.knownVisitors[next++ & MASK],
              null,
              List.of(EventItem.of(item)),
              null,
              null,
              null,
              at));
    }
    return audiences.indexChanged(BATCH);
  }
}
