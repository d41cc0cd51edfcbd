package io.vitrina.server.recommend;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommendations;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.engine.attribution.TokenSigner;
import io.vitrina.server.input.InvalidInputException;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/recommendations/{algorithm}}: a ranked block for the page context. Answered on the
 * event loop: one or a few Lucene queries over an in-memory index, well under a millisecond.
 */
final class RecommendationsHandler {
  static final Pattern BLOCK_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private final Recommender recommender;
  private final TokenSigner tokens;

  RecommendationsHandler(Recommender recommender, TokenSigner tokens) {
    this.recommender = recommender;
    this.tokens = tokens;
  }

  /**
   * Invalid parameters, an unknown algorithm or missing context throw; the failure handler answers.
   */
  void handle(RoutingContext ctx) {
    String algorithm = ctx.pathParam("algorithm");
    MultiMap params = ctx.queryParams();
    RecommendationRequest request = RecommendationQuery.parse(algorithm, params).build();
    String block = params.get("block");
    if (block != null && !BLOCK_ID.matcher(block).matches())
      throw new InvalidInputException("block", "must be 1-64 letters, digits or _.:-");
    Recommendations result = recommender.recommend(request);
    if (block == null)
      block = algorithm; // known to be a plain name now: the recommender accepted it
    RecommendationQuery.send(ctx, result, block, tokens);
  }
}
