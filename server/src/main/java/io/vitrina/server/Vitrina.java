package io.vitrina.server;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.PopularityCounter;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.signal.Event;
import io.vitrina.server.db.Database;
import io.vitrina.server.db.Migrations;
import io.vitrina.server.demo.DemoLoader;
import io.vitrina.server.http.ApiVerticle;
import io.vitrina.server.metrics.Metrics;
import io.vitrina.server.model.ModelService;
import io.vitrina.server.store.EventHistory;
import io.vitrina.server.store.EventLog;
import io.vitrina.server.store.ItemStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: wires the system of record (PostgreSQL), the online state (catalog index,
 * profiles, popularity), the model builds and the HTTP API, and starts and stops them in order.
 */
public final class Vitrina {
  private static final Logger LOG = LoggerFactory.getLogger(Vitrina.class);
  /** Profiles are rebuilt from this much history at start. */
  public static final Duration PROFILE_WINDOW = Duration.ofDays(90);

  private final ServerConfig config;
  private final Clock clock;
  private final Vertx vertx;
  private final Metrics metrics = new Metrics();
  private final ProfileStore profiles = new ProfileStore();
  private final PopularityCounter popularity;
  private Database database;
  private Pool pool;
  private CatalogIndex index;
  private ItemStore items;
  private EventLog events;
  private EventHistory history;
  private ModelService models;
  private Recommender recommender;
  private String deploymentId;
  private volatile boolean ready;
  private volatile boolean stopping;
  private final java.util.concurrent.atomic.AtomicBoolean evicting = new java.util.concurrent.atomic.AtomicBoolean();
  private Future<?> catalogWrites = Future.succeededFuture(); // guarded by this: the last catalog write queued
  private final List<Long> timers = new java.util.ArrayList<>();

  private Vitrina(ServerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
    this.popularity = new PopularityCounter(clock.instant().minus(PROFILE_WINDOW), Duration.ofDays(7));
  }

  /** Starts everything; the future completes when the API listens. Blocking parts run on workers. */
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
    app.boot().onComplete(result -> {
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
    return config.resolved(adminKey(config), port);
  }

  private Future<Void> boot() {
    return vertx.executeBlocking(this::openLocalState)
        .compose(x -> Migrations.apply(pool))
        .compose(applied -> {
          LOG.info("PostgreSQL: {} (schema migrations applied now: {})", database.describe(), applied);
          return config.demo() ? new DemoLoader(vertx, items, events, clock, config.demoItems(), config.demoVisitors()).loadIfEmpty() : Future.succeededFuture();
        })
        .compose(x -> loadCatalog())
        .compose(x -> replayEvents())
        .compose(x -> deployApi())
        .compose(x -> {
          ready = true;
          scheduleJobs();
          // The first model is built in the background: the API serves popularity meanwhile.
          models.rebuild();
          return Future.succeededFuture();
        });
  }

  private Void openLocalState() throws IOException {
    Files.createDirectories(config.dataDir());
    database = config.pgUrl() != null ? Database.external(config.pgUrl()) : Database.embedded(config.dataDir().resolve("pg"));
    pool = database.pool(vertx, config.pgPoolSize());
    Path indexDir = config.dataDir().resolve("index");
    index = CatalogIndex.onDisk(indexDir, config.indexRefresh().toMillis());
    items = new ItemStore(pool);
    events = new EventLog(pool, config.eventBatchSize(), config.maxPendingEvents());
    history = new EventHistory(pool);
    models = new ModelService(vertx, history, index, popularity, metrics, clock);
    recommender = new Recommender(index, profiles, AlgorithmCatalog.standard());
    registerGauges();
    return null;
  }

  private void registerGauges() {
    metrics.gauge("vitrina_catalog_items", "items searchable in the catalog index", () -> index.size());
    metrics.gauge("vitrina_profiles", "shopper profiles in memory", profiles::size);
    metrics.gauge("vitrina_events_pending", "accepted events waiting for their group commit", events::pending);
    metrics.gauge("vitrina_events_written", "events committed to PostgreSQL since start", events::written);
    metrics.gauge("vitrina_event_commits", "group commits since start", events::commits);
  }

  private Future<Void> loadCatalog() {
    long started = System.nanoTime();
    // Indexing is CPU and disk work: each page goes to a worker, never onto the event loop.
    return items.forEachPage(page -> vertx.executeBlocking(() -> {
          index.upsert(page);
          return null;
        }, false))
        .compose(count -> vertx.executeBlocking(() -> {
          index.refresh();
          LOG.info("Catalog index loaded: {} items in {} ms", count, (System.nanoTime() - started) / 1_000_000);
          return null;
        }));
  }

  private Future<Void> replayEvents() {
    long started = System.nanoTime();
    return history.forEachPage(clock.instant().minus(PROFILE_WINDOW), page -> vertx.executeBlocking(() -> {
          page.forEach(this::applyOnline);
          return null;
        }, false))
        .onSuccess(count -> LOG.info("Profiles rebuilt from {} events in {} ms: {} shoppers", count,
            (System.nanoTime() - started) / 1_000_000, profiles.size()))
        .compose(count -> vertx.executeBlocking(this::evictProfiles, false))
        .mapEmpty();
  }

  private int evictProfiles() {
    int evicted = profiles.evictIdleSince(clock.instant().minus(PROFILE_WINDOW)) + profiles.evictBeyond(config.maxProfiles());
    if (evicted > 0) LOG.info("Evicted {} idle shopper profiles; {} remain", evicted, profiles.size());
    return evicted;
  }

  /** Updates the online state with an event PostgreSQL has committed. */
  public void applyOnline(Event event) {
    profiles.apply(event);
    popularity.record(event);
    evictIfOverBound();
  }

  /**
   * The minute's eviction is too late when new shoppers arrive by the ten thousand a second: past
   * a tenth over the bound, evict now, one eviction at a time on a worker, and look again when it
   * is done (shoppers kept arriving meanwhile). Not logged: under such a load it would be every
   * second; the vitrina_profiles gauge shows it.
   */
  private void evictIfOverBound() {
    if (profiles.size() <= config.maxProfiles() + config.maxProfiles() / 10 || !evicting.compareAndSet(false, true)) return;
    vertx.executeBlocking(() -> profiles.evictBeyond(config.maxProfiles()), false).onComplete(x -> {
      evicting.set(false);
      evictIfOverBound();
    });
  }

  private Future<Void> deployApi() {
    return vertx.deployVerticle(() -> new ApiVerticle(this), new DeploymentOptions().setInstances(config.instances()))
        .map(id -> {
          deploymentId = id;
          LOG.info("HTTP API listening on {}:{} ({} event loops)", config.host(), config.port(), config.instances());
          return null;
        });
  }

  private void scheduleJobs() {
    timers.add(vertx.setPeriodic(config.modelInterval().toMillis(), id -> models.rebuild()));
    timers.add(vertx.setPeriodic(config.popularityInterval().toMillis(), id -> models.refreshPopularity()));
    timers.add(vertx.setPeriodic(Duration.ofMinutes(1).toMillis(), id -> vertx.executeBlocking(this::evictProfiles, false)));
  }

  /**
   * Graceful stop: no new requests, every accepted event committed, then the pool, the index and
   * the embedded database closed.
   */
  public CompletableFuture<Void> stop() {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    ready = false;
    stopping = true;
    timers.forEach(vertx::cancelTimer);
    Future<Void> api = deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
    api.transform(x -> events == null ? Future.succeededFuture() : events.close())
        .transform(x -> pool == null ? Future.succeededFuture() : pool.close())
        .onComplete(x -> {
          if (models != null) models.close();
          // Vert.x is closed from a thread of its own: no callback may run on a closing event loop.
          Thread.ofPlatform().name("vitrina-stop").start(() -> {
            try {
              vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
              LOG.warn("Closing Vert.x failed", e);
            }
            closeQuietly();
            LOG.info("Vitrina stopped");
            stopped.complete(null);
          });
        });
    return stopped;
  }

  private void closeQuietly() {
    try {
      if (index != null) index.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Closing the catalog index failed", e);
    }
    try {
      if (database != null) database.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Stopping the embedded PostgreSQL failed", e);
    }
  }

  /** The admin key from the configuration, or one generated once and kept in the data folder. */
  static String adminKey(ServerConfig config) throws IOException {
    if (config.adminKey() != null) return config.adminKey();
    Path file = config.dataDir().resolve("admin.key");
    if (Files.exists(file)) return Files.readString(file).trim();
    Files.createDirectories(config.dataDir());
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String key = HexFormat.of().formatHex(secret);
    Files.writeString(file, key + "\n");
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system; the file stays as the umask made it
    }
    return key;
  }

