package io.vitrina.server.recommend;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.algorithm.Algorithm;
import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.engine.algorithm.ContextKind;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.engine.algorithm.SearchResults;
import io.vitrina.engine.search.SearchFacets;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.input.QueryParams;
import java.util.List;

/**
 * Recommendation blocks by algorithm, the list of algorithms, and listings ranked for a shopper.
 */
public final class RecommendationsCapability implements Capability {
  private final Recommender recommender;
  private final Answers answers;
  private final Personalization personalization;

  /**
   * @param personalization whom nothing personalizes (the global holdout, a refused consent)
   */
  public RecommendationsCapability(
      Recommender recommender, Answers answers, Personalization personalization) {
    this.recommender = recommender;
    this.answers = answers;
    this.personalization = personalization;
  }

  @Override
  public void routes(ApiRoutes routes) {
    RecommendationsHandler recommendations =
        new RecommendationsHandler(recommender, answers, personalization);
    routes
        .storefront(HttpMethod.GET, "/recommendations/:algorithm")
        .handler(recommendations::handle);
    routes.storefront(HttpMethod.GET, "/algorithms").handler(this::algorithms);
    routes.storefront(HttpMethod.GET, "/search").handler(this::search);
    routes
        .storefrontWithBody(HttpMethod.POST, "/rank", RankHandler.MAX_BODY_BYTES)
        .handler(new RankHandler(recommender, personalization)::handle);
  }

  /**
   * {@code GET /v1/search?q=}: the catalog searched and ordered for the shopper ({@code
   * search_personal}, falling back when the text finds too little), answered like a block, with the
   * page of the results {@code offset} asks for, how many match in all, and their counts by
   * category, brand and price band.
   */
  private void search(RoutingContext ctx) {
    QueryParams params = QueryParams.of(ctx);
    RecommendationRequest request =
        RecommendationQuery.parse(AlgorithmCatalog.SEARCH_PERSONAL, params);
    int offset = RecommendationQuery.offset(params, request.limit());
    String block = RecommendationQuery.block(params, "search");
    params.finish();
    if (personalization.impersonal(request.shopper())) request = request.anonymous();
    SearchResults results = recommender.search(request.withOffset(offset));
    JsonObject body =
        answers
            .counted(results.page(), block)
            .put("total", results.facets().total())
            .put("offset", offset)
            .put("facets", facets(results.facets()));
    JsonResponse.sendUncached(ctx, 200, body);
  }

  private static JsonObject facets(SearchFacets facets) {
    JsonArray bands = new JsonArray();
    for (SearchFacets.BandCount band : facets.priceBands())
      bands.add(
          new JsonObject()
              .put("value", band.band().label())
              .put("min", band.band().lower())
              .put("max", band.band().upper())
              .put("count", band.count()));
    return new JsonObject()
        .put("categories", counts(facets.categories()))
        .put("brands", counts(facets.brands()))
        .put("price_bands", bands);
  }

  private static JsonArray counts(List<SearchFacets.Count> counts) {
    JsonArray out = new JsonArray();
    for (SearchFacets.Count c : counts)
      out.add(new JsonObject().put("value", c.value()).put("count", c.count()));
    return out;
  }

  private void algorithms(RoutingContext ctx) {
    QueryParams.of(ctx).finish(); // it takes none
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
    JsonResponse.send(ctx, 200, new JsonObject().put("algorithms", list));
  }
}
