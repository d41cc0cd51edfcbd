/**
 * The recommendations capability: {@code GET /v1/recommendations/{algorithm}} and the algorithm
 * list.
 */
package io.vitrina.server.recommend;
