package io.vitrina.server.catalog;

import io.vertx.core.json.JsonObject;
import io.vitrina.engine.catalog.Item;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON merge patches (RFC 7396) of items: only the fields a patch names change, a null removes an
 * optional field (it takes its default, as if the item had been sent without it), and objects
 * ({@code attributes}) merge key by key. The merged item is validated whole, every problem at once.
 */
final class ItemMerge {
  private ItemMerge() {}

  /**
   * The stored item with {@code patch} applied. Its {@code created_at} stays unless the patch names
   * one; the id cannot change.
   *
   * @throws InvalidInputException listing every problem of the merged item, with field paths
   */
  static Item apply(Item stored, JsonObject patch) {
    List<Problem> problems = new ArrayList<>();
    Object id = patch.getValue("id");
    if (id != null && !stored.id().equals(ItemJson.idOf(patch)))
      problems.add(
          new Problem(-1, "id", "is the id of the item patched, '" + stored.id() + "', or absent"));
    JsonObject target = ItemJson.toJson(stored);
    // "category" is the other spelling of the path: naming it replaces the stored path.
    if (patch.containsKey("category") && !patch.containsKey("categories"))
      target.remove("categories");
    JsonObject merged = merge(target, patch).put("id", stored.id());
    try {
      Item item = ItemJson.parse(merged, stored.createdAt());
      if (problems.isEmpty()) return item;
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
    }
    throw new InvalidInputException(problems);
  }

  /** RFC 7396 section 2: {@code target} is changed and returned. */
  static JsonObject merge(JsonObject target, JsonObject patch) {
    for (Map.Entry<String, Object> field : patch) {
      Object value = field.getValue();
      if (value == null) {
        target.remove(field.getKey());
      } else if (value instanceof JsonObject patchObject) {
        Object current = target.getValue(field.getKey());
        JsonObject base = current instanceof JsonObject o ? o.copy() : new JsonObject();
        target.put(field.getKey(), merge(base, patchObject));
      } else {
        target.put(field.getKey(), value);
      }
    }
    return target;
  }
}
