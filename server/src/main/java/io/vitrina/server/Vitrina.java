package io.vitrina.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import io.vitrina.engine.attribution.TokenSigner;
import io.vitrina.engine.block.Block;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.segment.ItemFacts;
import io.vitrina.engine.segment.LiveSegments;
import io.vitrina.engine.trigger.TriggerKind;
import io.vitrina.server.audiences.AudiencesCapability;
import io.vitrina.server.blocks.BlockStore;
import io.vitrina.server.blocks.BlocksCapability;
import io.vitrina.server.campaigns.CampaignStore;
import io.vitrina.server.campaigns.CampaignsCapability;
import io.vitrina.server.catalog.CatalogCapability;
import io.vitrina.server.catalog.CatalogService;
import io.vitrina.server.catalog.IndexedCatalog;
import io.vitrina.server.catalog.ItemStore;
import io.vitrina.server.cluster.JobScheduler;
import io.vitrina.server.cluster.LiveConfiguration;
import io.vitrina.server.cluster.LiveConfigurations;
import io.vitrina.server.cluster.Node;
import io.vitrina.server.cluster.Wakeups;
import io.vitrina.server.db.Database;
import io.vitrina.server.db.Migrations;
import io.vitrina.server.demo.DemoExperiment;
import io.vitrina.server.demo.DemoLoader;
import io.vitrina.server.events.DurableEventIntake;
import io.vitrina.server.events.EventHistory;
import io.vitrina.server.events.EventIntake;
import io.vitrina.server.events.EventLog;
import io.vitrina.server.events.EventsCapability;
import io.vitrina.server.experiments.ExperimentsCapability;
import io.vitrina.server.http.ApiSettings;
import io.vitrina.server.http.ApiVerticle;
import io.vitrina.server.http.Capability;
import io.vitrina.server.metrics.Metrics;
import io.vitrina.server.models.ModelBuilds;
import io.vitrina.server.models.ModelsCapability;
import io.vitrina.server.operations.Lifecycle;
import io.vitrina.server.operations.MemoryGuard;
import io.vitrina.server.operations.OperationsCapability;
import io.vitrina.server.operations.ProfileBudget;
import io.vitrina.server.operations.Readiness;
import io.vitrina.server.privacy.PrivacyCapability;
import io.vitrina.server.privacy.ShopperData;
import io.vitrina.server.recommend.Answers;
import io.vitrina.server.recommend.Personalization;
import io.vitrina.server.recommend.RecommendationsCapability;
import io.vitrina.server.segments.SegmentStore;
import io.vitrina.server.segments.SegmentsCapability;
import io.vitrina.server.storefront.StorefrontCapability;
import io.vitrina.server.triggers.TriggersCapability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: opens the system of record (PostgreSQL) and the serving core, wires the
 * capabilities, starts them in order behind the HTTP API, and stops them in reverse. It knows no
 * capability's insides; a new one is one more line in {@link #wire}.
 */
public final class Vitrina {
  private static final Logger LOG = LoggerFactory.getLogger(Vitrina.class);

  private final ServerConfig config;
  private final Clock clock;
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
  private final Metrics metrics = new Metrics();
  private final Lifecycle lifecycle = new Lifecycle();
  private final Node node = Node.started();
  private Database database;
  private Pool pool;
  private Wakeups wakeups;
  private JobScheduler jobs;
  private ServingCore core;
  private MemoryGuard memoryGuard;
  private IndexedCatalog catalog;
  private DurableEventIntake events;
  private List<Capability> capabilities = List.of();
  private String deploymentId;

