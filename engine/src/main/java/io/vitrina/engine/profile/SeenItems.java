package io.vitrina.engine.profile;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The items a shopper viewed, carted or bought, most recent first: an immutable list over the
 * profile's ints (see {@link ItemIds}) that answers {@link #contains} by a binary search. Every
 * personal block leaves these out; a request used to copy the hundreds of ids into a hash set of
 * strings to ask that of the few dozen candidates it reads.
 */
public final class SeenItems extends AbstractList<String> implements RandomAccess {
  public static final SeenItems NONE = new SeenItems(new ItemIds(), new int[0]);

  private final ItemIds ids;
  private final int[] newestFirst;

  /** {@link #newestFirst} sorted, made when first asked. */
  private volatile int[] sorted;

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
    int item = ids.find(id);
    return item >= 0 && Arrays.binarySearch(sorted(), item) >= 0;
  }

  private int[] sorted() {
    int[] out = sorted;
    if (out == null) {
      out = newestFirst.clone();
      Arrays.sort(out);
      sorted = out;
    }
    return out;
  }
}
