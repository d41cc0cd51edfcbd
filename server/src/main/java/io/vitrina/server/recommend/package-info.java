/**
 * The recommendations capability: {@code GET /v1/recommendations/{algorithm}}, the algorithm list,
 * search and ranked listings; and {@link io.vitrina.server.recommend.RecommendationQuery}, the
 * page's parameters and the answer that these and named blocks share.
 */
package io.vitrina.server.recommend;
