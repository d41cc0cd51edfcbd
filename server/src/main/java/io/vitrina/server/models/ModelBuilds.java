package io.vitrina.server.models;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.model.ItemVectors;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.model.ModelSnapshot;
import io.vitrina.engine.signal.Event;
import io.vitrina.server.events.EventHistory;
import io.vitrina.server.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ModelService}: builds models from the events in PostgreSQL and swaps them into the
 * serving core, on a schedule and on demand. Concurrent requests for a build share the one under
 * way. Index rewrites (model swaps and popularity refreshes) run one at a time on a dedicated
 * worker, off the event loops; reads go on against the previous searcher meanwhile.
 */
public final class ModelBuilds implements ModelService {
  private static final Logger LOG = LoggerFactory.getLogger(ModelBuilds.class);

  private final Vertx vertx;
  private final EventHistory history;
  private final ServingCore core;
  private final Metrics metrics;
  private final Clock clock;
  private final WorkerExecutor indexWriter;
  private Future<ModelSnapshot> running; // guarded by this: the build under way, or null
  private Future<Void> refreshing = Future.succeededFuture(); // guarded by this: the last refresh
  private volatile double lastBuildSeconds;

  public ModelBuilds(
      Vertx vertx, EventHistory history, ServingCore core, Metrics metrics, Clock clock) {
    this.vertx = vertx;
    this.history = history;
    this.core = core;
    this.metrics = metrics;
    this.clock = clock;
    this.indexWriter =
        vertx.createSharedWorkerExecutor("vitrina-index-writer", 1, 10, TimeUnit.MINUTES);
    metrics.describe("vitrina_model_builds_total", "model builds completed");
    metrics.describe(
        "vitrina_index_documents_rewritten_total",
        "catalog documents rewritten by model swaps and popularity refreshes");
    metrics.gauge(
        "vitrina_model_build_seconds", "duration of the last model build", () -> lastBuildSeconds);
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

  @Override
  public synchronized Future<ModelSnapshot> rebuild() {
    if (running != null) return running;
    long started = System.nanoTime();
    long[] read = new long[1];
    ModelBuilder[] collected = new ModelBuilder[1];
    Future<ModelSnapshot> build =
        history
            .identities()
            .compose(this::collect)
            .compose(
                builder -> {
                  read[0] = System.nanoTime();
                  collected[0] = builder;
                  return indexWriter.executeBlocking(
                      () -> {
                        ServingCore.Swap swap = core.buildAndSwap(builder, clock.instant());
                        metrics.increment(
                            "vitrina_index_documents_rewritten_total", swap.rewritten());
                        return swap.model();
                      },
                      false);
                })
            .onSuccess(
                snapshot -> {
                  lastBuildSeconds = (System.nanoTime() - started) / 1e9;
                  metrics.increment("vitrina_model_builds_total", 1);
                  var s = snapshot.stats();
                  long total = (System.nanoTime() - started) / 1_000_000;
                  long reading = (read[0] - started) / 1_000_000;
                  LOG.info(
                      "Model built in {} ms (reading events {} ms, computing {} ms, waiting for"
                          + " and writing the index {} ms) from {} interactions of {} shoppers; items with"
                          + " indicators: {}",
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
    running = build;
    build.onComplete(
        x -> {
          synchronized (this) {
            running = null;
          }
        });
    return build;
  }

  private Future<Void> trainFactors(ModelBuilder builder) {
    return indexWriter.executeBlocking(
        () -> {
          long started = System.nanoTime();
          ItemVectors vectors = core.trainFactors(builder);
          LOG.info(
              "Factor model trained in {} ms: {} items with vectors",
              (System.nanoTime() - started) / 1_000_000,
              vectors.size());
          return null;
        },
        false);
  }

  private Future<ModelBuilder> collect(Map<String, String> identities) {
    ModelBuilder builder = core.newModelBuilder();
    // Pages are added on a worker, one after another (the next is read once this one is done).
    return history
        .horizon()
        .compose(
            horizon ->
                history.forEachPage(
                    core.modelSince(clock.instant()),
                    horizon,
                    events ->
                        vertx.executeBlocking(
                            () -> {
                              for (Event event : events) builder.add(event, identities);
                              return null;
                            },
                            false)))
        .map(builder);
  }

  @Override
  public synchronized Future<Void> refreshPopularity() {
    Future<Void> refresh =
        indexWriter.executeBlocking(
            () -> {
              long started = System.nanoTime();
              int rewritten = core.refreshPopularity(clock.instant());
              metrics.increment("vitrina_index_documents_rewritten_total", rewritten);
              LOG.info(
                  "Popularity refreshed in {} ms: {} documents rewritten",
                  (System.nanoTime() - started) / 1_000_000,
                  rewritten);
              return null;
            },
            false);
    refreshing = refresh;
    return refresh;
  }

  /**
   * Lets a build or refresh under way finish, then closes the index writer's thread. Closing it at
   * once would interrupt a swap mid-write, and Lucene closes an interrupted writer's files.
   */
  synchronized Future<Void> close() {
    Future<?> build = running == null ? Future.succeededFuture() : running;
    Future<?> refresh = refreshing;
    return Future.join(build, refresh)
        .transform(
            x -> {
              indexWriter.close();
              return Future.<Void>succeededFuture();
            });
  }
}
