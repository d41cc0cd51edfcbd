package io.vitrina.server.recommend;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.algorithm.RankRequest;
import io.vitrina.engine.algorithm.RankedItem;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.engine.algorithm.Shopper;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonBody;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.Problem;
import io.vitrina.server.input.QueryParams;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/rank}: the store's own listing (a category page, its search results) re-ordered
 * for the shopper. Every listed id comes back once; an id the catalog does not know keeps its place
 * among the others.
 */
final class RankHandler {
  /** 1,000 ids of up to 200 characters, with room for the JSON around them. */
  static final long MAX_BODY_BYTES = 512 * 1024;

  private final Recommender recommender;
  private final Personalization personalization;

  RankHandler(Recommender recommender, Personalization personalization) {
    this.recommender = recommender;
    this.personalization = personalization;
  }

  void handle(RoutingContext ctx) {
    QueryParams.of(ctx).finish(); // it takes none but the site key
    RankRequest request = parse(JsonBody.of(ctx));
    if (personalization.impersonal(request.shopper()))
      request = new RankRequest(Shopper.ANONYMOUS, request.itemIds(), request.personalization());
    JsonArray items = new JsonArray();
    for (RankedItem ranked : recommender.rank(request)) {
      items.add(
          new JsonObject()
              .put("id", ranked.itemId())
              .put("score", Math.round(ranked.score() * 1_000_000) / 1_000_000.0)
              .put("explanation", ranked.explanation())
              .put("personal", ranked.personal())
              .put("in_catalog", ranked.item() != null));
    }
    JsonResponse.sendUncached(ctx, 200, new JsonObject().put("items", items));
  }

  static RankRequest parse(JsonObject json) {
    List<Problem> problems = new ArrayList<>();
    JsonFields f = new JsonFields(json, "", problems);
    String visitor = f.id("visitor", false);
    String customer = f.id("customer", false);
    List<String> ids = f.ids("items", RankRequest.MAX_ITEMS);
    Double personalization = f.number("personalization", false, 0);
    if (personalization != null && personalization > 10)
      f.problem("personalization", "must be at most 10, was " + personalization);
    f.refuseUnknown();
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    return new RankRequest(
        new Shopper(visitor, customer),
        ids,
        personalization == null ? RankRequest.DEFAULT_PERSONALIZATION : personalization);
  }
}
