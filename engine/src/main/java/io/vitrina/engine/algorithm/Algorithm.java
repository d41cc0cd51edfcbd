package io.vitrina.engine.algorithm;

import io.vitrina.engine.rule.Restriction;
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
 * @param restrictions what every item of the block must be, fallbacks included (pricier than the
 *     page's item, of another category, …)
 */
public record Algorithm(
    String name,
    String description,
    Set<ContextKind> requires,
    List<String> fallbacks,
    CandidateSource source,
    Set<Restriction> restrictions) {
  public Algorithm {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    requires = Set.copyOf(requires);
    fallbacks = List.copyOf(fallbacks);
    restrictions = Set.copyOf(restrictions);
  }

  /** An algorithm without restrictions. */
  public Algorithm(
      String name,
      String description,
      Set<ContextKind> requires,
      List<String> fallbacks,
      CandidateSource source) {
    this(name, description, requires, fallbacks, source, Set.of());
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
