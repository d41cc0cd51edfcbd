package io.vitrina.engine.profile;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A dense int for each item id any event named, shared by every profile of a store: profiles keep
 * ints (4 bytes, compared without hashing), and each id's string is held once here, however many
 * shoppers touched it. Independent of the catalog, because events may name items the catalog does
 * not have yet. Append-only: an id keeps its int for the life of the store (about 100 bytes per
 * distinct id; rebuilt at start from the events replayed). Thread-safe.
 */
final class ItemIds {
  private final ConcurrentHashMap<String, Integer> ints = new ConcurrentHashMap<>();

  /**
   * Id of each int. Grown under the lock and published by the volatile write; an int is handed out
   * only after its slot is written, so whoever holds an int reads its id.
   */
  private volatile String[] names = new String[1024];

  /** Per int, its id's {@link String#hashCode}: read without touching the string (see below). */
  private volatile int[] hashes = new int[1024];

  private int size;

  /** The int of {@code id}, given it now if it has none. */
  int intern(String id) {
    Integer known = ints.get(id);
    return known != null ? known : add(id);
  }

  private synchronized int add(String id) {
    Integer known = ints.get(id);
    if (known != null) return known;
    if (size == names.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
      names = Arrays.copyOf(names, size * 2);
    }
    hashes[size] = id.hashCode();
    names[size] = id;
    ints.put(id, size);
    return size++;
  }

  /** The int of {@code id}, or -1 when no event named it. */
  int find(String id) {
    Integer known = ints.get(id);
    return known == null ? -1 : known;
  }

  String name(int id) {
    return names[id];
  }

  /**
   * The hash of {@link #name}: one array of ints, so that a set of a profile's items is made from
   * them without reading hundreds of strings scattered over the heap ({@link SeenItems}).
   */
  int hash(int id) {
    return hashes[id];
  }
}
