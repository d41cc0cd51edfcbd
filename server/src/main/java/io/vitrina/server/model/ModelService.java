package io.vitrina.server.model;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.model.CooccurrenceIndicators;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.model.ModelSnapshot;
import io.vitrina.engine.model.PopularityCounter;
import io.vitrina.engine.signal.Event;
import io.vitrina.server.metrics.Metrics;
import io.vitrina.server.store.EventHistory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds models from the events in PostgreSQL and swaps them into the catalog index, on a
 * schedule and on demand. Concurrent requests for a build share the one under way. Index rewrites
 * (model swaps and popularity refreshes) run one at a time on a dedicated worker, off the event
 * loops; reads go on against the previous searcher meanwhile.
 */
public final class ModelService {
  private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);
  /** Events older than this say little about today's catalog and shoppers. */
  public static final Duration WINDOW = Duration.ofDays(90);

  private final Vertx vertx;
  private final EventHistory history;
  private final CatalogIndex index;
  private final PopularityCounter popularity;
  private final Metrics metrics;
  private final Clock clock;
  private final WorkerExecutor indexWriter;
  private Future<ModelSnapshot> running; // guarded by this

  public ModelService(Vertx vertx, EventHistory history, CatalogIndex index, PopularityCounter popularity, Metrics metrics, Clock clock) {
    this.vertx = vertx;
    this.history = history;
    this.index = index;
    this.popularity = popularity;
    this.metrics = metrics;
    this.clock = clock;
    this.indexWriter = vertx.createSharedWorkerExecutor("vitrina-index-writer", 1, 10, java.util.concurrent.TimeUnit.MINUTES);
    metrics.describe("vitrina_model_builds_total", "model builds completed");
    metrics.describe("vitrina_index_documents_rewritten_total", "catalog documents rewritten by model swaps and popularity refreshes");
    metrics.gauge("vitrina_model_build_seconds", "duration of the last model build", () -> lastBuildSeconds);
    metrics.gauge("vitrina_model_age_seconds", "seconds since the serving model was built",
        () -> index.model().builtAt().getEpochSecond() == 0 ? -1 : Duration.between(index.model().builtAt(), clock.instant()).toSeconds());
  }

  private volatile double lastBuildSeconds;

  /** Starts a build, or joins the one under way; completes when the new model serves. */
  public synchronized Future<ModelSnapshot> rebuild() {
    if (running != null) return running;
    long started = System.nanoTime();
    Future<ModelSnapshot> build =
        history.identities()
            .compose(this::collect)
            .compose(builder -> indexWriter.executeBlocking(() -> {
              ModelSnapshot snapshot = builder.build(popularity.snapshot(clock.instant()), clock.instant());
              metrics.increment("vitrina_index_documents_rewritten_total", index.swapModel(snapshot));
              return snapshot;
            }, false))
            .onSuccess(snapshot -> {
              lastBuildSeconds = (System.nanoTime() - started) / 1e9;
              metrics.increment("vitrina_model_builds_total", 1);
              var s = snapshot.stats();
              LOG.info("Model built in {} ms from {} interactions of {} shoppers: {} items with view indicators, {} with purchase indicators",
                  (System.nanoTime() - started) / 1_000_000, s.events(), s.shoppers(), s.itemsWithViewIndicators(), s.itemsWithBuyIndicators());
            })
            .onFailure(e -> LOG.error("Model build failed; the previous model keeps serving", e));
    running = build;
    build.onComplete(x -> {
      synchronized (this) {
        running = null;
      }
    });
    return build;
  }

  private Future<ModelBuilder> collect(Map<String, String> identities) {
    ModelBuilder builder = new ModelBuilder(CooccurrenceIndicators.Settings.DEFAULT);
    // Pages are added on a worker, one after another (the next is read once this one is done).
    return history.forEachPage(clock.instant().minus(WINDOW), events -> vertx.executeBlocking(() -> {
          for (Event event : events) builder.add(event, identities);
          return null;
        }, false))
        .map(builder);
  }

  /** Writes the live popularity counters into the index, keeping the indicators. */
  public Future<Void> refreshPopularity() {
    return indexWriter.executeBlocking(() -> {
      int rewritten = index.swapModel(index.model().withPopularity(popularity.snapshot(clock.instant())));
      metrics.increment("vitrina_index_documents_rewritten_total", rewritten);
      return null;
    }, false);
  }

  public void close() {
    indexWriter.close();
  }
}
