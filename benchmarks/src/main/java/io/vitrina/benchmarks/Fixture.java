package io.vitrina.benchmarks;

import io.vitrina.demo.DemoStore;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.model.IndicatorSpec;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.model.ModelSnapshot;
import io.vitrina.engine.signal.Event;
import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.index.SegmentReader;

/**
 * The serving state of a generated store, built through the {@link ServingCore} the way the server
 * builds it: catalog indexed (the catalog's start-up load), events of the profile window applied to
 * the core and idle profiles evicted (the events' replay), a model collected from the events of the
 * model window with the identity graph and swapped in (a model build). Then the request inputs the
 * benchmarks cycle through: known visitors, unknown visitors, random items.
 */
public final class Fixture implements Closeable {
  /**
   * The server's defaults, but answers are computed every time unless {@code
   * -Dvitrina.bench.cache=true}: with the cache on, the shopper-independent benchmarks (popular,
   * similar, also_viewed) would measure a map lookup after the first pass over their inputs.
   */
  static final ServingCore.Settings SETTINGS =
      ServingCore.Settings.DEFAULT.withAnswerCache(Boolean.getBoolean("vitrina.bench.cache"));

  static final long INDEX_REFRESH_MILLIS = 200; // the server's --index-refresh default

  public static final long SEED = DemoStore.DEFAULT_SEED;
  public static final int ITEMS = Integer.getInteger("vitrina.bench.items", 100_000);
  public static final int VISITORS = Integer.getInteger("vitrina.bench.visitors", 30_000);
  public static final int DAYS = 7;
  public static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

  /** How many distinct request inputs each benchmark cycles through (a power of two). */
  public static final int SAMPLE = 4096;

  public final DemoStore store;
  public final ServingCore core;
  public final ModelSnapshot model;

  /** Visitor ids whose profile has history (views, cart or purchases), shuffled. */
  public final String[] knownVisitors;

  /** Visitor ids never seen: their profile is empty, personal falls back to popular. */
  public final String[] unknownVisitors;

  /** Item ids drawn uniformly from the whole catalog (in stock or not), shuffled. */
  public final String[] randomItems;

  private final Map<String, Long> timingsMillis = new java.util.LinkedHashMap<>();

  public Fixture() throws IOException {
    long t0 = System.nanoTime();
    store = DemoStore.generate(SEED, ITEMS, VISITORS, DAYS, NOW);
    long t1 = System.nanoTime();
    timingsMillis.put("generate", (t1 - t0) / 1_000_000);

    // The catalog's start-up load: upsert pages, then one refresh.
    core =
        new ServingCore(
            CatalogIndex.inMemory(INDEX_REFRESH_MILLIS),
            SETTINGS,
            NOW.minus(SETTINGS.profileWindow()));
    List<Item> items = store.items();
    for (int from = 0; from < items.size(); from += 10_000) {
      core.index().upsert(items.subList(from, Math.min(items.size(), from + 10_000)));
    }
    core.index().refresh();
    long t2 = System.nanoTime();
    timingsMillis.put("index catalog", (t2 - t1) / 1_000_000);

    // The events' replay: every event of the profile window applied, then eviction.
    Instant profileSince = core.replaySince(NOW);
    for (Event event : store.events()) {
      if (!event.occurredAt().isBefore(profileSince)) core.apply(event);
    }
    core.evictProfiles(NOW);
    long t3 = System.nanoTime();
    timingsMillis.put("replay profiles+popularity", (t3 - t2) / 1_000_000);

    // A model build: identities, collect, build with the live popularity, swap.
    Map<String, String> identities = identities(store.events());
    ModelBuilder builder = core.newModelBuilder();
    Instant modelSince = core.modelSince(NOW);
    for (Event event : store.events()) {
      if (!event.occurredAt().isBefore(modelSince)) builder.add(event, identities);
    }
    ServingCore.Swap swap = core.buildAndSwap(builder, NOW);
    model = swap.model();
    long t4 = System.nanoTime();
    timingsMillis.put("model build and swap", (t4 - t3) / 1_000_000);
    core.trainFactors(builder);
    timingsMillis.put("factor model", (System.nanoTime() - t4) / 1_000_000);

    Random random = new Random(SEED);
    List<String> visitors =
        new ArrayList<>(
            new LinkedHashSet<>(
                store.events().stream().map(Event::visitorId).filter(v -> v != null).toList()));
    java.util.Collections.shuffle(visitors, random);
    List<String> known = new ArrayList<>(SAMPLE);
    for (String visitor : visitors) {
      if (known.size() == SAMPLE) break;
      if (!core.profile(visitor, null).isEmpty()) known.add(visitor);
    }
    knownVisitors = known.toArray(String[]::new);
    unknownVisitors = new String[SAMPLE];
    for (int i = 0; i < SAMPLE; i++) unknownVisitors[i] = "bench-unknown-" + i;
    randomItems = new String[SAMPLE];
    for (int i = 0; i < SAMPLE; i++) randomItems[i] = items.get(random.nextInt(items.size())).id();
  }

  /**
   * The identities table as EventLog fills it: the first (visitor, customer) pair seen per visitor
   * wins ({@code ON CONFLICT (visitor_id) DO NOTHING}).
   */
  static Map<String, String> identities(List<Event> events) {
    Map<String, String> out = new HashMap<>();
    for (Event e : events) {
      if (e.visitorId() != null && e.customerId() != null)
        out.putIfAbsent(e.visitorId(), e.customerId());
    }
    return out;
  }

  public String describe() {
    var s = model.stats();
    Set<String> inStock = new java.util.HashSet<>();
    for (Item item : store.items()) if (item.inStock()) inStock.add(item.id());
    int withViewInd = 0;
    for (String id : randomItems)
      if (model.indicators(IndicatorSpec.VIEW).containsKey(id)) withViewInd++;
    return String.format(
        "store: %,d items (%,d in stock), %,d events, %,d profiles; model: %,d interactions of %,d shoppers, "
            + "%,d items with view indicators, %,d with purchase indicators, built in %,d ms; "
            + "%d index segments, %,d MB of index files; heap in use after GC %,d MB; sample: %,d known visitors, %,d/%,d random items have view indicators; setup ms %s",
        store.items().size(),
        inStock.size(),
        store.events().size(),
        core.profileCount(),
        s.events(),
        s.shoppers(),
        s.itemsWith(IndicatorSpec.VIEW),
        s.itemsWith(IndicatorSpec.BUY),
        s.buildMillis(),
        core.index().withSearcher(searcher -> searcher.getIndexReader().leaves().size()),
        indexBytes() >> 20,
        heapAfterGc() >> 20,
        knownVisitors.length,
        withViewInd,
        randomItems.length,
        timingsMillis);
  }

  /** The size of the catalog index's files (all in heap here: the index is in memory). */
  private long indexBytes() {
    return core.index()
        .withSearcher(
            searcher -> {
              long bytes = 0;
              for (var leaf : searcher.getIndexReader().leaves())
                bytes += ((SegmentReader) leaf.reader()).getSegmentInfo().sizeInBytes();
              return bytes;
            });
  }

  /**
   * Heap in use once garbage is collected: the index files, the items decoded in memory, the model,
   * the item vectors and their graph, the profiles and popularity.
   */
  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Override
  public void close() throws IOException {
    core.close();
  }
}
