package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.profile.ProfileView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers a recommendation request: runs the asked algorithm, then its fallback chain until the
 * block is full, never repeating an item and never returning the context item. CPU-only work on
 * an in-memory index, cheap enough for the event loop.
 */
public final class Recommender {
  private final CatalogIndex index;
  private final ProfileStore profiles;
  private final AlgorithmCatalog algorithms;

  public Recommender(CatalogIndex index, ProfileStore profiles, AlgorithmCatalog algorithms) {
    this.index = index;
    this.profiles = profiles;
    this.algorithms = algorithms;
  }

  public AlgorithmCatalog algorithms() {
    return algorithms;
  }

  /**
   * @throws UnknownAlgorithmException when no algorithm has that name
   * @throws MissingContextException when the algorithm needs an item and the request names none,
   *     or names one the catalog does not have
   */
  public Recommendations recommend(RecommendationRequest request) {
    Algorithm algorithm =
        algorithms.get(request.algorithm()).orElseThrow(() -> new UnknownAlgorithmException(request.algorithm()));
    ProfileView profile = profiles.view(request.visitorId(), request.customerId());
    return index.withSearcher(
        searcher -> {
          Item contextItem = contextItem(request, algorithm, searcher);
          AlgorithmContext context = new AlgorithmContext(request, profile, contextItem, CatalogIndex.modelOf(searcher), searcher, index);
          List<RecommendedItem> out = new ArrayList<>(request.limit());
          collect(algorithm, context, out, request.limit());
          for (String fallback : algorithm.fallbacks()) {
            if (out.size() >= request.limit()) break;
            Algorithm next = algorithms.get(fallback).orElseThrow();
            if (next.needsItem() && contextItem == null) continue;
            collect(next, context, out, request.limit());
          }
          return new Recommendations(algorithm.name(), out);
        });
  }

  private Item contextItem(RecommendationRequest request, Algorithm algorithm, org.apache.lucene.search.IndexSearcher searcher)
      throws java.io.IOException {
    if (request.itemId() == null) {
      if (algorithm.needsItem()) throw new MissingContextException(algorithm.name() + " needs an item: pass item=<item id>");
      return null;
    }
    Optional<Item> item = CatalogIndex.find(searcher, request.itemId());
    if (item.isEmpty() && algorithm.needsItem()) {
      throw new MissingContextException("item '" + request.itemId() + "' is not in the catalog");
    }
    return item.orElse(null);
  }

  private static void collect(Algorithm algorithm, AlgorithmContext context, List<RecommendedItem> out, int limit) {
    for (Candidate candidate : algorithm.recommend(context, limit - out.size())) {
      if (out.size() >= limit) return;
      if (context.excluded().contains(candidate.item().id())) continue;
      context.exclude(candidate.item().id());
      out.add(new RecommendedItem(candidate.item(), candidate.score(), candidate.explanation(), algorithm.name()));
    }
  }

  /** The request names an algorithm this server does not have. */
  public static final class UnknownAlgorithmException extends RuntimeException {
    public UnknownAlgorithmException(String name) {
      super("unknown algorithm '" + name + "'");
    }
  }

  /** The algorithm needs context the request does not give. */
  public static final class MissingContextException extends RuntimeException {
    public MissingContextException(String message) {
      super(message);
    }
  }
}
