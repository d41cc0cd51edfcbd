package io.vitrina.engine.profile;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A shopper's affinities: per facet, its values with their shares of the shopper's decayed weight,
 * strongest first (ties by value). Immutable.
 */
public record AffinityVector(Map<Facet, List<Affinity>> byFacet) {
  public static final AffinityVector EMPTY = new AffinityVector(Map.of());

  public AffinityVector {
    EnumMap<Facet, List<Affinity>> copy = new EnumMap<>(Facet.class);
    byFacet.forEach((facet, values) -> copy.put(facet, List.copyOf(values)));
    byFacet = java.util.Collections.unmodifiableMap(copy);
  }

  /** The facet's values, strongest first; empty when the shopper has none. */
  public List<Affinity> of(Facet facet) {
    return byFacet.getOrDefault(facet, List.of());
  }

  public boolean isEmpty() {
    return byFacet.values().stream().allMatch(List::isEmpty);
  }
}
