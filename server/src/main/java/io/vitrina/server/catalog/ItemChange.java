package io.vitrina.server.catalog;

import io.vertx.core.json.JsonObject;
import io.vitrina.engine.catalog.Item;

/** One line of a catalog write, with its position in the request (-1 when it has none). */
public sealed interface ItemChange {
  int index();

  String id();

  /**
   * A whole item, replacing the stored one. When the store named no {@code created_at} ({@code
   * dated} false), the stored item's is kept, so a re-sent item is not a new arrival.
   */
  record Whole(int index, Item item, boolean dated) implements ItemChange {
    @Override
    public String id() {
      return item.id();
    }
  }

  /**
   * A JSON merge patch (RFC 7396) of the stored item: only what it names changes, null removes. An
   * id not stored yet is created when the patch is a whole valid item, else the line is skipped.
   */
  record Patch(int index, String id, JsonObject patch) implements ItemChange {}
}
