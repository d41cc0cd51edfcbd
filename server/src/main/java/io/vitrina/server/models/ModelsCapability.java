package io.vitrina.server.models;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.model.IndicatorSpec;
import io.vitrina.engine.model.ModelSnapshot;
import io.vitrina.server.http.ApiException;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.Job;
import io.vitrina.server.http.JsonResponse;
import java.time.Duration;
import java.util.List;

/**
 * Models: the admin endpoints to rebuild and inspect them, the scheduled rebuild (the first one
 * right after start: the API serves popularity meanwhile) and the popularity refresh.
 */
public final class ModelsCapability implements Capability {
  private final ModelBuilds models;
  private final Duration rebuildEvery;
  private final Duration popularityEvery;

  public ModelsCapability(ModelBuilds models, Duration rebuildEvery, Duration popularityEvery) {
    this.models = models;
    this.rebuildEvery = rebuildEvery;
    this.popularityEvery = popularityEvery;
  }

  @Override
  public void routes(ApiRoutes routes) {
    routes.admin(HttpMethod.POST, "/models/rebuild").handler(this::rebuild);
    routes
        .admin(HttpMethod.GET, "/models/current")
        .handler(ctx -> JsonResponse.send(ctx, 200, describe(models.current(), models.version())));
  }

  @Override
  public List<Job> jobs() {
    return List.of(
        // Once per cluster: the node that runs it announces a cut, and every node builds it.
        Job.oncePerCluster("model build", rebuildEvery, () -> models.scheduled(rebuildEvery))
            .startingAfter(Duration.ofMillis(1)),
        Job.onEveryNode("popularity refresh", popularityEvery, models::refreshPopularity));
  }

  /**
   * Builds, in the background, the model the other nodes serve, if there is one: the scheduled
   * build runs on one node of the cluster only.
   */
  @Override
  public Future<Void> start() {
    models.followAnnounced();
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    return models.close();
  }

  private void rebuild(RoutingContext ctx) {
    models
        .rebuild()
        .onComplete(
            result -> {
              if (result.succeeded())
                JsonResponse.send(ctx, 200, describe(result.result(), models.version()));
              else
                ctx.fail(
                    new ApiException(
                        503,
                        "model_build_failed",
                        "the model build failed; the previous model keeps serving: "
                            + result.cause().getMessage()));
            });
  }

  static JsonObject describe(ModelSnapshot model, long version) {
    ModelSnapshot.Stats s = model.stats();
    JsonObject indicators = new JsonObject();
    s.itemsWithIndicators().forEach(indicators::put);
    return new JsonObject()
        .put("version", version == 0 ? null : version)
        .put("built_at", model.builtAt().getEpochSecond() == 0 ? null : model.builtAt().toString())
        .put("interactions", s.events())
        .put("shoppers", s.shoppers())
        .put("items_with_view_indicators", s.itemsWith(IndicatorSpec.VIEW))
        .put("items_with_purchase_indicators", s.itemsWith(IndicatorSpec.BUY))
        .put("items_with_indicators", indicators)
        .put("build_millis", s.buildMillis());
  }
}
