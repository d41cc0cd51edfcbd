package io.vitrina.server.privacy;

import io.vitrina.engine.signal.ShopperKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every id of one shopper: their customer id (null for a visitor never stitched to one) and every
 * visitor id stitched to it, as PostgreSQL's identities and this node's memory know them. What an
 * export reads and an erasure deletes, whichever of the ids the request named.
 *
 * @param customerId the store's customer id, or null
 * @param visitorIds the visitor ids, sorted
 */
public record ShopperIds(String customerId, List<String> visitorIds) {
  public ShopperIds {
    visitorIds = List.copyOf(new TreeSet<>(visitorIds));
  }

  /** The ids as profile keys ({@code c:…}, {@code v:…}): how memory and experiments name them. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>(visitorIds.size() + 1);
    if (customerId != null) keys.add(ShopperKeys.customer(customerId));
    for (String visitor : visitorIds) keys.add(ShopperKeys.visitor(visitor));
    return keys;
  }

  /** The visitor ids, for {@code = ANY($n)}. */
  public String[] visitors() {
    return visitorIds.toArray(String[]::new);
  }

  /** The keys, for {@code = ANY($n)}. */
  public String[] keyArray() {
    return keys().toArray(String[]::new);
  }

  /** The visitor ids among profile keys. */
  static List<String> visitorsOf(Set<String> keys) {
    return keys.stream().filter(k -> k.startsWith("v:")).map(k -> k.substring(2)).toList();
  }
}
