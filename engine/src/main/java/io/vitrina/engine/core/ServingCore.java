package io.vitrina.engine.core;

import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.engine.algorithm.ContentLikeness;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommendations;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.engine.audience.Audiences;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemNeighbours;
import io.vitrina.engine.model.CooccurrenceIndicators;
import io.vitrina.engine.model.ImplicitFactors;
import io.vitrina.engine.model.IndicatorSpec;
import io.vitrina.engine.model.ItemVectors;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.model.ModelSnapshot;
import io.vitrina.engine.model.PopularityCounter;
import io.vitrina.engine.model.Trend;
import io.vitrina.engine.profile.ItemFacets;
import io.vitrina.engine.profile.KeptProfile;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.profile.ProfileView;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.Origin;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The online state of one store and the one way to serve from it: the catalog index, the shoppers'
 * profiles, live popularity, the model swapped into the index, and the recommender. The server, the
 * offline evaluation and the benchmarks all wire the engine through this class, so what they
 * measure is what serves.
 *
 * <p>Thread-safe. {@link #apply} is cheap (profile and counters in memory); model builds, swaps and
 * evictions are blocking CPU work for a worker thread.
 */
public final class ServingCore implements Closeable {
  /**
   * @param profileWindow profiles are rebuilt from this much history, and forget shoppers idle
   *     longer
   * @param modelWindow models learn from this much history
   * @param popularityHalfLife how fast demand decays
   * @param maxProfiles profiles kept in memory; the least recently seen go first
   * @param indicators what the model build computes (see {@link IndicatorSpec})
   * @param cacheAnswers keep answers that are the same for every shopper until the catalog or the
   *     model changes
   * @param purchaseExclusion how long a bought item stays out of the shopper's blocks that propose
   *     new items (recently_viewed still shows it)
   * @param factors how the factor model behind {@code personal_embedding} is trained
   */
  public record Settings(
      Duration profileWindow,
      Duration modelWindow,
      Duration popularityHalfLife,
      int maxProfiles,
      List<IndicatorSpec> indicators,
      boolean cacheAnswers,
      Duration purchaseExclusion,
      ImplicitFactors.Settings factors) {
    public static final Settings DEFAULT =
        new Settings(
            Duration.ofDays(90),
            Duration.ofDays(90),
            Duration.ofDays(7),
            250_000,
            IndicatorSpec.standard(),
            true,
            Recommender.DEFAULT_PURCHASE_EXCLUSION,
            ImplicitFactors.Settings.DEFAULT);

    public Settings {
      indicators = List.copyOf(indicators);
      if (maxProfiles < 1) throw new IllegalArgumentException("maxProfiles must be at least 1");
      if (purchaseExclusion.isNegative())
        throw new IllegalArgumentException("purchaseExclusion must not be negative");
    }

    public Settings withMaxProfiles(int max) {
      return new Settings(
          profileWindow,
          modelWindow,
          popularityHalfLife,
          max,
          indicators,
          cacheAnswers,
          purchaseExclusion,
          factors);
    }

    public Settings withPopularityHalfLife(Duration halfLife) {
      return new Settings(
          profileWindow,
          modelWindow,
          halfLife,
          maxProfiles,
          indicators,
          cacheAnswers,
          purchaseExclusion,
          factors);
    }

    public Settings withIndicators(List<IndicatorSpec> specs) {
      return new Settings(
          profileWindow,
          modelWindow,
          popularityHalfLife,
          maxProfiles,
          specs,
          cacheAnswers,
          purchaseExclusion,
          factors);
    }

    public Settings withAnswerCache(boolean on) {
      return new Settings(
          profileWindow,
          modelWindow,
          popularityHalfLife,
          maxProfiles,
          indicators,
          on,
          purchaseExclusion,
          factors);
    }

    public Settings withPurchaseExclusion(Duration window) {
      return new Settings(
          profileWindow,
          modelWindow,
          popularityHalfLife,
          maxProfiles,
          indicators,
          cacheAnswers,
          window,
          factors);
    }

    /** The standard indicators with other co-occurrence settings. */
    public Settings withCooccurrence(CooccurrenceIndicators.Settings settings) {
      return withIndicators(IndicatorSpec.standard(settings));
    }
  }

  private final Settings settings;
  private final CatalogIndex index;
  private final ProfileStore profiles;
  private final PopularityCounter popularity;

  /** Demand with a short half-life: against {@link #popularity}, what is rising. */
  private final PopularityCounter recentDemand;

  private final Recommender recommender;
  private final Audiences audiences;
  private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

  /** Profiles kept: the setting, lowered (to half of it at most) when the heap ran short. */
  private volatile int profileBound;

  /**
   * @param index the catalog index; the core closes it
   * @param popularityOrigin a time at or before the first event it will count (decay is relative to
   *     it)
   */
  public ServingCore(CatalogIndex index, Settings settings, Instant popularityOrigin) {
    this(index, settings, popularityOrigin, Clock.systemUTC());
  }

  /**
   * @param clock "now" for requests (which purchases are recent enough to leave out)
   */
  public ServingCore(CatalogIndex index, Settings settings, Instant popularityOrigin, Clock clock) {
    this.settings = settings;
    this.profileBound = settings.maxProfiles();
    this.index = index;
    this.profiles =
        new ProfileStore(
            id -> index.get(id).map(ServingCore::facetsOf).orElse(null),
            ProfileStore.AFFINITY_HALF_LIFE);
    this.popularity = new PopularityCounter(popularityOrigin, settings.popularityHalfLife());
    this.recentDemand = new PopularityCounter(popularityOrigin, Trend.HALF_LIFE);
    this.recommender =
        new Recommender(
            index,
            profiles,
            AlgorithmCatalog.standard(),
            settings.cacheAnswers(),
            settings.purchaseExclusion(),
            clock);
    this.audiences = new Audiences(profiles, index::vectors);
  }

  /** What a shopper's affinities count of an item. */
  public static ItemFacets facetsOf(Item item) {
    return ItemFacets.of(item.categories(), item.brand(), item.price(), item.tags());
  }

  public CatalogIndex index() {
    return index;
  }

  public Recommender recommender() {
    return recommender;
  }

  /** Look-alikes and audiences by taste, over the profile index. */
  public Audiences audiences() {
    return audiences;
  }

  public Recommendations recommend(RecommendationRequest request) {
    return recommender.recommend(request);
  }

  /** Calls {@code listener} for every event applied from now on. */
  public void addListener(EventListener listener) {
    listeners.add(listener);
  }

  /** Updates the online state with an accepted event, then tells the listeners. */
  public void apply(Event event) {
    apply(event, Origin.LIVE);
  }

  /**
   * Updates the online state with an event of the log, then tells the listeners where it came from.
   */
  public void apply(Event event, Origin origin) {
    profiles.apply(event);
    popularity.record(event);
    recentDemand.record(event);
    for (EventListener listener : listeners) listener.applied(event, origin);
  }

  /**
   * Counts into the profiles the affinities of earlier events' lines that named {@code ids} before
   * the catalog had them; call once the index has them. Returns the lines counted.
   */
  public int itemsArrived(Collection<String> ids) {
    return profiles.itemsArrived(ids);
  }

  /** Event lines waiting for items the catalog does not have yet. */
  public int awaitedLines() {
    return profiles.awaitedLines();
  }

  /** Event lines not kept to wait for their item (too many waited) since start. */
  public long awaitedLinesDropped() {
    return profiles.awaitedLinesDropped();
  }

  /** The shopper's profile, or the empty one. */
  public ProfileView profile(String visitorId, String customerId) {
    return profiles.view(visitorId, customerId);
  }

  /** Calls {@code each} with every kept profile. */
  public void forEachKeptProfile(Consumer<KeptProfile> each) {
    profiles.forEachKept(each);
  }

  /** The shoppers' profiles: consent, export and erasure read and change them there. */
  public ProfileStore profiles() {
    return profiles;
  }

  /** Every kept profile with its key, one at a time: what a trigger scan reads. */
  public void forEachProfile(java.util.function.BiConsumer<String, ProfileView> each) {
    profiles.forEach(each);
  }

  public int profileCount() {
    return profiles.size();
  }

  /**
   * Whether profiles passed their bound by more than a tenth: time to evict now, not at the next
   * tick.
   */
  public boolean profilesOverBound() {
    int bound = profileBound;
    return profiles.size() > bound + bound / 10;
  }

  /** Keeps at most the bound's profiles; returns how many went. Blocking: sorts every profile. */
  public int evictBeyondBound() {
    return profiles.evictBeyond(profileBound);
  }

  /**
   * Drops the least recently seen {@code share} of the profiles and lowers the bound to what is
   * left (never below half the setting, so that passing squeezes do not ratchet it down): what the
   * service does when the heap runs short, rather than fail. Returns how many went. Blocking.
   */
  public int shedProfiles(double share) {
    int evicted = profiles.evictShare(share);
    int floor = Math.max(1, settings.maxProfiles() / 2);
    profileBound = Math.max(floor, Math.min(profileBound, profiles.size()));
    return evicted;
  }

  /** Drops profiles idle longer than the window, then keeps the bound; returns how many went. */
  public int evictProfiles(Instant now) {
    return profiles.evictIdleSince(now.minus(settings.profileWindow())) + evictBeyondBound();
  }

  /** Oldest event a start replays into profiles and popularity. */
  public Instant replaySince(Instant now) {
    return now.minus(settings.profileWindow());
  }

  /** Oldest event a model build reads. */
  public Instant modelSince(Instant now) {
    return now.minus(settings.modelWindow());
  }

  /**
   * A builder for the configured indicators; feed it the stored events since {@link #modelSince}.
   */
  public ModelBuilder newModelBuilder() {
    return new ModelBuilder(settings.indicators());
  }

  /** A model swapped in, and how many catalog documents it rewrote. */
  public record Swap(ModelSnapshot model, int rewritten) {}

  /** Builds from {@code builder} with live popularity and swaps the model in; blocking. */
  public Swap buildAndSwap(ModelBuilder builder, Instant now) {
    Map<String, Float> demand = popularity.snapshot(now);
    ModelSnapshot snapshot = builder.build(demand, now).withDemand(demand, trend(demand, now));
    return new Swap(snapshot, index.swapModel(snapshot));
  }

  /**
   * Trains the factor model on what {@code builder} collected and serves its item vectors; returns
   * them. Blocking CPU work: after {@link #buildAndSwap}, so the indicators serve first.
   */
  public ItemVectors trainFactors(ModelBuilder builder) {
    ItemVectors trained = ItemVectors.train(builder.strengths(), settings.factors());
    index.swapVectors(trained);
    // Every shopper's vector moved with the model: the profile index rewrites them all.
    profiles.markAllChanged();
    return trained;
  }

  /**
   * Makes every item's content neighbours (what {@code similar} answers, see {@link
   * ContentLikeness#neighbours}) and serves them; returns how many items have a list, or empty when
   * {@code stop} said to stop first. Blocking CPU work, a query per item: off the request path,
   * after a model build.
   */
  public OptionalInt computeContentNeighbours(BooleanSupplier stop) {
    ContentLikeness likeness =
        (ContentLikeness)
            recommender.algorithms().get(AlgorithmCatalog.SIMILAR).orElseThrow().source();
    Optional<ItemNeighbours> neighbours = likeness.neighbours(index, stop);
    neighbours.ifPresent(index::swapContentNeighbours);
    return neighbours.map(n -> OptionalInt.of(n.size())).orElse(OptionalInt.empty());
  }

  /**
   * Writes live popularity into the index, keeping the indicators and the trends of the last build;
   * returns documents rewritten. Blocking.
   */
  public int refreshPopularity(Instant now) {
    // Trends move at every refresh (they are a difference of two decaying rates): written with
    // each model build only, so that a refresh with nothing else to write keeps the searcher and
    // its cached answers (rewriting ~30 trend documents a minute cost item pages half their rate).
    ModelSnapshot current = index.model();
    return index.swapModel(current.withDemand(popularity.snapshot(now), current.trend()));
  }

  private Map<String, Float> trend(Map<String, Float> demand, Instant now) {
    return Trend.rising(
        recentDemand.snapshot(now), Trend.HALF_LIFE, demand, settings.popularityHalfLife());
  }

  /** The model the index serves. */
  public ModelSnapshot model() {
    return index.model();
  }

  @Override
  public void close() throws IOException {
    audiences.close();
    index.close();
  }
}
