package io.vitrina.engine.algorithm;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named recipe of the catalogue (see ALGORITHMS.md): a family of candidate sources configured for
 * one purpose, what context it requires, and what fills the block when it runs short. Rules and
 * de-duplication are applied by the {@link CatalogView}; fallbacks by the {@link Recommender}, so a
 * block is never empty while the catalog is not.
 *
 * @param description one line for the API's algorithm list and the admin UI
 * @param requires context a request must give, else it is rejected
 * @param fallbacks algorithms asked in order when this one returns fewer items than the limit
 */
public record Algorithm(
    String name,
    String description,
    Set<ContextKind> requires,
    List<String> fallbacks,
    CandidateSource source) {
  public Algorithm {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    requires = Set.copyOf(requires);
    fallbacks = List.copyOf(fallbacks);
  }

  /** Whether the request must name an item (item-page blocks). */
  public boolean needsItem() {
    return requires.contains(ContextKind.ITEM);
  }

  /** Up to {@code limit} candidates, best first. */
  public List<Candidate> recommend(AlgorithmContext context, int limit) {
    return source.candidates(context, limit);
  }
}
