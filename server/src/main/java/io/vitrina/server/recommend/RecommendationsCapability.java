package io.vitrina.server.recommend;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.algorithm.Algorithm;
import io.vitrina.engine.algorithm.ContextKind;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import java.time.Clock;

/**
 * Recommendation blocks by algorithm, the list of algorithms, and listings ranked for a shopper.
 */
public final class RecommendationsCapability implements Capability {
  private final Recommender recommender;
  private final Clock clock;

  public RecommendationsCapability(Recommender recommender, Clock clock) {
    this.recommender = recommender;
    this.clock = clock;
  }

  @Override
  public void routes(ApiRoutes routes) {
    RecommendationsHandler recommendations = new RecommendationsHandler(recommender, clock);
    routes
        .storefront(HttpMethod.GET, "/recommendations/:algorithm")
        .handler(recommendations::handle);
    routes.storefront(HttpMethod.GET, "/algorithms").handler(this::algorithms);
    routes
        .storefrontWithBody(HttpMethod.POST, "/rank", RankHandler.MAX_BODY_BYTES)
        .handler(new RankHandler(recommender)::handle);
  }

  private void algorithms(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    for (Algorithm a : recommender.algorithms().all()) {
      JsonArray requires = new JsonArray();
      a.requires().stream().map(ContextKind::wireName).sorted().forEach(requires::add);
      list.add(
          new JsonObject()
              .put("name", a.name())
              .put("description", a.description())
              .put("needs_item", a.needsItem())
              .put("requires", requires)
              .put("fallbacks", new JsonArray(a.fallbacks())));
    }
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("algorithms", list).encode());
  }
}
