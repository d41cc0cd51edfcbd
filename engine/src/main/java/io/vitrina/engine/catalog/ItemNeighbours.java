package io.vitrina.engine.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per item, the items nearest it by some measure (content, for {@code similar}), best first, with
 * their scores: lists made in the background, which an item page reads instead of running its
 * query. Immutable; an item the lists were made before has none, and is answered by the query.
 */
public final class ItemNeighbours {
  public static final ItemNeighbours NONE = new ItemNeighbours(Map.of());

  /** One item's neighbours, best first, and their scores at the same places. */
  public record Neighbours(List<String> ids, float[] scores) {}

  private final Map<String, Neighbours> byItem;

  private ItemNeighbours(Map<String, Neighbours> byItem) {
    this.byItem = byItem;
  }

  /** The item's neighbours, or null when it has no list. */
  public Neighbours of(String itemId) {
    return byItem.get(itemId);
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
    // A HashMap, not Map.copyOf: see ModelSnapshot.byItem.
    private final Map<String, Neighbours> byItem = new HashMap<>();

    public Builder put(String itemId, List<String> ids, float[] scores) {
      if (ids.size() != scores.length)
        throw new IllegalArgumentException("one score per neighbour: " + itemId);
      byItem.put(itemId, new Neighbours(List.copyOf(ids), scores.clone()));
      return this;
    }

    public ItemNeighbours build() {
      return new ItemNeighbours(new HashMap<>(byItem));
    }
  }
}
