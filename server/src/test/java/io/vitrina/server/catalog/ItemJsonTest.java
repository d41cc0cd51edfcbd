package io.vitrina.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.catalog.Item;
import io.vitrina.server.input.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemJsonTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private static JsonObject valid() {
    return new JsonObject().put("id", "sku-1").put("title", "Desk lamp").put("price", 19.99);
  }

  /** The problems of an invalid item, as "field: message". */
  private static List<String> problems(JsonObject json) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ItemJson.parse(json, NOW));
    return e.problems().stream().map(p -> p.field() + ": " + p.message()).toList();
  }

  private static String only(JsonObject json) {
    List<String> all = problems(json);
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }

  @Test
  void anUnknownFieldIsRefusedNamingTheNearestKnownOne() {
    List<String> all = problems(valid().put("pirce", 10).put("colour", "red"));
    assertEquals(2, all.size(), all.toString());
    assertTrue(
        all.get(1).startsWith("colour: unknown field; the fields here are id, "), all.toString());
    assertTrue(all.contains("pirce: unknown field; did you mean \"price\"?"), all.toString());
  }

  @Test
  void minimalItemGetsDefaults() {
    Item item = ItemJson.parse(valid(), NOW);
    assertEquals("sku-1", item.id());
    assertEquals("Desk lamp", item.title());
    assertEquals(19.99, item.price());
    assertEquals(List.of(), item.categories());
    assertNull(item.brand());
    assertNull(item.oldPrice());
    assertTrue(item.available());
    assertEquals(
        1,
        item.stock(),
        "an item without stock that is not marked unavailable counts as one in stock");
    assertEquals(NOW, item.createdAt());
  }

  @Test
  void missingTitleIsReportedByFieldName() {
    assertEquals("title: is required", only(valid().put("title", null)));
    assertEquals("title: must not be empty", only(valid().put("title", "   ")));
    assertEquals("title: must be a string, was the number 5", only(valid().put("title", 5)));
  }

  @Test
  void everyProblemOfAnItemIsReportedAtOnce() {
    List<String> all = problems(new JsonObject().put("brand", new JsonArray().add("x")));
    assertEquals(
        List.of(
            "id: is required",
            "title: is required",
            "brand: must be a string, was an array",
            "price: is required"),
        all);
  }

  @Test
  void priceSentAsTextIsAccepted() {
    assertEquals(12.5, ItemJson.parse(valid().put("price", "12.50"), NOW).price());
    assertEquals(12.5, ItemJson.parse(valid().put("price", " 12.50 "), NOW).price());
    assertEquals(7.0, ItemJson.parse(valid().put("price", 7), NOW).price());
  }

  @Test
  void priceThatIsNotANumberOrIsNegativeIsRejected() {
    assertEquals(
        "price: must be a number, was the string \"twelve\"", only(valid().put("price", "twelve")));
    String negative = only(valid().put("price", -1));
    assertTrue(negative.startsWith("price: must be at least 0"), negative);
    assertTrue(only(valid().put("price", "NaN")).startsWith("price: must be a number"));
    assertTrue(only(valid().put("old_price", -3)).startsWith("old_price: must be at least 0"));
    assertEquals(
        0.0, ItemJson.parse(valid().put("price", 0), NOW).price(), "a free item is allowed");
  }

  @Test
  void categoriesAsAnArrayOrAsOnePathStringGiveTheSamePath() {
    Item fromArray =
        ItemJson.parse(
            valid().put("categories", new JsonArray().add("Home").add(" Lighting ").add("Desk")),
            NOW);
    Item fromPath = ItemJson.parse(valid().put("category", "Home > Lighting>Desk"), NOW);
    assertEquals(List.of("Home", "Lighting", "Desk"), fromArray.categories());
    assertEquals(fromArray.categories(), fromPath.categories());
  }

  @Test
  void categoriesMustBeAnArrayOfNonEmptyStrings() {
    assertEquals(
        "categories: must be an array of strings, was the string \"Home > Lighting\"",
        only(valid().put("categories", "Home > Lighting")));
    assertEquals(
        "categories[1]: must be a non-empty string, was the number 7",
        only(valid().put("categories", new JsonArray().add("Home").add(7))));
    assertEquals(
        "categories[0]: must be a non-empty string, was the string \" \"",
        only(valid().put("categories", new JsonArray().add(" "))));
    assertEquals(
        "tags[0]: must be a non-empty string, was null",
        only(valid().put("tags", new JsonArray().addNull())));
  }

  @Test
  void attributeValuesMayBeTextNumbersOrBooleansButNotStructures() {
    Item item =
        ItemJson.parse(
            valid()
                .put(
                    "attributes",
                    new JsonObject().put("colour", "red").put("watts", 40).put("dimmable", true)),
            NOW);
    assertEquals(Map.of("colour", "red", "watts", "40", "dimmable", "true"), item.attributes());

    List<String> all =
        problems(
            valid()
                .put(
                    "attributes",
                    new JsonObject()
                        .put("size", new JsonObject().put("w", 1))
                        .put("colours", new JsonArray().add("red"))
                        .put("ok", "fine")));
    assertEquals(
        List.of(
            "attributes.size: must be a string, number or boolean, was an object",
            "attributes.colours: must be a string, number or boolean, was an array"),
        all);
    assertEquals(
        "attributes: must be an object, was an array",
        only(valid().put("attributes", new JsonArray())));
    assertEquals(
        "attributes: names must be non-empty text without control characters",
        only(valid().put("attributes", new JsonObject().put("a\u001Fb", "x"))));
  }

  @Test
  void stockMustBeAWholeNonNegativeNumberAndFollowsAvailability() {
    assertEquals(4, ItemJson.parse(valid().put("stock", 4), NOW).stock());
    assertEquals(4, ItemJson.parse(valid().put("stock", "4"), NOW).stock());
    Item unavailable = ItemJson.parse(valid().put("available", false), NOW);
    assertEquals(0, unavailable.stock());
    assertFalse(unavailable.inStock());
    assertEquals("stock: must be a whole number, was 2.5", only(valid().put("stock", 2.5)));
    assertTrue(only(valid().put("stock", -1)).startsWith("stock: must be at least 0"));
    assertEquals(
        "available: must be true or false, was the string \"yes\"",
        only(valid().put("available", "yes")));
  }

  @Test
  void idsMayBeNumbersButNotFractionsOrEmpty() {
    assertEquals("12345", ItemJson.parse(valid().put("id", 12345), NOW).id());
    assertEquals("sku-9", ItemJson.parse(valid().put("id", "  sku-9 "), NOW).id());
    assertEquals("id: must be a string, was the number 1.5", only(valid().put("id", 1.5)));
    assertEquals("id: must not be empty", only(valid().put("id", " ")));
    assertEquals("id: is longer than 200 characters", only(valid().put("id", "x".repeat(201))));
  }

  @Test
  void createdAtIsAnIsoInstantOrEpochMilliseconds() {
    assertEquals(
        Instant.parse("2024-03-01T08:30:00Z"),
        ItemJson.parse(valid().put("created_at", "2024-03-01T08:30:00Z"), NOW).createdAt());
    assertEquals(
        Instant.ofEpochMilli(1_700_000_000_123L),
        ItemJson.parse(valid().put("created_at", 1_700_000_000_123L), NOW).createdAt());
    String bad = only(valid().put("created_at", "01/03/2024"));
    assertTrue(bad.startsWith("created_at: must be an ISO-8601 instant"), bad);
    assertTrue(bad.contains("01/03/2024"), bad);
  }

  @Test
  void textLongerThanTheLimitIsRejected() {
    assertEquals(
        "description: is longer than 20000 characters",
        only(valid().put("description", "x".repeat(20_001))));
  }

  @Test
  void valuesIndexedAsOneTermMustStayShort() {
    String huge = "x".repeat(1_001);
    assertEquals("brand: is longer than 1000 characters", only(valid().put("brand", huge)));
    assertEquals(
        "tags[1]: is longer than 1000 characters",
        only(valid().put("tags", new JsonArray().add("sale").add(huge))));
    assertEquals(
        "category: has a level longer than 1000 characters",
        only(valid().put("category", "Home > " + huge)));
    assertEquals(
        "attributes.color: name and value together are longer than 1000 characters",
        only(valid().put("attributes", new JsonObject().put("color", huge))));
    JsonArray many = new JsonArray();
    for (int i = 0; i < 201; i++) many.add("tag" + i);
    assertEquals("tags: has 201 entries; at most 200", only(valid().put("tags", many)));
  }

  @Test
  void writtenJsonReadsBackAsTheSameItem() {
    Item item =
        ItemJson.parse(
            valid()
                .put("description", "<b>bright</b>")
                .put("url", "https://shop.example/lamp")
                .put("image", "https://shop.example/lamp.jpg")
                .put("categories", new JsonArray().add("Home").add("Lighting"))
                .put("brand", "Lumo")
                .put("old_price", 25)
                .put("stock", 3)
                .put("tags", new JsonArray().add("sale"))
                .put("attributes", new JsonObject().put("watts", "40"))
                .put("created_at", "2024-01-02T03:04:05.678Z"),
            NOW);
    assertEquals(item, ItemJson.parse(ItemJson.toJson(item), NOW.plusSeconds(60)));
  }
}
