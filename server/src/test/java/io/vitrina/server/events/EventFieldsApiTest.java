package io.vitrina.server.events;

import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events carry whatever a store's tag manager sends: GA4's standard parameters and its own are
 * accepted, and only a typo of one of our fields, which would lose what it says, is refused.
 */
class EventFieldsApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.upsertItems(new JsonArray().add(item("f1", "Phones", 10, 3)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** GA4's item parameters (the e-commerce events' items[]), as a tag manager fills them. */
  private static JsonObject ga4Item() {
    return new JsonObject()
        .put("item_id", "f1")
        .put("item_name", "Pixelon K42")
        .put("affiliation", "Online store")
        .put("coupon", "SUMMER")
        .put("discount", 2.5)
        .put("index", 0)
        .put("item_brand", "Pixelon")
        .put("item_category", "Electronics")
        .put("item_category2", "Phones")
        .put("item_category3", "Smart")
        .put("item_category4", "5G")
        .put("item_category5", "Black")
        .put("item_list_id", "related")
        .put("item_list_name", "Related products")
        .put("item_variant", "black")
        .put("location_id", "ChIJIQBpAG2ahYAR_6128GcTUEo")
        .put("price", 10)
        .put("quantity", 1)
        .put("promotion_id", "P_12345")
        .put("promotion_name", "Summer Sale")
        .put("creative_name", "summer_banner2")
        .put("creative_slot", "featured_app_1");
  }

  @Test
  void ga4sStandardParametersAreAccepted() {
    JsonObject purchase =
        new JsonObject()
            .put("name", "purchase")
            .put("visitor_id", "ga4-shopper")
            .put("items", new JsonArray().add(ga4Item()))
            .put("transaction_id", "T_12345")
            .put("value", 10.0)
            .put("currency", "EUR")
            .put("tax", 1.9)
            .put("shipping", 3.3)
            .put("coupon", "SUMMER")
            .put("affiliation", "Online store")
            .put("payment_type", "Credit Card")
            .put("shipping_tier", "Ground")
            .put("item_list_name", "Related products")
            .put("promotion_id", "P_12345")
            .put("creative_name", "summer_banner2")
            .put("creative_slot", "featured_app_1")
            .put("location_id", "ChIJIQBpAG2ahYAR_6128GcTUEo")
            .put("method", "Google")
            .put("content_type", "product")
            .put("session_id", "1700000000")
            .put("ga_session_id", "1700000000")
            .put("engagement_time_msec", 1200)
            .put("page_location", "https://shop.example/p/f1")
            .put("page_referrer", "https://shop.example/")
            .put("page_title", "Pixelon K42")
            .put("language", "en-us")
            .put("screen_resolution", "1920x1080")
            .put("client_id", "123.456")
            .put("user_id", "cust-1")
            .put("debug_mode", true)
            .put("page_type", "product"); // a store's own parameter
    Response r = server.postEvents(purchase.encode());
    assertEquals(202, r.status(), r.body());
  }

  @Test
  void aTypoOfOneOfOurFieldsIsRefusedNamingIt() {
    JsonObject typos =
        new JsonObject()
            .put("name", "add_to_cart")
            .put("visitor_id", "typo-shopper")
            .put(
                "items",
                new JsonArray().add(new JsonObject().put("item_id", "f1").put("quantiy", 2)))
            .put("item_list_idd", "product-page")
            .put("timestmp", "2026-11-23T10:15:30Z");
    JsonArray batch =
        new JsonArray().add(typos).add(TestServer.event("view_item", "typo-shopper", "f1"));
    Response r = server.postEvents(batch.encode());
    assertEquals(422, r.status(), r.body());
    assertEquals(1, r.json().getInteger("accepted"), "the other event is kept");
    JsonArray errors = r.json().getJsonArray("errors");
    assertEquals(3, errors.size(), r.body());
    for (Object o : errors) assertEquals(0, ((JsonObject) o).getInteger("index"));
    assertEquals("unknown field; did you mean \"quantity\"?", r.problem("items[0].quantiy"));
    assertEquals("unknown field; did you mean \"item_list_id\"?", r.problem("item_list_idd"));
    assertEquals("unknown field; did you mean \"timestamp\"?", r.problem("timestmp"));
  }
}
