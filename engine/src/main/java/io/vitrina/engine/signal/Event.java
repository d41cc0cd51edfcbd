package io.vitrina.engine.signal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One accepted shopper event.
 *
 * @param visitorId first-party visitor id from the tracker (may be null for server-side events that
 *     carry a customer id)
 * @param customerId the store's customer id when the shopper is known, else null
 * @param items the items the event is about, in the order given
 * @param query the search text of a {@code search} event, else null
 * @param listId the {@code item_list_id} (recommendation block) the shopper acted from, else null
 * @param attributionToken the token of the recommendation response the shopper acted from
 * @param region where the shopper is, as the store names regions (a city, a delivery zone), or null
 * @param transaction the order of a {@code purchase} or {@code refund} (id, value, currency), or
 *     null
 */
public record Event(
    EventType type,
    String visitorId,
    String customerId,
    List<EventItem> items,
    String query,
    String listId,
    String attributionToken,
    Instant occurredAt,
    String region,
    Transaction transaction) {

  public Event {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (visitorId == null && customerId == null) {
      throw new IllegalArgumentException("an event needs a visitor id or a customer id");
    }
    items = items == null ? List.of() : List.copyOf(items);
    region = region == null || region.isBlank() ? null : region.strip();
  }

  /** An event without a transaction. */
  public Event(
      EventType type,
      String visitorId,
      String customerId,
      List<EventItem> items,
      String query,
      String listId,
      String attributionToken,
      Instant occurredAt,
      String region) {
    this(
        type,
        visitorId,
        customerId,
        items,
        query,
        listId,
        attributionToken,
        occurredAt,
        region,
        null);
  }

  /** An event without a region or a transaction. */
  public Event(
      EventType type,
      String visitorId,
      String customerId,
      List<EventItem> items,
      String query,
      String listId,
      String attributionToken,
      Instant occurredAt) {
    this(type, visitorId, customerId, items, query, listId, attributionToken, occurredAt, null);
  }

  /** This event with another attribution token (null: attributed to nothing). */
  public Event withAttributionToken(String token) {
    return new Event(
        type, visitorId, customerId, items, query, listId, token, occurredAt, region, transaction);
  }

  /** The order id of a purchase or refund, or null. */
  public String transactionId() {
    return transaction == null ? null : transaction.id();
  }

  /** The group key of a region's best sellers in a model: the region's name, in lower case. */
  public static String regionKey(String region) {
    return "region:" + region.strip().toLowerCase(java.util.Locale.ROOT);
  }

  /** The key the shopper's profile is filed under: the customer when known, else the visitor. */
  public List<String> itemIds() {
    return items.stream().map(EventItem::itemId).toList();
  }
}
