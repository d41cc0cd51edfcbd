package io.vitrina.server.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The demo store's rule segments, one of each kind a store starts with: browsers who never bought,
 * carts left behind, and the best customers seen lately. Added when missing, like the demo's
 * blocks.
 */
final class DemoSegments {
  private DemoSegments() {}

  private static JsonObject condition(String kind, Object value) {
    return new JsonObject().put(kind, value);
  }

  static final Map<String, JsonObject> ALL =
      Map.of(
          "phone-browsers",
          new JsonObject()
              .put("name", "Viewed phones at least twice this week, never bought")
              .put(
                  "all",
                  new JsonArray()
                      .add(
                          condition(
                              "viewed",
                              new JsonObject()
                                  .put("category", "Phones")
                                  .put("at_least", 2)
                                  .put("within_days", 7))))
              .put(
                  "none",
                  new JsonArray().add(condition("orders", new JsonObject().put("at_least", 1)))),
          "cart-left-behind",
          new JsonObject()
              .put("name", "Something in the cart, not seen for a day")
              .put("all", new JsonArray().add(condition("in_cart", new JsonObject())))
              .put("none", new JsonArray().add(condition("last_seen_within_days", 1))),
          "best-customers-lately",
          new JsonObject()
              .put("name", "Champions and loyal customers seen this week")
              .put(
                  "any",
                  new JsonArray()
                      .add(condition("rfm_group", new JsonArray().add("champions").add("loyal"))))
              .put("all", new JsonArray().add(condition("last_seen_within_days", 7))));
}