  public ServerConfig config() { return config; }
  public Clock clock() { return clock; }
  public Vertx vertx() { return vertx; }
  public Metrics metrics() { return metrics; }
  public CatalogIndex index() { return index; }
  public ItemStore items() { return items; }
  public EventLog events() { return events; }
  public ModelService models() { return models; }
  public Recommender recommender() { return recommender; }
  public boolean ready() { return ready; }
  public boolean stopping() { return stopping; }
  public int port() { return config.port(); }

  /** Upserts items into the system of record and then the index; completes when both have them. */
  public Future<Integer> upsertItems(List<Item> batch) {
    return inCatalogOrder(() -> items.upsert(batch)
        .compose(n -> vertx.executeBlocking(() -> {
          index.upsert(batch);
          return n;
        }, false)));
  }

  public Future<Boolean> deleteItem(String id) {
    return inCatalogOrder(() -> items.delete(id).compose(found -> vertx.executeBlocking(() -> {
      index.delete(id);
      index.refresh();
      return found;
    }, false)));
  }

  /**
   * Runs catalog writes one after another, each through PostgreSQL and then the index. Two writes
   * of one item from concurrent requests would otherwise reach the index in the other order than
   * PostgreSQL's and serve the older version until the next start. A bulk load writes a chunk of
   * 1000 items at a time, so this costs concurrent loads little.
   */
  private synchronized <T> Future<T> inCatalogOrder(java.util.function.Supplier<Future<T>> write) {
    Future<T> next = catalogWrites.transform(previous -> write.get());
    catalogWrites = next;
    return onCallerContext(next);
  }

  /**
   * {@code result}, completed on the calling context. A future shared between requests (the
   * catalog write chain, a group commit) completes on whichever event loop finished it; a
   * request's handlers must go on on their own.
   */
  private <T> Future<T> onCallerContext(Future<T> result) {
    Context caller = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    result.onComplete(outcome -> caller.runOnContext(x -> promise.handle(outcome)));
    return promise.future();
  }

  /**
   * Makes catalog writes searchable now. Bulk loads call it before they answer, so a client that
   * sends events for items it just uploaded finds them (read-your-writes), rather than waiting
   * for the background reopen.
   */
  public Future<Void> refreshIndex() {
    return vertx.executeBlocking(() -> {
      index.refresh();
      return null;
    }, false);
  }

  public Future<Void> appendEvents(Collection<Event> accepted) {
    List<Event> list = List.copyOf(accepted);
    return onCallerContext(events.append(list).onSuccess(x -> list.forEach(this::applyOnline)));
  }
}