  private Vitrina(ServerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * Starts everything; the future completes when the API listens. Blocking parts run on workers.
   */
  public static CompletableFuture<Vitrina> start(ServerConfig config) {
    return start(config, Clock.systemUTC());
  }

  public static CompletableFuture<Vitrina> start(ServerConfig config, Clock clock) {
    CompletableFuture<Vitrina> started = new CompletableFuture<>();
    Vitrina app;
    try {
      app = new Vitrina(resolve(config), clock);
    } catch (IOException e) {
      started.completeExceptionally(e);
      return started;
    }
    app.boot()
        .onComplete(
            result -> {
              if (result.succeeded()) {
                started.complete(app);
              } else {
                LOG.error("Start failed; stopping what was started", result.cause());
                app.stop().whenComplete((x, e) -> started.completeExceptionally(result.cause()));
              }
            });
    return started;
  }

  /** Fills in what the configuration leaves open: the admin key, a free port for port 0. */
  private static ServerConfig resolve(ServerConfig config) throws IOException {
    int port = config.port();
    if (port == 0) {
      try (var socket = new java.net.ServerSocket(0)) {
        port = socket.getLocalPort();
      }
    }
    return config.resolved(KeptSecrets.adminKey(config), port);
  }

  private Future<Void> boot() {
    return vertx
        .executeBlocking(this::wire)
        .compose(x -> Migrations.apply(pool))
        .onSuccess(
            applied ->
                LOG.info(
                    "PostgreSQL: {} (schema migrations applied now: {})",
                    database.describe(),
                    applied))
        .compose(
            x -> {
              wakeups.start();
              return startInOrder(0);
            })
        .compose(x -> deployApi())
        .compose(
            x -> {
              lifecycle.ready();
              capabilities.forEach(capability -> capability.jobs().forEach(jobs::schedule));
              return Future.succeededFuture();
            });
  }

  /** Opens the database and the serving core and builds the capabilities; on a worker. */
  private Void wire() throws IOException {
    Files.createDirectories(config.dataDir());
    database =
        config.pgUrl() != null
            ? Database.external(config.pgUrl())
            : Database.embedded(config.dataDir().resolve("pg"));
    pool = database.pool(vertx, config.pgPoolSize());
    wakeups = new Wakeups(vertx, database.connectOptions());
    jobs = new JobScheduler(vertx, pool, node, metrics);
    LOG.info("This node: {}", node.id());
    int maxProfiles = ProfileBudget.ofThisJvm().bound(config.maxProfiles());
    LOG.info(
        "Shopper profiles: up to {} in memory (heap {} MB)",
        maxProfiles,
        Runtime.getRuntime().maxMemory() >> 20);
    ServingCore.Settings settings =
        ServingCore.Settings.DEFAULT
            .withMaxProfiles(maxProfiles)
            .withPurchaseExclusion(config.purchaseExclusion());
    CatalogIndex index =
        CatalogIndex.onDisk(config.dataDir().resolve("index"), config.indexRefresh().toMillis());
    core = new ServingCore(index, settings, clock.instant().minus(settings.profileWindow()), clock);
    memoryGuard = new MemoryGuard(core::shedProfiles, core::profileCount, metrics).start();
    Readiness readiness =
        new Readiness()
            .check(
                "catalog_index",
                () -> Optional.ofNullable(index.writerFailure()).map(e -> "writer failed: " + e))
            .check("profile_index", core.audiences()::problem)
            .check("memory", memoryGuard::problem);
    ItemStore items = new ItemStore(pool, node);
    EventLog log =
        new EventLog(vertx, pool, node, config.eventBatchSize(), config.maxPendingEvents());
    EventHistory history = new EventHistory(pool);
    catalog = new IndexedCatalog(vertx, items, index, node);
    catalog.listenTo(wakeups);
    // An item arriving in this node's index counts the affinities its earlier events could not
    // (the listener runs on a worker, once the index has the items).
    catalog.onAdded(core::itemsArrived);
    events = new DurableEventIntake(vertx, pool, node, log, history, core, clock);
    wakeups.on(
        EventLog.CHANNEL,
        from -> {
          if (!node.id().equals(from)) events.othersStored();
        });
    ModelBuilds models =
        new ModelBuilds(vertx, pool, node, history, core, metrics, clock, events.replayed());
    wakeups.on(
        ModelBuilds.CHANNEL,
        from -> {
          if (!node.id().equals(from)) models.followAnnounced();
        });
    LiveConfigurations live = new LiveConfigurations(node, wakeups);
    BlockStore blocks = new BlockStore(pool, live.notice(BlockStore.CONFIGURATION));
    TokenSigner tokens =
        new TokenSigner(KeptSecrets.tokenKey(config).getBytes(StandardCharsets.UTF_8), clock);
    SegmentStore segmentStore = new SegmentStore(pool, live.notice(SegmentStore.CONFIGURATION));
    CampaignStore campaignStore = new CampaignStore(pool, live.notice(CampaignStore.CONFIGURATION));
    List<Capability> wired = new ArrayList<>();
    // First, so that the catalog and the events load what it wrote.
    if (config.demo()) {
      wired.add(
          new DemoLoader(
              vertx, items, log, blocks, segmentStore, campaignStore, clock, config.demoStore()));
    }
    wired.add(new OperationsCapability(lifecycle, readiness, catalog, models, metrics));
    wired.add(new CatalogCapability(catalog, metrics, clock, config.catalogBodyLimit()));
    wired.add(new EventsCapability(events, tokens, metrics, clock, config.eventBodyLimit()));
    wired.add(new ModelsCapability(models, config.modelInterval(), config.popularityInterval()));
    Answers answers = new Answers(tokens, metrics);
    LiveConfiguration<Map<String, Block>> savedBlocks =
        live.of(BlockStore.CONFIGURATION, blocks::byName, Map.of());
    LiveConfiguration<CampaignStore.Snapshot> savedCampaigns =
        live.of(CampaignStore.CONFIGURATION, campaignStore::snapshot, CampaignStore.Snapshot.EMPTY);
    ExperimentsCapability experiments =
        new ExperimentsCapability(
            pool,
            live,
            core.recommender().algorithms(),
            placement ->
                switch (placement.kind()) {
                  case BLOCK -> savedBlocks.current().containsKey(placement.name());
                  case TRIGGER -> TriggerKind.fromWireName(placement.name()).isPresent();
                  case CAMPAIGN ->
                      savedCampaigns.current().campaigns().containsKey(placement.name());
                  case SLOT -> savedCampaigns.current().slots().containsKey(placement.name());
                  case EVERYWHERE -> true;
                },
            events,
            history,
            tokens,
            clock,
            config.experiments());
    wired.add(experiments);
    Personalization personalization =
        new Personalization(experiments.experiments(), core.profiles()::personalizationAllowed);
    wired.add(new RecommendationsCapability(core.recommender(), answers, personalization));
    wired.add(
        new BlocksCapability(
            blocks,
            savedBlocks,
            core.recommender(),
            answers,
            experiments.experiments(),
            personalization));
    wired.add(new AudiencesCapability(vertx, core.audiences(), core::profile, metrics));
    LiveSegments liveSegments =
        new LiveSegments(
            id ->
                core.index()
                    .get(id)
                    .map(i -> new ItemFacts(i.categories(), i.brand(), i.price(), i.tags()))
                    .orElse(null),
            io.vitrina.engine.segment.Lifecycle.Settings.DEFAULT,
            clock::instant);
    LiveConfiguration<SegmentStore.Snapshot> savedSegments =
        live.of(SegmentStore.CONFIGURATION, segmentStore::snapshot, SegmentStore.Snapshot.EMPTY);
    SegmentsCapability segments = segments(segmentStore, savedSegments, liveSegments);
    wired.add(segments);
    CampaignsCapability campaigns =
        new CampaignsCapability(
            campaignStore,
            savedCampaigns,
            new CampaignsCapability.Strips(
                core.recommender(),
                answers,
                name -> savedBlocks.current().get(name),
                personalization),
            new CampaignsCapability.Shoppers(
                core.profiles()::resolve,
                core.profiles()::kept,
                liveSegments.membership()::of,
                segments::exists,
                id -> core.index().get(id).map(i -> i.price()).orElse(null)),
            tokens,
            experiments.experiments(),
            metrics,
            clock,
            maxProfiles);
    core.addListener(campaigns.listener());
    wired.add(campaigns);
    // Without marketing consent, a shopper's messages are recorded and never delivered.
    TriggersCapability triggers =
        new TriggersCapability(
            vertx,
            pool,
            core,
            clock,
            config.triggers(),
            core.profiles()::marketingConsent,
            experiments.experiments(),
            metrics);
    wired.add(triggers);
    wired.add(
        new PrivacyCapability(vertx, pool, core, history, events, clock)
            .add(triggers.privacySection())
            .add(campaigns.privacySection())
            .add(ShopperData.forgetting("exposures", experiments::forgetShoppers))
            .add(
                ShopperData.of(
                    "segments", shopper -> segments.exported(shopper.keys()), segments::forget)));
    wired.add(new io.vitrina.server.dashboard.DashboardCapability());
    if (config.demo()) wired.add(new DemoExperiment(vertx, apiSettings()));
    if (config.demo())
      wired.add(
          StorefrontCapability.over(
              core.index(),
              core.recommender()::search,
              config.siteKey(),
              io.vitrina.demo.DemoStore.DEMO_CUSTOMER_ID));
    capabilities = List.copyOf(wired);
    return null;
  }

  private SegmentsCapability segments(
      SegmentStore store,
      LiveConfiguration<SegmentStore.Snapshot> saved,
      LiveSegments liveSegments) {
    SegmentsCapability segments =
        new SegmentsCapability(
            vertx,
            store,
            saved,
            liveSegments,
            core.profiles()::resolve,
            core.profiles()::kept,
            core::forEachKeptProfile,
            core.profiles()::isKept,
            clock,
            config.segments());
    core.addListener(segments.listener());
    return segments;
  }

  private Future<Void> startInOrder(int from) {
    if (from == capabilities.size()) return Future.succeededFuture();
    return capabilities.get(from).start().compose(x -> startInOrder(from + 1));
  }

  private ApiSettings apiSettings() {
    return new ApiSettings(
        config.host(), config.port(), config.siteKey(), config.adminKey(), config.corsOrigins());
  }

  private Future<Void> deployApi() {
    ApiSettings api = apiSettings();
    return vertx
        .deployVerticle(
            () -> new ApiVerticle(api, metrics, capabilities),
            new DeploymentOptions().setInstances(config.instances()))
        .map(
            id -> {
              deploymentId = id;
              LOG.info(
                  "HTTP API listening on {}:{} ({} event loops)",
                  config.host(),
                  config.port(),
                  config.instances());
              return null;
            });
  }

  /**
   * Graceful stop: no new requests and no new job runs, then every capability finishes what it
   * accepted (every accepted event committed), then the pool, the index and the embedded database
   * closed.
   */
  public CompletableFuture<Void> stop() {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    lifecycle.stopping();
    // No job starts any more; a run under way ends, and lets go of its lease, before its
    // capability stops.
    Future<Void> jobsEnded = jobs == null ? Future.succeededFuture() : jobs.stop();
    Future<Void> api =
        deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
    bounded(api, "the HTTP API")
        .transform(x -> bounded(jobsEnded, "the jobs under way"))
        .transform(x -> stopInReverse(capabilities.size() - 1))
        .andThen(
            x -> {
              if (wakeups != null) wakeups.close();
            })
        .transform(x -> pool == null ? Future.succeededFuture() : pool.close())
        .onComplete(
            x ->
                // Vert.x is closed from a thread of its own: no callback may run on a closing event
                // loop.
                Thread.ofPlatform()
                    .name("vitrina-stop")
                    .start(
                        () -> {
                          try {
                            vertx
                                .close()
                                .toCompletionStage()
                                .toCompletableFuture()
                                .get(30, TimeUnit.SECONDS);
                          } catch (Exception e) {
                            LOG.warn("Closing Vert.x failed", e);
                          }
                          closeQuietly();
                          LOG.info("Vitrina stopped");
                          stopped.complete(null);
                        }));
    return stopped;
  }

  private Future<Void> stopInReverse(int from) {
    if (from < 0) return Future.succeededFuture();
    Capability capability = capabilities.get(from);
    return bounded(capability.stop(), capability.getClass().getSimpleName())
        .transform(x -> stopInReverse(from - 1));
  }

  /** How long a stop waits for one of its stages before it goes on without it. */
  private static final Duration STAGE_PATIENCE = Duration.ofSeconds(15);

  /**
   * {@code stage}, or success after {@link #STAGE_PATIENCE} with a warning naming it: a stop goes
   * on whatever one stage does (every acknowledged event is committed already). The timer is not a
   * Vert.x one: one set from an event loop whose verticle was undeployed would never fire.
   */
  private static Future<Void> bounded(Future<Void> stage, String what) {
    Promise<Void> done = Promise.promise();
    stage.onComplete(x -> done.tryComplete());
    CompletableFuture.delayedExecutor(STAGE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              if (done.tryComplete())
                LOG.warn(
                    "Stopping: {} did not finish within {} s; going on without it",
                    what,
                    STAGE_PATIENCE.toSeconds());
            });
    return done.future();
  }

  private void closeQuietly() {
    if (memoryGuard != null) memoryGuard.close();
    try {
      if (core != null) core.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Closing the catalog index failed", e);
    }
    try {
      if (database != null) database.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Stopping the embedded PostgreSQL failed", e);
    }
  }

  public ServerConfig config() {
    return config;
  }

  public int port() {
    return config.port();
  }

  /**
   * Every endpoint the API serves, as {@code "METHOD /path/:param"}; for the test against the API
   * description.
   */
  List<String> endpoints() {
    return ApiVerticle.endpoints(vertx, apiSettings(), capabilities);
  }

  /** For tests that drive Vert.x contexts themselves. */
  Vertx vertx() {
    return vertx;
  }

  /** The catalog service the API uses; for tests that call it without HTTP. */
  CatalogService catalog() {
    return catalog;
  }

  /** The event intake the API uses; for tests that call it without HTTP. */
  EventIntake events() {
    return events;
  }

  /** The capability of that class; for tests that call it without HTTP. */
  <T extends Capability> T capability(Class<T> type) {
    return capabilities.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }
}
