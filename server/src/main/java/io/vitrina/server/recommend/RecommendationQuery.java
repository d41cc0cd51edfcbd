package io.vitrina.server.recommend;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommendations;
import io.vitrina.engine.algorithm.RecommendedItem;
import io.vitrina.engine.attribution.TokenSigner;
import io.vitrina.engine.rule.BusinessRules;
import io.vitrina.engine.rule.Filters;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.Problem;
import io.vitrina.server.input.QueryParams;
import java.util.ArrayList;
import java.util.List;

/**
 * A page's recommendation request, from query parameters to the JSON answer: shared by the
 * algorithm endpoint and named blocks, so both read the same parameters and answer alike.
 */
public final class RecommendationQuery {
  private RecommendationQuery() {}

  /**
   * The request a page's query parameters describe ({@code visitor}, {@code customer}, {@code
   * item}, {@code category}, {@code q}, {@code cart}, {@code limit}, {@code price_min}, {@code
   * price_max}, {@code brand}, {@code exclude}); invalid ones throw with every problem found.
   */
  public static RecommendationRequest.Builder parse(String algorithm, MultiMap params) {
    List<Problem> problems = new ArrayList<>();
    int limit = integer(params, "limit", 10, problems);
    Double minPrice = decimal(params, "price_min", problems);
    Double maxPrice = decimal(params, "price_max", problems);
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    if (limit < 1 || limit > RecommendationRequest.MAX_LIMIT) {
      throw new InvalidInputException(
          "limit", "must be between 1 and " + RecommendationRequest.MAX_LIMIT + ", was " + limit);
    }
    String category = QueryParams.text(params, "category");
    List<String> categories = category == null ? List.of() : List.of(category);
    Filters filters;
    try {
      filters = new Filters(minPrice, maxPrice, categories, list(params.get("brand")));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("price_min", e.getMessage());
    }
    return RecommendationRequest.builder(algorithm)
        .visitor(QueryParams.text(params, "visitor"))
        .customer(QueryParams.text(params, "customer"))
        .item(QueryParams.text(params, "item"))
        .category(category)
        .query(QueryParams.text(params, "q"))
        .cart(list(params.get("cart")))
        .limit(limit)
        .filters(filters)
        .rules(BusinessRules.NONE.withExclude(exclude(params)));
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

  /** The page's blacklist: {@code exclude=<id>,<id>…}. */
  public static List<String> exclude(MultiMap params) {
    return list(params.get("exclude"));
  }

  private static List<String> list(String raw) {
    if (raw == null || raw.isBlank()) return List.of();
    List<String> out = new ArrayList<>();
    for (String part : raw.split(",")) if (!part.isBlank()) out.add(part.trim());
    return out;
  }

  /** Answers with the block's items and an attribution token for {@code block}, signed. */
  public static void send(
      RoutingContext ctx, Recommendations result, String block, TokenSigner tokens) {
    String token = tokens.issue(block, result.algorithm());
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(toJson(result, block, token).encode());
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
