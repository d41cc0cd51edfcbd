package io.vitrina.engine.campaign;

import java.util.Set;

/**
 * What targeting reads of a shopper at the moment of a decision.
 *
 * @param segments the ids of the segments they are in now
 * @param returning whether they were seen before this session
 * @param cartItems how many items their cart holds
 * @param cartValue what those items cost, at the catalog's prices
 */
public record ShopperFacts(
    Set<String> segments, boolean returning, int cartItems, double cartValue) {
  public static final ShopperFacts NEW_VISITOR = new ShopperFacts(Set.of(), false, 0, 0);

  public ShopperFacts {
    segments = Set.copyOf(segments);
  }
}
