/**
 * The recommendations capability: {@code GET /v1/recommendations/{algorithm}}, the algorithm list,
 * search and ranked listings; {@link io.vitrina.server.recommend.RecommendationQuery}, the page's
 * parameters and the answer that these and named blocks share; and {@link
 * io.vitrina.server.recommend.Answers}, where every answer is signed, counted in the metrics and
 * sent.
 */
package io.vitrina.server.recommend;
