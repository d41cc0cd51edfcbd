package io.vitrina.server.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.catalog.Item;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Items on the wire. Field names are snake_case like the rest of the API: {@code id, title,
 * description, url, image, categories, brand, price, old_price, stock, available, tags, attributes,
 * created_at}.
 */
public final class ItemJson {
  private ItemJson() {}

  /**
   * Reads and validates one item.
   *
   * @param now the time given to an item that names no {@code created_at}
   * @throws InvalidInputException listing every problem, with field paths
   */
  public static Item parse(JsonObject json, Instant now) {
    List<Problem> problems = new ArrayList<>();
    JsonFields f = new JsonFields(json, "", problems);
    String id = f.id("id", true);
    String title = f.text("title", true);
    String description = f.text("description", false);
    String url = f.text("url", false);
    String image = f.text("image", false);
    List<String> categories = categories(json, f);
    String brand = f.term("brand");
    Double price = f.number("price", true, 0);
    Double oldPrice = f.number("old_price", false, 0);
    Boolean available = f.bool("available");
    Integer stock = f.integer("stock", false, 0);
    List<String> tags = f.strings("tags");
    Map<String, String> attributes = attributes(f);
    Instant createdAt = f.instant("created_at");
    // A misspelled field would otherwise be dropped without a word: "pirce" named, "price" meant.
    f.refuseUnknown("category", "categories");
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    boolean isAvailable = available == null || available;
    // Stores that do not track quantities send only "available": treat it as one in stock.
    int units = stock != null ? stock : isAvailable ? 1 : 0;
    try {
      return new Item(
          id,
          title,
          description,
          url,
          image,
          categories,
          blankToNull(brand),
          price,
          oldPrice,
          units,
          isAvailable,
          tags,
          attributes,
          createdAt == null ? now : createdAt);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          null, e.getMessage()); // a rule of the record the checks above missed
    }
  }

  /** The line's id as {@link #parse} reads it, or null when it has none that can be read. */
  public static String idOf(JsonObject json) {
    return new JsonFields(json, "", new ArrayList<>()).id("id", true);
  }

  /**
   * The line's id.
   *
   * @throws InvalidInputException saying what is wrong with it
   */
  public static String requireId(JsonObject json) {
    List<Problem> problems = new ArrayList<>();
    String id = new JsonFields(json, "", problems).id("id", true);
    if (id == null) throw new InvalidInputException(problems);
    return id;
  }

  /** Whether the store gave the item its {@code created_at}, rather than leaving it to us. */
  public static boolean dated(JsonObject json) {
    return json.getValue("created_at") != null;
  }

  /** {@code categories} as an array of path elements, or {@code category} as "A > B > C". */
  private static List<String> categories(JsonObject json, JsonFields f) {
    if (json.containsKey("categories")) return f.strings("categories");
    String path = f.text("category", false);
    if (path == null || path.isBlank()) return List.of();
    List<String> out = new ArrayList<>();
    for (String part : path.split(">")) {
      if (part.isBlank()) continue;
      if (part.trim().length() > JsonFields.MAX_TERM_LENGTH)
        f.problem(
            "category", "has a level longer than " + JsonFields.MAX_TERM_LENGTH + " characters");
      else out.add(part.trim());
    }
    return out;
  }

  private static Map<String, String> attributes(JsonFields f) {
    JsonObject raw = f.object("attributes");
    if (raw == null) return Map.of();
    Map<String, String> out = new LinkedHashMap<>();
    if (raw.size() > JsonFields.MAX_LIST_SIZE) {
      f.problem(
          "attributes", "has " + raw.size() + " entries; at most " + JsonFields.MAX_LIST_SIZE);
      return Map.of();
    }
    for (Map.Entry<String, Object> e : raw) {
      Object v = e.getValue();
      // Name and value are indexed as one term, so together they must stay a short term.
      if (e.getKey().isBlank() || e.getKey().chars().anyMatch(Character::isISOControl)) {
        f.problem("attributes", "names must be non-empty text without control characters");
      } else if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
        f.problem(
            "attributes." + e.getKey(),
            "must be a string, number or boolean, was " + JsonFields.typeOf(v));
      } else if (e.getKey().length() + v.toString().length() > JsonFields.MAX_TERM_LENGTH) {
        f.problem(
            "attributes." + e.getKey(),
            "name and value together are longer than "
                + JsonFields.MAX_TERM_LENGTH
                + " characters");
      } else {
        out.put(e.getKey(), v.toString());
      }
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  public static JsonObject toJson(Item item) {
    JsonObject json =
        new JsonObject()
            .put("id", item.id())
            .put("title", item.title())
            .put("description", item.description())
            .put("url", item.url())
            .put("image", item.image())
            .put("categories", new JsonArray(item.categories()))
            .put("brand", item.brand())
            .put("price", item.price())
            .put("old_price", item.oldPrice())
            .put("stock", item.stock())
            .put("available", item.available())
            .put("tags", new JsonArray(item.tags()))
            .put("attributes", new JsonObject(new LinkedHashMap<>(item.attributes())))
            .put("created_at", item.createdAt().toString());
    return json;
  }
}
