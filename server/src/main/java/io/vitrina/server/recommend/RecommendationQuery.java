package io.vitrina.server.recommend;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.algorithm.Fallback;
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
   * price_max}, {@code brand}, {@code exclude}, {@code fallback}); invalid ones throw with every
   * problem found. Without {@code fallback}, the algorithm's default chain fills the block.
   */
  public static RecommendationRequest.Builder parse(String algorithm, MultiMap params) {
    List<Problem> problems = new ArrayList<>();
    int limit = integer(params, "limit", 10, problems);
    Double minPrice = decimal(params, "price_min", problems);
    Double maxPrice = decimal(params, "price_max", problems);
    Fallback fallback = fallback(params, problems);
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
        .fallback(fallback == null ? Fallback.DEFAULT : fallback)
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

  /** The request's {@code fallback}, or null when it names none. */
  private static Fallback fallback(MultiMap params, List<Problem> problems) {
    String raw = QueryParams.text(params, "fallback");
    if (raw == null) return null;
    try {
      return Fallback.parse(raw);
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(-1, "fallback", e.getMessage()));
      return null;
    }
  }

  /**
   * A search page's {@code offset}: results of the ranking skipped (0 when absent), so that {@code
   * offset} and {@code limit} together stay within {@link RecommendationRequest#MAX_DEPTH}.
   */
  public static int offset(MultiMap params, int limit) {
    List<Problem> problems = new ArrayList<>();
    int offset = integer(params, "offset", 0, problems);
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    int max = RecommendationRequest.MAX_DEPTH - limit;
    if (offset < 0 || offset > max)
      throw new InvalidInputException(
          "offset",
          "must be between 0 and "
              + max
              + " (offset + limit at most "
              + RecommendationRequest.MAX_DEPTH
              + "), was "
              + offset);
    return offset;
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

  /** The answer's JSON: the items, and how many came from fallbacks and what reordered them. */
  public static JsonObject toJson(Recommendations result, String block, String token) {
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
    JsonArray reordered = new JsonArray();
    result.reorderedBy().forEach(r -> reordered.add(r.wireName()));
    return new JsonObject()
        .put("algorithm", result.algorithm())
        .put("block", block)
        .put("token", token)
        .put("fallback_items", result.fallbackItems())
        .put("reordered_by", reordered)
        .put("items", items);
  }
}
