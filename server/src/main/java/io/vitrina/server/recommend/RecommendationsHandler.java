package io.vitrina.server.recommend;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommendations;
import io.vitrina.engine.algorithm.RecommendedItem;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.engine.attribution.AttributionToken;
import io.vitrina.engine.rule.Filters;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.Problem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/recommendations/{algorithm}}: a ranked block for the page context. Answered on the
 * event loop: one or a few Lucene queries over an in-memory index, well under a millisecond.
 */
final class RecommendationsHandler {
  private static final Pattern BLOCK_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private final Recommender recommender;
  private final Clock clock;

  RecommendationsHandler(Recommender recommender, Clock clock) {
    this.recommender = recommender;
    this.clock = clock;
  }

  /**
   * Invalid parameters, an unknown algorithm or missing context throw; the failure handler answers.
   */
  void handle(RoutingContext ctx) {
    String algorithm = ctx.pathParam("algorithm");
    MultiMap params = ctx.queryParams();
    RecommendationRequest request = request(algorithm, params);
    String block = params.get("block");
    if (block != null && !BLOCK_ID.matcher(block).matches())
      throw new InvalidInputException("block", "must be 1-64 letters, digits or _.:-");
    Recommendations result = recommender.recommend(request);
    if (block == null)
      block = algorithm; // known to be a plain name now: the recommender accepted it
    String token = AttributionToken.issue(block, algorithm, clock.instant()).encode();
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(toJson(result, block, token).encode());
  }

  static RecommendationRequest request(String algorithm, MultiMap params) {
    List<Problem> problems = new ArrayList<>();
    int limit = integer(params, "limit", 10, problems);
    Double minPrice = decimal(params, "price_min", problems);
    Double maxPrice = decimal(params, "price_max", problems);
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    if (limit < 1 || limit > RecommendationRequest.MAX_LIMIT) {
      throw new InvalidInputException(
          "limit", "must be between 1 and " + RecommendationRequest.MAX_LIMIT + ", was " + limit);
    }
    String category = blankToNull(params.get("category"));
    List<String> categories = category == null ? List.of() : List.of(category);
    Filters filters;
    try {
      filters = new Filters(minPrice, maxPrice, categories, list(params.get("brand")));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("price_min", e.getMessage());
    }
    return RecommendationRequest.builder(algorithm)
        .visitor(blankToNull(params.get("visitor")))
        .customer(blankToNull(params.get("customer")))
        .item(blankToNull(params.get("item")))
        .category(category)
        .query(blankToNull(params.get("q")))
        .cart(list(params.get("cart")))
        .limit(limit)
        .filters(filters)
        .build();
  }

  private static int integer(MultiMap params, String name, int fallback, List<Problem> problems) {
    String raw = params.get(name);
    if (raw == null || raw.isBlank()) return fallback;
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      problems.add(new Problem(-1, name, "must be a whole number, was '" + raw + "'"));
      return fallback;
    }
  }

  private static Double decimal(MultiMap params, String name, List<Problem> problems) {
    String raw = params.get(name);
    if (raw == null || raw.isBlank()) return null;
    try {
      double value = Double.parseDouble(raw.trim());
      if (!Double.isFinite(value)) throw new NumberFormatException("not finite");
      return value;
    } catch (NumberFormatException e) {
      problems.add(new Problem(-1, name, "must be a number, was '" + raw + "'"));
      return null;
    }
  }

  private static List<String> list(String raw) {
    if (raw == null || raw.isBlank()) return List.of();
    List<String> out = new ArrayList<>();
    for (String part : raw.split(",")) if (!part.isBlank()) out.add(part.trim());
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static JsonObject toJson(Recommendations result, String block, String token) {
    JsonArray items = new JsonArray();
    for (RecommendedItem r : result.items()) {
      items.add(
          new JsonObject()
              .put("id", r.item().id())
              .put("title", r.item().title())
              .put("url", r.item().url())
              .put("image", r.item().image())
              .put("price", r.item().price())
              .put("old_price", r.item().oldPrice())
              .put("score", Math.round(r.score() * 10_000) / 10_000.0)
              .put("explanation", r.explanation())
              .put("source", r.source()));
    }
    return new JsonObject()
        .put("algorithm", result.algorithm())
        .put("block", block)
        .put("token", token)
        .put("items", items);
  }
}
