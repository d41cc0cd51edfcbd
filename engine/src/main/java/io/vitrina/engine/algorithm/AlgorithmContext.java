package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.ItemVectors;
import io.vitrina.engine.profile.ProfileView;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything an algorithm sees while answering one request: the request, the shopper's profile, the
 * context item, the item vectors, and the request's {@link CatalogView}, its only way into the
 * index and to the indicators its documents carry.
 */
public final class AlgorithmContext {
  private final RecommendationRequest request;
  private final ProfileView profile;
  private final Item contextItem;
  private final ItemVectors vectors;
  private final CatalogView catalog;
  private final Instant now;

  AlgorithmContext(
      RecommendationRequest request,
      ProfileView profile,
      Item contextItem,
      ItemVectors vectors,
      CatalogView catalog,
      Instant now) {
    this.now = now;
    this.request = request;
    this.profile = profile;
    this.contextItem = contextItem;
    this.vectors = vectors;
    this.catalog = catalog;
    if (request.page().itemId() != null) catalog.exclude(request.page().itemId());
  }

  public RecommendationRequest request() {
    return request;
  }

  public ProfileView profile() {
    return profile;
  }

  /** The item of the page, or null. */
  public Item contextItem() {
    return contextItem;
  }

  /** The factor model's item vectors; empty until one is trained. */
  public ItemVectors vectors() {
    return vectors;
  }

  public CatalogView catalog() {
    return catalog;
  }

  /** The time of the request, by the recommender's clock. */
  public Instant now() {
    return now;
  }

  /** The cart as the storefront sent it, then the profile's, each item once. */
  public List<String> cart() {
    Set<String> cart = new LinkedHashSet<>(request.page().cart());
    cart.addAll(profile.cart());
    return List.copyOf(cart);
  }
}
