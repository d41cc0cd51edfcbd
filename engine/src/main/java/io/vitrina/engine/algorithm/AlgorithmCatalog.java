package io.vitrina.engine.algorithm;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The algorithms a server offers, by name. */
public final class AlgorithmCatalog {
  private final Map<String, Algorithm> byName = new LinkedHashMap<>();

  public AlgorithmCatalog(Collection<Algorithm> algorithms) {
    for (Algorithm algorithm : algorithms) {
      if (byName.put(algorithm.name(), algorithm) != null) {
        throw new IllegalArgumentException("two algorithms named " + algorithm.name());
      }
    }
    for (Algorithm algorithm : algorithms) {
      for (String fallback : algorithm.fallbacks()) {
        if (!byName.containsKey(fallback)) {
          throw new IllegalArgumentException(algorithm.name() + " falls back to unknown " + fallback);
        }
      }
    }
  }

  /** The algorithms built so far. */
  public static AlgorithmCatalog standard() {
    return new AlgorithmCatalog(
        java.util.List.of(
            new Personal(),
            new Popular(),
            new Similar(),
            new RecentlyViewed(),
            CooccurringItems.alsoViewed(),
            CooccurringItems.alsoBought()));
  }

  public Optional<Algorithm> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<Algorithm> all() {
    return byName.values();
  }
}
