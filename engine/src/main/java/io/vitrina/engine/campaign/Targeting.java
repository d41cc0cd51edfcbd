package io.vitrina.engine.campaign;

import java.util.List;
import java.util.Set;

/**
 * Whom and where a campaign or a slot variant is for; every condition given must hold, and an
 * absent (empty, null) one holds for everyone.
 *
 * @param segments the shopper is in at least one of these segments (ids of saved or built-in
 *     segments)
 * @param urls the page's path matches at least one of these patterns
 * @param devices the page is shown on one of these
 * @param visitor new (first seen in this session) or returning visitors, or both
 * @param cart what the shopper's cart holds
 */
public record Targeting(
    List<String> segments,
    List<UrlPattern> urls,
    Set<Device> devices,
    VisitorKind visitor,
    Cart cart) {
  public static final Targeting EVERYONE =
      new Targeting(List.of(), List.of(), Set.of(), VisitorKind.ANY, Cart.ANY);

  /**
   * A condition on the cart; each bound is off when null.
   *
   * @param minItems it holds at least this many items
   * @param minValue it is worth at least this much (at the catalog's prices)
   * @param maxValue it is worth at most this much
   */
  public record Cart(Integer minItems, Double minValue, Double maxValue) {
    public static final Cart ANY = new Cart(null, null, null);

    boolean holds(ShopperFacts shopper) {
      return (minItems == null || shopper.cartItems() >= minItems)
          && (minValue == null || shopper.cartValue() >= minValue)
          && (maxValue == null || shopper.cartValue() <= maxValue);
    }
  }

  /** Which visitors. */
  public enum VisitorKind {
    ANY,
    NEW,
    RETURNING;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Targeting {
    segments = List.copyOf(segments);
    urls = List.copyOf(urls);
    devices = Set.copyOf(devices);
    visitor = visitor == null ? VisitorKind.ANY : visitor;
    cart = cart == null ? Cart.ANY : cart;
  }

  public boolean matches(ShopperFacts shopper, Visit visit) {
    if (!segments.isEmpty() && !anyIn(shopper.segments())) return false;
    if (!urls.isEmpty() && !anyMatch(visit.url())) return false;
    if (!devices.isEmpty() && (visit.device() == null || !devices.contains(visit.device())))
      return false;
    if (visitor == VisitorKind.NEW && shopper.returning()) return false;
    if (visitor == VisitorKind.RETURNING && !shopper.returning()) return false;
    return cart.holds(shopper);
  }

  // Loops rather than streams: a decision checks every campaign's targeting on every page view.
  private boolean anyIn(Set<String> memberOf) {
    for (String segment : segments) if (memberOf.contains(segment)) return true;
    return false;
  }

  private boolean anyMatch(String url) {
    for (UrlPattern pattern : urls) if (pattern.matches(url)) return true;
    return false;
  }
}
