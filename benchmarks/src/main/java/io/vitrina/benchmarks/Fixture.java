package io.vitrina.benchmarks;

import io.vitrina.demo.DemoStore;
import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.CooccurrenceIndicators;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.model.ModelSnapshot;
import io.vitrina.engine.model.PopularityCounter;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.signal.Event;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The serving state of a generated store, built the way the server builds it: catalog indexed
 * ({@code Vitrina.loadCatalog}), events replayed into profiles and popularity
 * ({@code Vitrina.applyOnline}), a model collected and built from the same events with the
 * identity graph ({@code ModelService.collect/rebuild}) and swapped into the index. Then the
 * request inputs the benchmarks cycle through: known visitors, unknown visitors, random items.
 */
public final class Fixture implements Closeable {
  static final Duration PROFILE_WINDOW = io.vitrina.server.Vitrina.PROFILE_WINDOW;
  static final Duration MODEL_WINDOW = io.vitrina.server.model.ModelService.WINDOW;
  /** The server's popularity half-life. */
  static final Duration POPULARITY_HALF_LIFE = Duration.ofDays(7);
  static final int MAX_PROFILES = 250_000; // the server's --max-profiles default
  static final long INDEX_REFRESH_MILLIS = 200; // the server's --index-refresh default

  public static final long SEED = DemoStore.DEFAULT_SEED;
  public static final int ITEMS = Integer.getInteger("vitrina.bench.items", 100_000);
  public static final int VISITORS = Integer.getInteger("vitrina.bench.visitors", 30_000);
  public static final int DAYS = 7;
  public static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
  /** How many distinct request inputs each benchmark cycles through (a power of two). */
  public static final int SAMPLE = 4096;

  public final DemoStore store;
  public final CatalogIndex index;
  public final ProfileStore profiles = new ProfileStore();
  public final PopularityCounter popularity;
  public final ModelSnapshot model;
  public final Recommender recommender;

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

    // Vitrina.loadCatalog: upsert pages, then one refresh.
    index = CatalogIndex.inMemory(INDEX_REFRESH_MILLIS);
    List<Item> items = store.items();
    for (int from = 0; from < items.size(); from += 10_000) {
      index.upsert(items.subList(from, Math.min(items.size(), from + 10_000)));
    }
    index.refresh();
    long t2 = System.nanoTime();
    timingsMillis.put("index catalog", (t2 - t1) / 1_000_000);

    // Vitrina.replayEvents: applyOnline for every event of the profile window, then eviction.
    popularity = new PopularityCounter(NOW.minus(PROFILE_WINDOW), POPULARITY_HALF_LIFE);
    Instant profileSince = NOW.minus(PROFILE_WINDOW);
    for (Event event : store.events()) {
      if (event.occurredAt().isBefore(profileSince)) continue;
      profiles.apply(event);
      popularity.record(event);
    }
    profiles.evictIdleSince(NOW.minus(PROFILE_WINDOW));
    profiles.evictBeyond(MAX_PROFILES);
    long t3 = System.nanoTime();
    timingsMillis.put("replay profiles+popularity", (t3 - t2) / 1_000_000);

    // ModelService.rebuild: identities, collect, build with the live popularity, swap.
    Map<String, String> identities = identities(store.events());
    ModelBuilder builder = new ModelBuilder(CooccurrenceIndicators.Settings.DEFAULT);
    Instant modelSince = NOW.minus(MODEL_WINDOW);
    for (Event event : store.events()) {
      if (!event.occurredAt().isBefore(modelSince)) builder.add(event, identities);
    }
    model = builder.build(popularity.snapshot(NOW), NOW);
    long t4 = System.nanoTime();
    timingsMillis.put("model build", (t4 - t3) / 1_000_000);
    index.swapModel(model);
    long t5 = System.nanoTime();
    timingsMillis.put("model swap (rewrite index)", (t5 - t4) / 1_000_000);

    recommender = new Recommender(index, profiles, AlgorithmCatalog.standard());

    Random random = new Random(SEED);
    List<String> visitors = new ArrayList<>(new LinkedHashSet<>(store.events().stream().map(Event::visitorId).filter(v -> v != null).toList()));
    java.util.Collections.shuffle(visitors, random);
    List<String> known = new ArrayList<>(SAMPLE);
    for (String visitor : visitors) {
      if (known.size() == SAMPLE) break;
      if (!profiles.view(visitor, null).isEmpty()) known.add(visitor);
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
      if (e.visitorId() != null && e.customerId() != null) out.putIfAbsent(e.visitorId(), e.customerId());
    }
    return out;
  }

  public String describe() {
    var s = model.stats();
    Set<String> inStock = new java.util.HashSet<>();
    for (Item item : store.items()) if (item.inStock()) inStock.add(item.id());
    int withViewInd = 0;
    for (String id : randomItems) if (model.viewIndicators().containsKey(id)) withViewInd++;
    return String.format(
        "store: %,d items (%,d in stock), %,d events, %,d profiles; model: %,d interactions of %,d shoppers, "
            + "%,d items with view indicators, %,d with purchase indicators, built in %,d ms; "
            + "sample: %,d known visitors, %,d/%,d random items have view indicators; setup ms %s",
        store.items().size(), inStock.size(), store.events().size(), profiles.size(), s.events(), s.shoppers(),
        s.itemsWithViewIndicators(), s.itemsWithBuyIndicators(), s.buildMillis(), knownVisitors.length, withViewInd,
        randomItems.length, timingsMillis);
  }

  @Override
  public void close() throws IOException {
    index.close();
  }
}
