/**
 * The algorithm catalogue: named {@link io.vitrina.engine.algorithm.Algorithm}s, each a family of
 * {@link io.vitrina.engine.algorithm.CandidateSource}s (history query, feature rank, content
 * likeness, profile listing, item indicators) with a configuration, the context it requires and its
 * fallbacks; the {@link io.vitrina.engine.algorithm.Recommender} that answers a {@link
 * io.vitrina.engine.algorithm.RecommendationRequest}; and the per-request {@link
 * io.vitrina.engine.algorithm.CatalogView}, through which every query passes the rules.
 *
 * <p>An answer ({@link io.vitrina.engine.algorithm.Recommendations}) says what it is: each item its
 * source and an explanation true of the data behind it, how many items a {@link
 * io.vitrina.engine.algorithm.Fallback} found, and what moved items out of their score order. A
 * search page ({@link io.vitrina.engine.algorithm.SearchResults}) adds what the whole text matched.
 *
 * <p>A new algorithm is a new configuration of a family in {@link
 * io.vitrina.engine.algorithm.AlgorithmCatalog}; a new family is one more candidate source.
 */
package io.vitrina.engine.algorithm;
