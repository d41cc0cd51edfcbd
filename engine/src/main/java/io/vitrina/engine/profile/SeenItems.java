package io.vitrina.engine.profile;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The items a shopper viewed, carted or bought, most recent first: an immutable list over the
 * profile's ints (see {@link ItemIds}) that answers {@link #contains} by a binary search of their
 * ids' hashes. Every personal block leaves these out; a request used to copy the hundreds of ids
 * into a hash set of strings to ask that of the few dozen candidates it reads.
 */
public final class SeenItems extends AbstractList<String> implements RandomAccess {
  public static final SeenItems NONE = new SeenItems(new ItemIds(), new int[0]);

  private final ItemIds ids;
  private final int[] newestFirst;

  /** See {@link #byHash()}; made when first asked. */
  private volatile long[] byHash;

  SeenItems(ItemIds ids, int[] newestFirst) {
    this.ids = ids;
    this.newestFirst = newestFirst;
  }

  /** Items outside any profile (tests, a view built by hand), most recent first. */
  public static SeenItems of(List<String> newestFirst) {
    ItemIds ids = new ItemIds();
    return new SeenItems(ids, newestFirst.stream().mapToInt(ids::intern).toArray());
  }

  @Override
  public String get(int index) {
    return ids.name(newestFirst[index]);
  }

  @Override
  public int size() {
    return newestFirst.length;
  }

  @Override
  public boolean contains(Object o) {
    if (!(o instanceof String id) || newestFirst.length == 0) return false;
    long[] byHash = byHash();
    int hash = id.hashCode();
    for (int at = firstOf(byHash, hash); at < byHash.length && hashOf(byHash[at]) == hash; at++)
      if (ids.name((int) byHash[at]).equals(id)) return true;
    return false;
  }

  /**
   * The items as (hash of the id, int) in one long each, sorted: a lookup is a binary search over a
   * few kilobytes and one string comparison for a match. Made from {@link ItemIds#hash}, not from
   * the strings: the profile store's dictionary of ids is large and cold, and looking each
   * candidate up in it cost more than the hash set of strings this replaced.
   */
  private long[] byHash() {
    long[] out = byHash;
    if (out == null) {
      out = new long[newestFirst.length];
      for (int k = 0; k < out.length; k++)
        out[k] = (long) ids.hash(newestFirst[k]) << 32 | newestFirst[k];
      Arrays.sort(out);
      byHash = out;
    }
    return out;
  }

  private static int hashOf(long entry) {
    return (int) (entry >> 32);
  }

  /** The first place of {@code sorted} whose hash is {@code hash} or above. */
  private static int firstOf(long[] sorted, int hash) {
    long key = (long) hash << 32;
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted[middle] < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
