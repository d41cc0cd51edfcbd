package io.vitrina.server.models;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.model.ItemVectors;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.model.ModelSnapshot;
import io.vitrina.engine.signal.Event;
import io.vitrina.server.cluster.Node;
import io.vitrina.server.events.EventHistory;
import io.vitrina.server.http.LowPriority;
import io.vitrina.server.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ModelService}: builds models from the events in PostgreSQL and swaps them into the
 * serving core, on a schedule and on demand. A build reads a cut of the event log it announces in
 * PostgreSQL ({@link ModelCuts}); the other nodes, told through NOTIFY, build the same cut, so
 * every node serves the same model version. Concurrent requests for a build share the one under
 * way. Index rewrites (model swaps and popularity refreshes) run one at a time on a dedicated
 * worker, off the event loops; reads go on against the previous searcher meanwhile.
 */
public final class ModelBuilds implements ModelService {
  private static final Logger LOG = LoggerFactory.getLogger(ModelBuilds.class);

  /** The channel a node's new cut notifies: the others build it ({@link #followAnnounced}). */
  public static final String CHANNEL = ModelCuts.CHANNEL;

  private final Vertx vertx;
  private final EventHistory history;
  private final ServingCore core;
  private final Metrics metrics;
  private final Clock clock;
  private final LowPriority.Workers indexWriter;
  private final LowPriority.Workers contentWorker;
  private final ModelCuts cuts;
  private final Future<?> demandWhole;
  private Future<ModelSnapshot> running; // guarded by this: the build under way, or null
  private ModelCuts.Cut next; // guarded by this: a cut announced during the build under way
  private volatile long servedVersion;
  private Future<Void> refreshing = Future.succeededFuture(); // guarded by this: the last refresh
  // guarded by this: the last content neighbours made
  private Future<Void> neighbouring = Future.succeededFuture();
  private volatile boolean closing; // the content neighbours under way stop
  private volatile double lastBuildSeconds;
  private volatile int neighbourItems;
  private volatile double neighbourSeconds;

  /**
   * @param demandWhole completes once the live demand counts the stored events (the start's
   *     replay): a model swap writes it into every document, so swaps wait for it
   */
  public ModelBuilds(
      Vertx vertx,
      Pool pool,
      Node node,
      EventHistory history,
      ServingCore core,
      Metrics metrics,
      Clock clock,
      Future<?> demandWhole) {
    this.vertx = vertx;
    this.demandWhole = demandWhole;
    this.cuts = new ModelCuts(pool, node);
    this.history = history;
    this.core = core;
    this.metrics = metrics;
    this.clock = clock;
    this.indexWriter =
        LowPriority.workers(vertx, "vitrina-index-writer", 1, Duration.ofMinutes(10));
    this.contentWorker =
        LowPriority.workers(vertx, "vitrina-content-neighbours", 1, Duration.ofMinutes(30));
    metrics.describe("vitrina_model_builds_total", "model builds completed");
    metrics.describe(
        "vitrina_index_documents_rewritten_total",
        "catalog documents rewritten by model swaps and popularity refreshes");
    metrics.gauge(
        "vitrina_model_version",
        "the version of the model this node serves (every node serves the latest within a build's"
            + " time)",
        () -> servedVersion);
    metrics.gauge(
        "vitrina_model_build_seconds", "duration of the last model build", () -> lastBuildSeconds);
    metrics.gauge(
        "vitrina_content_neighbour_items",
        "items with a list of content neighbours (what similar reads; the others run its query)",
        () -> neighbourItems);
    metrics.gauge(
        "vitrina_content_neighbour_seconds",
        "duration of the last making of the content neighbours",
        () -> neighbourSeconds);
    metrics.gauge(
        "vitrina_model_age_seconds",
        "seconds since the serving model was built",
        () ->
            current().builtAt().getEpochSecond() == 0
                ? -1
                : Duration.between(current().builtAt(), clock.instant()).toSeconds());
  }

  @Override
  public ModelSnapshot current() {
    return core.model();
  }

  /** The version of the model served: the cut it was built from; 0 before the first. */
  public long version() {
    return servedVersion;
  }

  /**
   * Announces a cut of the event log now and builds it; every other node builds the same cut.
   * Concurrent requests share the build under way.
   */
  @Override
  public synchronized Future<ModelSnapshot> rebuild() {
    if (running != null) return running;
    return track(cuts.announce(core.modelSince(clock.instant())).compose(this::build));
  }

  /**
   * Builds the latest cut, when another node announced one this node does not serve yet: after the
   * build under way, if there is one.
   */
  public void followAnnounced() {
    cuts.latest()
        .onSuccess(latest -> latest.ifPresent(this::buildWhenFree))
        .onFailure(e -> LOG.warn("Reading the latest model cut failed: {}", e.toString()));
  }

  /**
   * The scheduled build, due every {@code every}: the latest cut when another node announced it
   * within the last half of that (at a node's start, the model the others serve), else a new cut.
   */
  Future<ModelSnapshot> scheduled(Duration every) {
    return cuts.latest()
        .compose(
            latest -> {
              Instant recent = clock.instant().minus(every.dividedBy(2));
              if (latest.isPresent() && latest.get().at().isAfter(recent))
                return buildWhenFree(latest.get());
              return rebuild();
            });
  }

  private synchronized Future<ModelSnapshot> buildWhenFree(ModelCuts.Cut cut) {
    if (cut.version() <= servedVersion) return Future.succeededFuture(current());
    if (running == null) return track(build(cut));
    if (next == null || next.version() < cut.version()) next = cut;
    return running;
  }

