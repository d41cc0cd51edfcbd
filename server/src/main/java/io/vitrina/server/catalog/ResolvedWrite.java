package io.vitrina.server.catalog;

import io.vitrina.engine.catalog.Item;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lines of one write resolved, in order, against the items stored before it: each id's item as
 * the write leaves it, and whether that is new, changed or the same as stored. Only new and changed
 * items are written, so a nightly feed that repeats the catalog rewrites neither rows nor index
 * documents. A write naming an id twice resolves as a sequence of single writes would.
 */
final class ResolvedWrite {
  private final Map<String, Item> stored;
  private final Map<String, Item> latest = new LinkedHashMap<>();
  private final List<Problem> problems = new ArrayList<>();

  private ResolvedWrite(Map<String, Item> stored) {
    this.stored = stored;
  }

  /**
   * @param stored the stored items of the lines' ids (an id not stored is absent)
   * @param now the {@code created_at} of a new item that names none
   */
  static ResolvedWrite of(List<ItemChange> changes, Map<String, Item> stored, Instant now) {
    ResolvedWrite write = new ResolvedWrite(stored);
    for (ItemChange change : changes) write.apply(change, now);
    return write;
  }

  private void apply(ItemChange change, Instant now) {
    String id = change.id();
    Item current = latest.containsKey(id) ? latest.get(id) : stored.get(id);
    switch (change) {
      case ItemChange.Whole whole ->
          latest.put(
              id,
              whole.dated()
                  ? whole.item()
                  : whole.item().withCreatedAt(current != null ? current.createdAt() : now));
      case ItemChange.Patch patch -> {
        try {
          latest.put(
              id,
              current != null
                  ? ItemMerge.apply(current, patch.patch())
                  : ItemJson.parse(patch.patch(), now));
        } catch (InvalidInputException e) {
          if (current == null)
            problems.add(
                new Problem(
                    patch.index(),
                    "id",
                    "no item '"
                        + id
                        + "' to patch, and a line for a new item must be a whole item"));
          for (Problem p : e.problems()) problems.add(p.at(patch.index()));
        }
      }
    }
  }

  /** The items to write: new ones and those that differ from what is stored. */
  List<Item> changed() {
    List<Item> out = new ArrayList<>();
    for (Item item : latest.values()) if (!item.equals(stored.get(item.id()))) out.add(item);
    return out;
  }

  /** Ids the write adds to the catalog. */
  Set<String> added() {
    Set<String> out = new LinkedHashSet<>();
    for (String id : latest.keySet()) if (!stored.containsKey(id)) out.add(id);
    return out;
  }

  /** The item an id has after the write, or null when the write left it alone. */
  Item after(String id) {
    return latest.get(id);
  }

  List<Problem> problems() {
    return problems;
  }

  WriteResult result() {
    int updated = 0;
    int unchanged = 0;
    for (Item item : latest.values()) {
      Item before = stored.get(item.id());
      if (before == null) continue;
      if (before.equals(item)) unchanged++;
      else updated++;
    }
    return new WriteResult(added(), updated, unchanged, problems);
  }
}
