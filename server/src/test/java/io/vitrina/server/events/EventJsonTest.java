package io.vitrina.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Transaction;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private static Event parse(JsonObject json) {
    return EventJson.parse(json, NOW);
  }

  private static List<String> problems(JsonObject json) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(json));
    return e.problems().stream().map(p -> p.field() + ": " + p.message()).toList();
  }

  private static String only(JsonObject json) {
    List<String> all = problems(json);
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }

  private static JsonObject view(String... itemIds) {
    JsonArray items = new JsonArray();
    for (String id : itemIds) items.add(new JsonObject().put("item_id", id));
    return new JsonObject().put("name", "view_item").put("visitor_id", "v1").put("items", items);
  }

  @Test
  void validEventIsRead() {
    Event e = parse(view("a").put("item_list_id", "home-block").put("attribution_token", "tok"));
    assertEquals(EventType.VIEW_ITEM, e.type());
    assertEquals("v1", e.visitorId());
    assertNull(e.customerId());
    assertEquals(List.of(EventItem.of("a")), e.items());
    assertEquals("home-block", e.listId());
    assertEquals("tok", e.attributionToken());
    assertEquals(NOW, e.occurredAt(), "no timestamp means now");
  }

  @Test
  void aSelectPromotionCarriesWhatTheShopperDidAndGivesItBack() {
    JsonObject json =
        new JsonObject()
            .put("name", "select_promotion")
            .put("visitor_id", "v1")
            .put("item_list_id", "cart-exit")
            .put("promotion_action", "close");
    Event e = parse(json);
    assertEquals("close", e.query(), "kept in the query, as a consent's choices are");
    JsonObject back = EventJson.toJson(e);
    assertEquals("close", back.getString("promotion_action"));
    assertNull(back.getString("search_term"));
    assertNull(parse(json.copy().put("promotion_action", null)).query());
  }

  @Test
  void aPromotionActionIsRefusedOffASelectPromotionOrOutOfItsValues() {
    InvalidInputException other =
        assertThrows(
            InvalidInputException.class, () -> parse(view("a").put("promotion_action", "click")));
    assertEquals("promotion_action", other.problems().getFirst().field());
    InvalidInputException unknown =
        assertThrows(
            InvalidInputException.class,
            () ->
                parse(
                    new JsonObject()
                        .put("name", "select_promotion")
                        .put("visitor_id", "v1")
                        .put("promotion_action", "dismiss")));
    assertEquals("promotion_action", unknown.problems().getFirst().field());
  }

  @Test
  void purchaseLinesCarryQuantityAndPrice() {
    JsonObject json =
        new JsonObject()
            .put("name", "purchase")
            .put("customer_id", 777)
            .put(
                "items",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("item_id", "a")
                            .put("quantity", 2)
                            .put("price", "9.50"))
                    .add(new JsonObject().put("item_id", 42)));
    Event e = parse(json);
    assertEquals("777", e.customerId());
    assertEquals(List.of(new EventItem("a", 2, 9.5), new EventItem("42", 1, 0)), e.items());
  }

  @Test
  void timestampIsAnIsoInstantOrEpochMilliseconds() {
    assertEquals(
        Instant.parse("2025-05-31T08:00:00Z"),
        parse(view("a").put("timestamp", "2025-05-31T08:00:00Z")).occurredAt());
    assertEquals(
        Instant.parse("2025-05-31T08:00:00Z"),
        parse(view("a").put("timestamp", "2025-05-31T11:00:00+03:00")).occurredAt());
    long millis = NOW.minusSeconds(3600).toEpochMilli();
    assertEquals(
        Instant.ofEpochMilli(millis), parse(view("a").put("timestamp", millis)).occurredAt());
    String bad = only(view("a").put("timestamp", "yesterday"));
    assertTrue(bad.startsWith("timestamp: must be an ISO-8601 instant"), bad);
    assertTrue(only(view("a").put("timestamp", true)).startsWith("timestamp: must be a timestamp"));
  }

  @Test
  void timestampInTheFutureIsRejectedBeyondClockDrift() {
    Instant drift = NOW.plus(Duration.ofMinutes(5));
    assertEquals(
        drift,
        parse(view("a").put("timestamp", drift.toString())).occurredAt(),
        "a few minutes of browser clock drift is fine");
    String future = only(view("a").put("timestamp", NOW.plus(Duration.ofHours(1)).toEpochMilli()));
    assertTrue(future.startsWith("timestamp: is in the future"), future);
  }

  @Test
  void unknownEventNameListsTheValidNames() {
    String problem = only(view("a").put("name", "viewed_product"));
    assertTrue(problem.startsWith("name: unknown event 'viewed_product'"), problem);
    for (EventType t : EventType.values())
      assertEquals(!t.internal(), problem.contains(t.wireName()), problem);
    assertEquals("name: is required", only(view("a").put("name", null)));
  }

  @Test
  void theServicesOwnEventsAreNotAcceptedFromOutside() {
    String problem = only(view("a").put("name", "experiment_exposure"));
    assertTrue(problem.startsWith("name: unknown event 'experiment_exposure'"), problem);
  }

  @Test
  void visitorOrCustomerIdIsRequired() {
    JsonObject anonymous = new JsonObject().put("name", "page_view");
    assertEquals("visitor_id: is required (or customer_id)", only(anonymous));
    assertEquals(
        "customer-9", parse(anonymous.copy().put("customer_id", "customer-9")).customerId());
    assertEquals("visitor_id: must not be empty", only(anonymous.copy().put("visitor_id", "")));
  }

  @Test
  void explicitNullVisitorIdWithoutCustomerIsAValidationProblem() {
    // {"name":"page_view","visitor_id":null} must be a 4xx with a field path, not an exception the
    // HTTP layer turns into 500.
    JsonObject json =
        new JsonObject().put("name", "page_view").putNull("visitor_id").putNull("customer_id");
    try {
      parse(json);
      fail("accepted an event with no shopper id");
    } catch (InvalidInputException e) {
      assertEquals("visitor_id", e.problems().get(0).field(), e.problems().toString());
    } catch (RuntimeException e) {
      fail(
          "EventJson.parse threw "
              + e
              + " instead of InvalidInputException: /v1/events would answer 500 for this body");
    }
  }

  @Test
  void identifyNeedsBothIds() {
    JsonObject identify = new JsonObject().put("name", "identify");
    assertEquals(
        "customer_id: is required for identify", only(identify.copy().put("visitor_id", "v1")));
    assertEquals(
        "visitor_id: is required for identify", only(identify.copy().put("customer_id", "c1")));
    Event both = parse(identify.copy().put("visitor_id", "v1").put("customer_id", "c1"));
    assertEquals("v1", both.visitorId());
    assertEquals("c1", both.customerId());
  }

  @Test
  void itemLineProblemsCarryTheirPath() {
    JsonObject json = view("a", "b", "c");
    json.getJsonArray("items").getJsonObject(2).put("quantity", 1.5);
    assertEquals("items[2].quantity: must be a whole number, was 1.5", only(json));

    JsonObject zero = view("a", "b", "c");
    zero.getJsonArray("items").getJsonObject(2).put("quantity", 0);
    assertTrue(only(zero).startsWith("items[2].quantity: must be at least 1"), only(zero));

    JsonObject price = view("a", "b");
    price.getJsonArray("items").getJsonObject(1).put("price", "free");
    assertEquals("items[1].price: must be a number, was the string \"free\"", only(price));

    JsonObject notObject = view("a");
    notObject.getJsonArray("items").add("b");
    assertEquals("items[1]: must be an object with item_id, was the string \"b\"", only(notObject));

    JsonObject noId = view("a");
    noId.getJsonArray("items").add(new JsonObject().put("quantity", 1));
    assertEquals("items[1].item_id: is required", only(noId));

    assertEquals(
        "items: must be an array, was an object", only(view().put("items", new JsonObject())));
  }

  @Test
  void anItemIdIsReadWhetherOrNotTheCatalogHasItYet() {
    // A tracker is often ahead of the catalog feed: the id is the event's, not a mistake.
    assertEquals(List.of(EventItem.of("a"), EventItem.of("zzz")), parse(view("a", "zzz")).items());
    JsonObject shorthand =
        new JsonObject().put("name", "view_item").put("visitor_id", "v1").put("item_id", "zzz");
    assertEquals(List.of(EventItem.of("zzz")), parse(shorthand).items(), "GA4 item_id shorthand");
  }

  private static JsonObject purchase(String transactionId) {
    return view("a").put("name", "purchase").put("transaction_id", transactionId);
  }

  @Test
  void aPurchaseCarriesItsOrderValueAndCurrency() {
    Event e = parse(purchase(" T-1001 ").put("value", "99.90").put("currency", "eur"));
    assertEquals(new Transaction("T-1001", 99.9, "EUR"), e.transaction());
    assertEquals("T-1001", e.transactionId());
    assertNull(parse(view("a")).transaction(), "no order fields, no transaction");
    assertEquals(
        "12345", parse(purchase(null).put("transaction_id", 12345)).transactionId(), "numeric id");
  }

  @Test
  void orderFieldsThatAreMalformedAreNamed() {
    assertTrue(
        only(purchase("T-1").put("value", -5)).startsWith("value: must be at least 0"),
        only(purchase("T-1").put("value", -5)));
    assertEquals(
        "currency: must be an ISO 4217 code such as EUR, was 'euro'",
        only(purchase("T-1").put("currency", "euro")));
    assertEquals(
        "transaction_id: must be a string, was an object",
        only(purchase(null).put("transaction_id", new JsonObject())));
  }

  @Test
  void aRefundNeedsTheOrderItReturnsAndMayNameSomeOfItsItems() {
    JsonObject whole = new JsonObject().put("name", "refund").put("customer_id", "c1");
    assertEquals(
        "transaction_id: is required for refund (the order it returns)", only(whole.copy()));
    assertEquals(
        "transaction_id: must be a string, was the number 1.5",
        only(whole.copy().put("transaction_id", 1.5)),
        "one problem, not also 'is required'");
    Event order = parse(whole.copy().put("transaction_id", "T-1").put("value", 30));
    assertEquals(EventType.REFUND, order.type());
    assertEquals(List.of(), order.items(), "the whole order");
    Event some = parse(whole.copy().put("transaction_id", "T-1").put("item_id", "a"));
    assertEquals(List.of(EventItem.of("a")), some.items(), "some of its items");
  }

  @Test
  void aProblemIsCountedUnderItsFieldWithoutLineNumbers() {
    assertEquals("items[].quantity", EventJson.reason(new Problem(3, "items[12].quantity", "x")));
    assertEquals("name", EventJson.reason(new Problem(-1, "name", "x")));
    assertEquals("event", EventJson.reason(new Problem(2, null, "x")));
    assertEquals("other", EventJson.reason(new Problem(-1, "anything a client sends", "x")));
  }

  @Test
  void itemEventsNeedItemsAndSearchNeedsATerm() {
    assertEquals(
        "items: needs at least one item for add_to_cart",
        only(new JsonObject().put("name", "add_to_cart").put("visitor_id", "v1")));
    assertEquals(
        "search_term: is required for search",
        only(new JsonObject().put("name", "search").put("visitor_id", "v1")));
    assertEquals(
        "lamp",
        parse(
                new JsonObject()
                    .put("name", "search")
                    .put("visitor_id", "v1")
                    .put("search_term", "lamp"))
            .query());
    assertEquals(
        List.of(),
        parse(new JsonObject().put("name", "page_view").put("visitor_id", "v1")).items());
  }

  @Test
  void tooManyItemLinesAreRejected() {
    JsonObject json = view();
    for (int i = 0; i < 201; i++)
      json.getJsonArray("items").add(new JsonObject().put("item_id", "a"));
    assertEquals("items: has 201 entries; at most 200", only(json));
  }

  @Test
  void severalProblemsAreReportedTogether() {
    List<String> all = problems(new JsonObject().put("name", "nope").put("timestamp", "soon"));
    assertEquals(3, all.size(), all.toString());
    assertTrue(all.get(0).startsWith("name: unknown event 'nope'"), all.toString());
    assertEquals("visitor_id: is required (or customer_id)", all.get(1));
    assertTrue(all.get(2).startsWith("timestamp: must be an ISO-8601 instant"), all.toString());
  }

  @Test
  void writtenJsonReadsBackAsTheSameEvent() {
    Event event =
        parse(
            new JsonObject()
                .put("name", "purchase")
                .put("visitor_id", "v1")
                .put("customer_id", "c1")
                .put(
                    "items",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("item_id", "a")
                                .put("quantity", 3)
                                .put("price", 2.5)))
                .put("item_list_id", "cart-block")
                .put("transaction_id", "T-77")
                .put("value", 7.5)
                .put("currency", "USD")
                .put("timestamp", "2025-06-01T11:00:00Z"));
    assertEquals(event, parse(EventJson.toJson(event)));
  }
}