  /** Keeps {@code build} as the one under way; when it ends, builds the cut that came meanwhile. */
  private synchronized Future<ModelSnapshot> track(Future<ModelSnapshot> build) {
    running = build;
    build.onComplete(
        x -> {
          ModelCuts.Cut waiting;
          synchronized (this) {
            running = null;
            waiting = next;
            next = null;
          }
          if (waiting != null) buildWhenFree(waiting);
        });
    return build;
  }

  /** Builds the model of {@code cut} and serves it. */
  private Future<ModelSnapshot> build(ModelCuts.Cut cut) {
    long started = System.nanoTime();
    long[] read = new long[1];
    ModelBuilder[] collected = new ModelBuilder[1];
    Future<ModelSnapshot> build =
        history
            .identities(cut.below())
            .compose(identities -> collect(cut, identities))
            .onSuccess(builder -> read[0] = System.nanoTime())
            // A swap writes live demand into every document: at start, only once the replay has
            // counted it all (else the first popularity refresh rewrites most of the index).
            .compose(builder -> demandWhole.transform(x -> Future.succeededFuture(builder)))
            .compose(
                builder -> {
                  collected[0] = builder;
                  return indexWriter.run(
                      () -> {
                        ServingCore.Swap swap = core.buildAndSwap(builder, cut.at());
                        metrics.increment(
                            "vitrina_index_documents_rewritten_total", swap.rewritten());
                        return swap.model();
                      });
                })
            .onSuccess(
                snapshot -> {
                  lastBuildSeconds = (System.nanoTime() - started) / 1e9;
                  servedVersion = cut.version();
                  metrics.increment("vitrina_model_builds_total", 1);
                  var s = snapshot.stats();
                  long total = (System.nanoTime() - started) / 1_000_000;
                  long reading = (read[0] - started) / 1_000_000;
                  LOG.info(
                      "Model {} built in {} ms (reading events {} ms, computing {} ms, waiting for"
                          + " the start's replay and the index, and writing it {} ms) from {} interactions of {} shoppers; items with"
                          + " indicators: {}",
                      cut.version(),
                      total,
                      reading,
                      s.buildMillis(),
                      total - reading - s.buildMillis(),
                      s.events(),
                      s.shoppers(),
                      s.itemsWithIndicators());
                })
            // The indicators serve already; the factor model follows on the same worker.
            .compose(
                snapshot ->
                    trainFactors(collected[0])
                        .otherwise(
                            e -> {
                              LOG.error(
                                  "Factor model training failed; the previous vectors keep"
                                      + " serving",
                                  e);
                              return null;
                            })
                        .map(snapshot))
            .onFailure(e -> LOG.error("Model build failed; the previous model keeps serving", e));
    // Content neighbours follow on a worker of their own: a query per item, which index writes
    // must not wait behind. The build's future does not wait for them either.
    build.onSuccess(snapshot -> computeContentNeighbours());
    return build;
  }

  /** Makes the lists unless the last ones are still being made (they cover this build too). */
  private synchronized void computeContentNeighbours() {
    if (!neighbouring.isComplete() || closing) return;
    neighbouring =
        contentWorker
            .<Void>run(
                () -> {
                  long started = System.nanoTime();
                  OptionalInt items = core.computeContentNeighbours(() -> closing);
                  if (items.isEmpty()) return null;
                  long millis = (System.nanoTime() - started) / 1_000_000;
                  neighbourItems = items.getAsInt();
                  neighbourSeconds = millis / 1000.0;
                  LOG.info(
                      "Content neighbours made in {} ms: {} items with a list",
                      millis,
                      neighbourItems);
                  return null;
                })
            .onFailure(
                e -> LOG.error("Content neighbours failed; the previous lists keep serving", e));
  }

  private Future<Void> trainFactors(ModelBuilder builder) {
    return indexWriter.run(
        () -> {
          long started = System.nanoTime();
          ItemVectors vectors = core.trainFactors(builder);
          LOG.info(
              "Factor model trained in {} ms: {} items with vectors",
              (System.nanoTime() - started) / 1_000_000,
              vectors.size());
          return null;
        });
  }

  private Future<ModelBuilder> collect(ModelCuts.Cut cut, Map<String, String> identities) {
    ModelBuilder builder = core.newModelBuilder();
    // Pages are added one after another (the next is read once this one is done), on the index
    // writer's lowered thread, not on the workers that blocking request work shares.
    return history
        .forEachPage(
            cut.since(),
            cut.below(),
            events ->
                indexWriter.run(
                    () -> {
                      for (Event event : events) builder.add(event, identities);
                      return null;
                    }))
        .map(builder);
  }

  @Override
  public synchronized Future<Void> refreshPopularity() {
    Future<Void> refresh =
        indexWriter.run(
            () -> {
              long started = System.nanoTime();
              int rewritten = core.refreshPopularity(clock.instant());
              metrics.increment("vitrina_index_documents_rewritten_total", rewritten);
              LOG.info(
                  "Popularity refreshed in {} ms: {} documents rewritten",
                  (System.nanoTime() - started) / 1_000_000,
                  rewritten);
              return null;
            });
    refreshing = refresh;
    return refresh;
  }

  /**
   * Lets a build or refresh under way finish, then closes the index writer's thread. Closing it at
   * once would interrupt a swap mid-write, and Lucene closes an interrupted writer's files.
   */
  synchronized Future<Void> close() {
    closing = true;
    Future<?> build = running == null ? Future.succeededFuture() : running;
    Future<?> refresh = refreshing;
    return Future.join(build, refresh, neighbouring)
        .transform(
            x -> {
              indexWriter.close();
              contentWorker.close();
              return Future.<Void>succeededFuture();
            });
  }
}
