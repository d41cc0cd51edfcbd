package io.vitrina.engine.profile;

import java.util.List;
import java.util.Map;

/**
 * What an algorithm may know of one shopper at request time: an immutable copy.
 *
 * @param recentViews viewed item ids, most recent first
 * @param cart item ids in the cart, most recently added first
 * @param purchases bought item ids, most recent first
 * @param searches recent search texts, most recent first
 * @param seen every item viewed, carted or bought (up to a bound, most recent first): what blocks
 *     that propose new things leave out
 * @param repurchases items the shopper bought again, with their own purchase cycle
 * @param shownUnclicked items shown to the shopper in lists and not clicked since, with how many
 *     times (up to a bound): what a block that rotates sinks
 * @param orders the shopper's orders: how many, when the first and the latest, revenue net of
 *     refunds, the latest few with their dates and values (what lifecycle and RFM read)
 * @param region the region of the shopper's latest event that named one, or null
 * @param affinities decayed interest in categories, brands, price bands and tags
 * @param moments when the shopper last carted, viewed, searched, signed up, and the item they
 *     watch: what trigger messages read
 */
public record ProfileView(
    List<String> recentViews,
    List<String> cart,
    List<String> purchases,
    List<String> searches,
    SeenItems seen,
    List<Repurchase> repurchases,
    Map<String, Integer> shownUnclicked,
    Orders orders,
    String region,
    AffinityVector affinities,
    Moments moments) {
  public static final ProfileView EMPTY =
      new ProfileView(
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          SeenItems.NONE,
          List.of(),
          Map.of(),
          Orders.NONE,
          null,
          AffinityVector.EMPTY,
          Moments.NONE);

  public ProfileView {
    recentViews = List.copyOf(recentViews);
    cart = List.copyOf(cart);
    purchases = List.copyOf(purchases);
    searches = List.copyOf(searches);
    seen = seen == null ? SeenItems.NONE : seen;
    repurchases = List.copyOf(repurchases);
    shownUnclicked = Map.copyOf(shownUnclicked);
    orders = orders == null ? Orders.NONE : orders;
    affinities = affinities == null ? AffinityVector.EMPTY : affinities;
    moments = moments == null ? Moments.NONE : moments;
  }

  public boolean isEmpty() {
    return recentViews.isEmpty() && cart.isEmpty() && purchases.isEmpty();
  }
}
