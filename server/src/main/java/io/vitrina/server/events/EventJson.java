package io.vitrina.server.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.profile.Consent;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Transaction;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Shopper events on the wire, GA4-style: {@code name, visitor_id, customer_id, items[] {item_id,
 * quantity, price}, search_term, item_list_id, attribution_token, region, transaction_id, value,
 * currency, timestamp}, a {@code consent} event's {@code consent {personalization, marketing}}, and
 * a {@code select_promotion}'s {@code promotion_action} ({@code click} or {@code close}; kept in
 * the event's query, as a consent's choices are). Only what is malformed is refused: an item the
 * catalog does not have yet is a catalog feed behind the tracker, not a mistake of the event.
 */
public final class EventJson {
  static final int MAX_ITEMS = 200;

  /** Clocks of browsers drift; an event from further in the future is a bug, not drift. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

  /** Older timestamps are unit mistakes (seconds sent as milliseconds), not history. */
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

  /** The fields an event has; a problem's field outside them is counted as "other". */
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "visitor_id",
          "customer_id",
          "item_id",
          "items",
          "items[].item_id",
          "items[].quantity",
          "items[].price",
          "search_term",
          "item_list_id",
          "attribution_token",
          "region",
          "transaction_id",
          "value",
          "currency",
          "timestamp",
          "consent",
          "consent.personalization",
          "consent.marketing",
          "promotion_action");

  /** What a shopper did to a promotion ({@code select_promotion}): followed it, or closed it. */
  private static final Set<String> PROMOTION_ACTIONS = Set.of("click", "close");

  private EventJson() {}

  /**
   * Reads and validates one event.
   *
   * @throws InvalidInputException listing every problem, with field paths
   */
  public static Event parse(JsonObject json, Instant now) {
    List<Problem> problems = new ArrayList<>();
    JsonFields f = new JsonFields(json, "", problems);
    EventType type = type(f.text("name", true), f);
    String visitor = f.id("visitor_id", false);
    String customer = f.id("customer_id", false);
    boolean idProblem =
        problems.stream()
            .anyMatch(p -> "visitor_id".equals(p.field()) || "customer_id".equals(p.field()));
    if (visitor == null && customer == null && !idProblem)
      f.problem("visitor_id", "is required (or customer_id)");
    if (type == EventType.IDENTIFY && (visitor == null || customer == null) && problems.isEmpty()) {
      f.problem(customer == null ? "customer_id" : "visitor_id", "is required for identify");
    }
    List<EventItem> items = items(f.array("items"), json, f);
    if (type != null && type.requiresItems() && items.isEmpty() && problems.isEmpty()) {
      f.problem("items", "needs at least one item for " + type.wireName());
    }
    String query = f.text("search_term", false);
    if (type == EventType.SEARCH && (query == null || query.isBlank()) && problems.isEmpty()) {
      f.problem("search_term", "is required for search");
    }
    String consent = consent(f.object("consent"), f);
    if (type == EventType.CONSENT) {
      if (consent == null && problems.isEmpty())
        f.problem(
            "consent",
            "is required for consent: {\"personalization\": true|false, \"marketing\":"
                + " true|false}");
      query = consent;
    } else if (consent != null && type != null) {
      f.problem("consent", "belongs to a consent event, not " + type.wireName());
    }
    String action = promotionAction(f, type);
    if (type == EventType.SELECT_PROMOTION) query = action;
    String listId = f.id("item_list_id", false);
    String token = f.text("attribution_token", false);
    String region = f.term("region");
    Transaction transaction = transaction(f);
    if (type == EventType.REFUND && json.getValue("transaction_id") == null)
      f.problem("transaction_id", "is required for refund (the order it returns)");
    Instant at = f.instant("timestamp");
    if (at != null && at.isAfter(now.plus(MAX_CLOCK_SKEW)))
      f.problem("timestamp", "is in the future: " + at);
    if (at != null && at.isBefore(EARLIEST))
      f.problem("timestamp", "is before " + EARLIEST + ": " + at);
    f.refuseMisspelled("item_id"); // GA4's other fields are welcome; typos of ours are lost data
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    try {
      return new Event(
          type,
          visitor,
          customer,
          items,
          query,
          listId,
          token,
          at == null ? now : at,
          region,
          transaction);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          null, e.getMessage()); // a rule of the record the checks above missed
    }
  }

  private static EventType type(String name, JsonFields f) {
    if (name == null) return null;
    return EventType.fromWireName(name)
        .filter(type -> !type.internal())
        .orElseGet(
            () -> {
              f.problem(
                  "name", "unknown event '" + name + "'; expected one of " + EventType.wireNames());
              return null;
            });
  }

  /**
   * The choices of a {@code consent} object, as the event's query stores them ({@link
   * Consent#asQuery}); null when there is no object or it has problems.
   */
  private static String consent(JsonObject object, JsonFields f) {
    if (object == null) return null;
    List<Problem> problems = f.problems();
    int before = problems.size();
    JsonFields c = new JsonFields(object, "consent.", problems);
    Boolean personalization = c.bool("personalization");
    Boolean marketing = c.bool("marketing");
    c.refuseUnknown();
    if (problems.size() > before) return null;
    if (personalization == null && marketing == null) {
      f.problem("consent", "needs personalization or marketing (true or false)");
      return null;
    }
    return Consent.asQuery(personalization, marketing);
  }

  /** A {@code select_promotion}'s {@code promotion_action}, or null. */
  private static String promotionAction(JsonFields f, EventType type) {
    String action = f.text("promotion_action", false);
    if (action == null) return null;
    if (type != null && type != EventType.SELECT_PROMOTION) {
      f.problem("promotion_action", "belongs to a select_promotion event, not " + type.wireName());
      return null;
    }
    if (!PROMOTION_ACTIONS.contains(action)) {
      f.problem("promotion_action", "must be click or close, was '" + action + "'");
      return null;
    }
    return action;
  }

  /** GA4's {@code transaction_id}, {@code value} and {@code currency}, when any is given. */
  private static Transaction transaction(JsonFields f) {
    String id = f.id("transaction_id", false);
    Double value = f.number("value", false, 0);
    String currency = f.text("currency", false);
    if (currency != null && !CURRENCY.matcher(currency.strip()).matches()) {
      f.problem("currency", "must be an ISO 4217 code such as EUR, was '" + currency + "'");
      currency = null;
    }
    return Transaction.of(id, value, currency);
  }

  /**
   * The field a problem is counted under in the rejection metric: the event's field with line
   * numbers left out, or "other" (a bounded set of label values whatever clients send).
   */
  static String reason(Problem problem) {
    if (problem.field() == null) return "event";
    String field = problem.field().replaceAll("\\[\\d+]", "[]");
    return FIELDS.contains(field) ? field : "other";
  }

  private static List<EventItem> items(JsonArray array, JsonObject json, JsonFields f) {
    // GA4 item events often carry one item id at the top level; accept that shorthand too.
    if (array == null) {
      String single = json.containsKey("item_id") ? f.id("item_id", true) : null;
      return single == null ? List.of() : List.of(EventItem.of(single));
    }
    if (array.size() > MAX_ITEMS) {
      f.problem("items", "has " + array.size() + " entries; at most " + MAX_ITEMS);
      return List.of();
    }
    List<EventItem> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = "items[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject line)) {
        f.problem(
            path, "must be an object with item_id, was " + JsonFields.typeOf(array.getValue(i)));
        continue;
      }
      List<Problem> lineProblems = f.problems();
      JsonFields l = new JsonFields(line, path + ".", lineProblems);
      int before = lineProblems.size();
      String id = l.id("item_id", true);
      Integer quantity = l.integer("quantity", false, 1);
      Double price = l.number("price", false, 0);
      l.refuseMisspelled();
      if (lineProblems.size() == before)
        out.add(new EventItem(id, quantity == null ? 1 : quantity, price == null ? 0 : price));
    }
    return out;
  }

  public static JsonObject toJson(Event event) {
    JsonArray items = new JsonArray();
    for (EventItem item : event.items()) {
      items.add(
          new JsonObject()
              .put("item_id", item.itemId())
              .put("quantity", item.quantity())
              .put("price", item.price()));
    }
    JsonObject consent = null;
    if (event.type() == EventType.CONSENT) {
      Consent choices = Consent.of(event);
      consent = new JsonObject();
      if (choices.personalization() != null)
        consent.put("personalization", choices.personalization().allowed());
      if (choices.marketing() != null) consent.put("marketing", choices.marketing().allowed());
    }
    boolean promotion = event.type() == EventType.SELECT_PROMOTION;
    return new JsonObject()
        .put("name", event.type().wireName())
        .put("visitor_id", event.visitorId())
        .put("customer_id", event.customerId())
        .put("items", items)
        .put("search_term", consent == null && !promotion ? event.query() : null)
        .put("promotion_action", promotion ? event.query() : null)
        .put("consent", consent)
        .put("item_list_id", event.listId())
        .put("attribution_token", event.attributionToken())
        .put("timestamp", event.occurredAt().toString())
        .put("region", event.region())
        .put("transaction_id", event.transactionId())
        .put("value", event.transaction() == null ? null : event.transaction().value())
        .put("currency", event.transaction() == null ? null : event.transaction().currency());
  }
}
