package io.vitrina.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import io.vitrina.engine.catalog.Item;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemMergeTest {
  private static final Instant CREATED = Instant.parse("2025-05-05T05:05:05Z");

  /** The examples of RFC 7396, appendix A. */
  @Test
  void mergeFollowsTheExamplesOfRfc7396() {
    String[][] cases = {
      {"{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"},
      {"{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"},
      {"{\"a\":\"b\"}", "{\"a\":null}", "{}"},
      {"{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"},
      {"{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"},
      {"{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"},
      {"{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"},
      {"{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"},
      {"{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"},
      {"{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"},
    };
    for (String[] c : cases)
      assertEquals(
          new JsonObject(c[2]),
          ItemMerge.merge(new JsonObject(c[0]), new JsonObject(c[1])),
          c[0] + " patched with " + c[1]);
  }

  @Test
  void patchOfAnItemKeepsItsDateAndRemovedFieldsTakeTheirDefaults() {
    Item patched =
        ItemMerge.apply(
            stored(), new JsonObject().putNull("stock").putNull("tags").put("price", "8.5"));
    assertEquals(1, patched.stock(), "an available item without a stock count has one");
    assertEquals(List.of(), patched.tags());
    assertEquals(8.5, patched.price());
    assertEquals(CREATED, patched.createdAt());
    assertEquals(List.of("Home", "Lamps"), patched.categories());
    assertEquals(Map.of("bulb", "E27"), patched.attributes());
  }

  @Test
  void everyProblemOfTheMergedItemIsNamedWithItsPath() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                ItemMerge.apply(
                    stored(),
                    new JsonObject()
                        .put("id", "other")
                        .put("price", "free")
                        .put("attributes", new JsonObject().put("bulb", new JsonObject()))));
    assertEquals(
        List.of("id", "price", "attributes.bulb"),
        e.problems().stream().map(Problem::field).toList());
  }

  private static Item stored() {
    return new Item(
        "lamp",
        "Lamp",
        "",
        null,
        null,
        List.of("Home", "Lamps"),
        "Lumen",
        10,
        null,
        3,
        true,
        List.of("new"),
        Map.of("bulb", "E27"),
        CREATED);
  }
}
