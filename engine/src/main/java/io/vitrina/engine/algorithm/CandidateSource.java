package io.vitrina.engine.algorithm;

import java.util.List;

/**
 * A family of algorithms: how candidates are found and scored, configured by its constructor (which
 * indicator, which feature, which profile list). Every query goes through the request's {@link
 * CatalogView}, so the rules apply whatever the family does.
 */
@FunctionalInterface
public interface CandidateSource {
  /** Up to {@code limit} candidates, best first. */
  List<Candidate> candidates(AlgorithmContext context, int limit);

  /**
   * Whether the answer depends only on the page, the catalog and the model, never on who asks: such
   * answers are cached per searcher. False unless a family declares it, so a family that reads the
   * profile cannot be cached by mistake.
   */
  default boolean sameForEveryShopper() {
    return false;
  }

  /**
   * Whether the family proposes items the shopper does not have: then what the shopper bought is
   * left out of its block. False for a family that shows the shopper's own items back.
   */
  default boolean proposesNewItems() {
    return true;
  }
}
