package io.vitrina.engine.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per item, the items nearest it by some measure (content, for {@code similar}), best first, with
 * their scores: lists made in the background, which an item page reads instead of running its
 * query. The listed items are ordinals of the lists' own id table, which each searcher resolves to
 * its documents once per id ({@link CatalogIndex#contentNeighbours}) rather than by a lookup per
 * page. Immutable; an item the lists were made before has none, and is answered by the query.
 */
public final class ItemNeighbours {
  public static final ItemNeighbours NONE = new ItemNeighbours(Map.of(), new String[0]);

  /** One item's neighbours as ordinals (see {@link #id}), best first, and their scores. */
  public record Neighbours(int[] ordinals, float[] scores) {}

  /** One item's neighbours as a searcher's documents (-1: not in its catalog), and their scores. */
  public record Listed(int[] docs, float[] scores) {}

  private final Map<String, Neighbours> byItem;
  private final String[] ids;

  private ItemNeighbours(Map<String, Neighbours> byItem, String[] ids) {
    this.byItem = byItem;
    this.ids = ids;
  }

  /** The item's neighbours, or null when it has no list. */
  public Neighbours of(String itemId) {
    return byItem.get(itemId);
  }

  /** The item's neighbours' ids, best first; empty when it has no list. */
  public List<String> idsOf(String itemId) {
    Neighbours neighbours = byItem.get(itemId);
    if (neighbours == null) return List.of();
    List<String> out = new ArrayList<>(neighbours.ordinals().length);
    for (int ordinal : neighbours.ordinals()) out.add(ids[ordinal]);
    return out;
  }

  /** The id of a listed item's ordinal. */
  public String id(int ordinal) {
    return ids[ordinal];
  }

  /** How many distinct items the lists hold: the ordinals are below it. */
  public int listedItems() {
    return ids.length;
  }

  /** How many items have a list. */
  public int size() {
    return byItem.size();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects lists, one per item; not for use by several threads at once. */
  public static final class Builder {
    // HashMaps, not Map.copyOf: see ModelSnapshot.byItem.
    private final Map<String, Neighbours> byItem = new HashMap<>();
    private final Map<String, Integer> ordinals = new HashMap<>();
    private final List<String> ids = new ArrayList<>();

    public Builder put(String itemId, List<String> neighbours, float[] scores) {
      if (neighbours.size() != scores.length)
        throw new IllegalArgumentException("one score per neighbour: " + itemId);
      int[] listed = new int[neighbours.size()];
      for (int k = 0; k < listed.length; k++) listed[k] = ordinal(neighbours.get(k));
      byItem.put(itemId, new Neighbours(listed, scores.clone()));
      return this;
    }

    private int ordinal(String id) {
      Integer known = ordinals.putIfAbsent(id, ids.size());
      if (known != null) return known;
      ids.add(id);
      return ids.size() - 1;
    }

    public ItemNeighbours build() {
      return new ItemNeighbours(new HashMap<>(byItem), ids.toArray(String[]::new));
    }
  }
}
