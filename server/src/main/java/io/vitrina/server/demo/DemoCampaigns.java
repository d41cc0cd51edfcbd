package io.vitrina.server.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.campaigns.CampaignStore;
import java.util.Map;

/**
 * The demo store's pop-up campaign and content slots, as a store would configure them: a pop-up
 * that brings a shopper leaving the page back to the cart they filled, a home page hero that speaks
 * to each of the demo's segments ({@link DemoSegments}), and a cart page sidebar. Added when
 * missing, like the demo's blocks.
 */
final class DemoCampaigns {
  private DemoCampaigns() {}

  static final Map<String, JsonObject> CAMPAIGNS =
      Map.of(
          "cart-exit",
          new JsonObject()
              .put("name", "You left something in your cart")
              .put("priority", 10)
              .put(
                  "content",
                  new JsonObject()
                      .put("title", "You left something in your cart")
                      .put(
                          "text",
                          "Your items are still waiting for you. Pick up where you left off.")
                      .put("cta", cta("Back to my cart", "/demo/cart"))
                      .put(
                          "items",
                          new JsonObject().put("algorithm", "abandoned_cart").put("limit", 4)))
              // Exit intent alone, for every shopper with a cart: a person trying the demo meets it
              // in their first visit, as soon as the cart has something; never on the cart's own
              // pages, where it would send them where they are.
              .put("triggers", new JsonArray().add(new JsonObject().put("type", "exit_intent")))
              .put(
                  "targeting",
                  new JsonObject()
                      .put(
                          "urls",
                          new JsonArray()
                              .add("/demo/")
                              .add("/demo/category/*")
                              .add("/demo/item/*")
                              .add("/demo/search"))
                      .put("cart", new JsonObject().put("min_items", 1)))
              .put(
                  "caps",
                  new JsonObject()
                      .put("per_session", 1)
                      .put("per_day", 2)
                      .put("days_after_close", 3)));

  static final Map<String, JsonObject> SLOTS =
      Map.of(
          "home-hero",
          new JsonObject()
              .put(
                  "variants",
                  new JsonArray()
                      .add(
                          variant(
                              "segment:phone-browsers",
                              "phone-browsers",
                              new JsonObject()
                                  .put("type", "items")
                                  .put("title", "Still thinking about a new phone?")
                                  .put(
                                      "items",
                                      new JsonObject()
                                          .put("algorithm", "personal")
                                          .put("limit", 4))))
                      .add(
                          variant(
                              "segment:cart-left-behind",
                              "cart-left-behind",
                              new JsonObject()
                                  .put("type", "text")
                                  .put("title", "Your cart is waiting")
                                  .put("text", "The items you picked are still in your cart.")
                                  .put("cta", cta("Go to my cart", "/demo/cart"))))
                      .add(
                          variant(
                              "segment:best-customers-lately",
                              "best-customers-lately",
                              new JsonObject()
                                  .put("type", "banner")
                                  .put("title", "Thank you for shopping with us")
                                  .put("text", "New arrivals picked for our best customers.")
                                  .put("image", "/demo/images/best-customers.svg")
                                  .put("cta", cta("See what is new", "/demo/search?q=new")))))
              .put(
                  "default",
                  new JsonObject()
                      .put("type", "text")
                      .put("title", "Welcome to the Vitrina demo store")
                      .put(
                          "text", "Browse the catalog: every block on these pages learns from you.")
                      .put("cta", cta("Start browsing", "/demo/search?q=phone"))),
          "cart-sidebar",
          new JsonObject()
              .put(
                  "variants",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("key", "complete-the-order")
                              .put(
                                  "targeting",
                                  new JsonObject()
                                      .put("cart", new JsonObject().put("min_items", 1)))
                              .put(
                                  "content",
                                  new JsonObject()
                                      .put("type", "items")
                                      .put("title", "Complete your order")
                                      .put(
                                          "items",
                                          new JsonObject()
                                              .put("algorithm", "cart_cross_sell")
                                              .put("limit", 3)))))
              .put(
                  "default",
                  new JsonObject()
                      .put("type", "text")
                      .put("title", "Free delivery on every order")
                      .put("text", "Returns are free for 30 days.")));

  private static JsonObject cta(String label, String url) {
    return new JsonObject().put("label", label).put("url", url);
  }

  private static JsonObject variant(String key, String segment, JsonObject content) {
    return new JsonObject()
        .put("key", key)
        .put("targeting", new JsonObject().put("segments", new JsonArray().add(segment)))
        .put("content", content);
  }

  /** Saves the demo's campaigns and slots that are missing. */
  static Future<Void> addMissing(CampaignStore store) {
    Future<Void> added = Future.succeededFuture();
    for (var c : CAMPAIGNS.entrySet())
      added = added.compose(x -> store.putCampaignIfAbsent(c.getKey(), c.getValue()));
    for (var s : SLOTS.entrySet())
      added = added.compose(x -> store.putSlotIfAbsent(s.getKey(), s.getValue()));
    return added;
  }
}
