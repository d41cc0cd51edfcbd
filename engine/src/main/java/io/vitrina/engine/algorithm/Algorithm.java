package io.vitrina.engine.algorithm;

import java.util.List;

/**
 * A named recipe from the catalogue (see ALGORITHMS.md): finds candidates for a context. Rules
 * and de-duplication are applied by {@link AlgorithmContext#search}; fallbacks by the
 * {@link Recommender}, so a block is never empty while the catalog is not.
 */
public interface Algorithm {
  String name();

  /** One line for the API description and the admin UI. */
  String description();

  /** Whether the request must name an item (item-page blocks). */
  default boolean needsItem() {
    return false;
  }

  /** Algorithms asked in order when this one returns fewer items than the limit. */
  default List<String> fallbacks() {
    return List.of(Popular.NAME);
  }

  /** Up to {@code limit} candidates, best first. */
  List<Candidate> recommend(AlgorithmContext context, int limit);
}
