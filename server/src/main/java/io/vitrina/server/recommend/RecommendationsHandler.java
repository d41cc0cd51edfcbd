package io.vitrina.server.recommend;

import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommendations;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.engine.experiment.GlobalHoldout;
import io.vitrina.server.input.QueryParams;

/**
 * {@code GET /v1/recommendations/{algorithm}}: a ranked block for the page context. Answered on the
 * event loop: one or a few Lucene queries over an in-memory index, well under a millisecond.
 */
final class RecommendationsHandler {
  private final Recommender recommender;
  private final Answers answers;
  private final Personalization personalization;

  RecommendationsHandler(
      Recommender recommender, Answers answers, Personalization personalization) {
    this.recommender = recommender;
    this.answers = answers;
    this.personalization = personalization;
  }

  /**
   * Invalid parameters, an unknown algorithm or missing context throw; the failure handler answers.
   */
  void handle(RoutingContext ctx) {
    String algorithm = ctx.pathParam("algorithm");
    QueryParams params = QueryParams.of(ctx);
    RecommendationRequest request = RecommendationQuery.parse(algorithm, params);
    // The algorithm is known to be a plain name once the recommender has accepted it.
    String block = RecommendationQuery.block(params, algorithm);
    params.finish();
    Recommendations result =
        personalization.impersonal(request.shopper())
            ? GlobalHoldout.answer(recommender, request)
            : recommender.recommend(request);
    answers.send(ctx, result, block);
  }
}
