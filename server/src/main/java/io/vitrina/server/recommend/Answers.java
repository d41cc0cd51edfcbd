package io.vitrina.server.recommend;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.algorithm.Recommendations;
import io.vitrina.engine.attribution.TokenSigner;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.metrics.Metrics;

/**
 * Where every recommendation answer passes once, whichever endpoint asked (an algorithm, a named
 * block, search): it is signed, counted and sent here.
 *
 * <p>The counts are what a store's engineer watches of the answers: how many per algorithm, how
 * many were partly filled by fallbacks and with how many items, how many were empty, and how many
 * per named block. Labels are names from the algorithm catalogue (an unknown one is a 404 before
 * this) and block names the admin saved, never what a page sent ({@code block=} is the page's own
 * name and stays out of metrics). Counting costs a few {@link
 * java.util.concurrent.atomic.LongAdder} additions, each found by its label without allocating.
 */
public final class Answers {
  private final TokenSigner tokens;
  private final Metrics.Counter answered;
  private final Metrics.Counter empty;
  private final Metrics.Counter withFallback;
  private final Metrics.Counter fallbackItems;
  private final Metrics.Counter byBlock;
  private final EncodedItems encodedItems = new EncodedItems();

  public Answers(TokenSigner tokens, Metrics metrics) {
    this.tokens = tokens;
    this.answered =
        metrics.counter(
            "vitrina_recommendations_total",
            "algorithm",
            "recommendation answers by algorithm (named blocks and search included)");
    this.empty =
        metrics.counter(
            "vitrina_recommendations_empty_total", "algorithm", "answers without any item");
    this.withFallback =
        metrics.counter(
            "vitrina_recommendations_with_fallback_total",
            "algorithm",
            "answers with at least one item from a fallback rather than the algorithm itself");
    this.fallbackItems =
        metrics.counter(
            "vitrina_recommendations_fallback_items_total",
            "algorithm",
            "items served from fallbacks, by the algorithm asked");
    this.byBlock =
        metrics.counter(
            "vitrina_block_recommendations_total", "block", "answers of named blocks, by name");
  }

  /**
   * Answers an algorithm's request with its items and a token for {@code block}, the page's name
   * for the block (not counted by name: the page chooses it).
   */
  public void send(RoutingContext ctx, Recommendations result, String block) {
    String token = tokens.issue(block, count(result), null, null);
    JsonResponse.sendUncached(
        ctx, 200, RecommendationQuery.encoded(result, block, token, encodedItems.of(result)));
  }

  /** Answers a named block's request, counted under its name as well as its algorithm's. */
  public void sendBlock(RoutingContext ctx, Recommendations result, String blockName) {
    byBlock.add(blockName, 1);
    send(ctx, result, blockName);
  }

  /**
   * Answers a named block's request in an experiment: as {@link #sendBlock}, with a token naming
   * the experiment and the shopper's arm, which the answer names too.
   */
  public void sendBlock(
      RoutingContext ctx, Recommendations result, String blockName, String experiment, String arm) {
    byBlock.add(blockName, 1);
    JsonObject json = counted(result, blockName, experiment, arm);
    JsonResponse.sendUncached(ctx, 200, json.put("experiment", named(experiment, arm)));
  }

  /**
   * Answers a block's request for a shopper in a holdout arm: no items, and a token, so that the
   * exposure counts while the page shows nothing. Counted under the block, not as an algorithm's
   * empty answer.
   */
  public void sendHoldout(RoutingContext ctx, String blockName, String experiment, String arm) {
    byBlock.add(blockName, 1);
    Recommendations nothing = new Recommendations(HOLDOUT, java.util.List.of());
    String token = tokens.issue(blockName, HOLDOUT, experiment, arm);
    JsonObject json = RecommendationQuery.toJson(nothing, blockName, token);
    JsonResponse.sendUncached(ctx, 200, json.put("experiment", named(experiment, arm)));
  }

  private static JsonObject named(String experiment, String arm) {
    return new JsonObject().put("id", experiment).put("arm", arm);
  }

  /** The algorithm a holdout's answer and token name. */
  public static final String HOLDOUT = "holdout";

  /** The answer's JSON, with its signed token, counted: for an endpoint that adds to it. */
  public JsonObject counted(Recommendations result, String block) {
    return counted(result, block, null, null);
  }

  /**
   * The answer's JSON, counted, with a token naming the experiment and the arm (both null outside
   * any): for an endpoint that carries items inside an answer of its own (a campaign's strip).
   */
  public JsonObject counted(Recommendations result, String block, String experiment, String arm) {
    String algorithm = count(result);
    return RecommendationQuery.toJson(
        result, block, tokens.issue(block, algorithm, experiment, arm));
  }

  /** Counts the answer under its algorithm, which it returns. */
  private String count(Recommendations result) {
    String algorithm = result.algorithm();
    answered.add(algorithm, 1);
    if (result.items().isEmpty()) empty.add(algorithm, 1);
    int fallen = result.fallbackItems();
    if (fallen > 0) {
      withFallback.add(algorithm, 1);
      fallbackItems.add(algorithm, fallen);
    }
    return algorithm;
  }
}
