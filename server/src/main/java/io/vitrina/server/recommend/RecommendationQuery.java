package io.vitrina.server.recommend;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.algorithm.Fallback;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommendations;
import io.vitrina.engine.algorithm.RecommendedItem;
import io.vitrina.engine.rule.BusinessRules;
import io.vitrina.engine.rule.Filters;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.QueryParams;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A page's recommendation request, from query parameters to the JSON answer: shared by the
 * algorithm endpoint, search and named blocks, so all read the same parameters and answer alike.
 */
public final class RecommendationQuery {
  /** The longest search text taken: a shopper's query, not a document. */
  public static final int MAX_QUERY_LENGTH = 200;

  /** What a storefront may call a block ({@code block=}), echoed in the answer and its token. */
  private static final Pattern BLOCK_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private RecommendationQuery() {}

  /** The request a page's query parameters describe for an algorithm, without rules of its own. */
  public static RecommendationRequest parse(String algorithm, QueryParams params) {
    return parse(
        algorithm,
        BusinessRules.NONE,
        RecommendationRequest.DEFAULT_LIMIT,
        Fallback.DEFAULT,
        params);
  }

  /**
   * The request a page's query parameters describe ({@code visitor}, {@code customer}, {@code
   * item}, {@code category}, {@code q}, {@code cart}, {@code limit}, {@code price_min}, {@code
   * price_max}, {@code brand}, {@code exclude}, {@code fallback}) for a block of {@code rules},
   * {@code limit} items and {@code fallback}: {@code limit=} overrides its size, {@code fallback=}
   * its fallback, {@code exclude=} adds to its blacklist. Problems are kept in {@code params} until
   * its {@link QueryParams#finish}.
   */
  public static RecommendationRequest parse(
      String algorithm, BusinessRules rules, int limit, Fallback fallback, QueryParams params) {
    String category = params.text("category", JsonFields.MAX_TERM_LENGTH);
    Integer asked = params.integer("limit", 1, RecommendationRequest.MAX_LIMIT);
    Filters filters = Filters.NONE;
    try {
      filters =
          new Filters(
              params.number("price_min"),
              params.number("price_max"),
              category == null ? List.of() : List.of(category),
              params.list("brand", JsonFields.MAX_TERM_LENGTH));
    } catch (IllegalArgumentException e) {
      params.problem("price_min", e.getMessage());
    }
    return RecommendationRequest.builder(algorithm)
        .visitor(params.id("visitor"))
        .customer(params.id("customer"))
        .item(params.id("item"))
        .category(category)
        .query(params.text("q", MAX_QUERY_LENGTH))
        .cart(params.list("cart", JsonFields.MAX_ID_LENGTH))
        .limit(asked == null ? limit : asked)
        .fallback(fallback(params, fallback))
        .filters(filters)
        .rules(rules.withExclude(params.list("exclude", JsonFields.MAX_ID_LENGTH)))
        .build();
  }

  /** The page's {@code fallback=}, else the block's. */
  private static Fallback fallback(QueryParams params, Fallback block) {
    String text = params.text("fallback", JsonFields.MAX_TERM_LENGTH);
    if (text == null) return block;
    try {
      return Fallback.parse(text);
    } catch (IllegalArgumentException e) {
      params.problem("fallback", e.getMessage());
      return block;
    }
  }

  /**
   * A search page's {@code offset=}: results of the ranking skipped before a page of {@code limit}
   * (0 when absent), so that the two stay within {@link RecommendationRequest#MAX_DEPTH}.
   */
  public static int offset(QueryParams params, int limit) {
    Integer offset = params.integer("offset", 0, RecommendationRequest.MAX_DEPTH - limit);
    return offset == null ? 0 : offset;
  }

  /** The storefront's name for the block ({@code block=}), or {@code fallback}. */
  public static String block(QueryParams params, String fallback) {
    String block = params.matching("block", BLOCK_ID, "1-64 letters, digits or _.:-");
    return block == null ? fallback : block;
  }

  /**
   * The answer's JSON: the items, and how many came from fallbacks and what reordered them. Sent
   * through {@link Answers}, which signs and counts every answer.
   */
  public static JsonObject toJson(Recommendations result, String block, String token) {
    return head(result, block, token).put("items", items(result));
  }

  /**
   * The same JSON, encoded, with the items given already encoded ({@link #items} of the same
   * answer): Jackson ends the head object with its brace, and the items go in as its last member.
   */
  static Buffer encoded(Recommendations result, String block, String token, byte[] items) {
    Buffer head = head(result, block, token).toBuffer();
    return Buffer.buffer(head.length() + items.length + 16)
        .appendBuffer(head, 0, head.length() - 1)
        .appendString(",\"items\":")
        .appendBytes(items)
        .appendByte((byte) '}');
  }

  /** Everything of the answer's JSON but its items. */
  private static JsonObject head(Recommendations result, String block, String token) {
    JsonArray reordered = new JsonArray();
    result.reorderedBy().forEach(r -> reordered.add(r.wireName()));
    return new JsonObject()
        .put("algorithm", result.algorithm())
        .put("block", block)
        .put("token", token)
        .put("fallback_items", result.fallbackItems())
        .put("reordered_by", reordered);
  }

  static JsonArray items(Recommendations result) {
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
    return items;
  }
}
