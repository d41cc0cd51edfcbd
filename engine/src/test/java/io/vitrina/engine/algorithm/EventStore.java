package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Signal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A store served the way the server serves one: events applied to the {@link ServingCore}
 * (profiles, popularity) and the model built from the same events. It keeps every event, so a test
 * can count from them what an explanation claims: how many shoppers did both things.
 */
final class EventStore implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  final ServingCore core;
  final Map<String, Item> catalog = new HashMap<>();
  private final List<Event> events = new ArrayList<>();

  EventStore() throws Exception {
    core =
        new ServingCore(
            CatalogIndex.inMemory(50),
            ServingCore.Settings.DEFAULT.withAnswerCache(false),
            NOW.minus(Duration.ofDays(60)),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  void upsert(Item... items) {
    for (Item item : items) catalog.put(item.id(), item);
    core.index().upsert(List.of(items));
    core.index().refresh();
  }

  static Item item(String id, String title, String category, String brand, double price) {
    return item(id, title, category, brand, price, null, 30);
  }

  static Item item(
      String id,
      String title,
      String category,
      String brand,
      double price,
      Double oldPrice,
      int daysOld) {
    return new Item(
        id,
        title,
        "",
        null,
        null,
        List.of("Shop", category),
        brand,
        price,
        oldPrice,
        5,
        true,
        List.of(),
        Map.of(),
        NOW.minus(Duration.ofDays(daysOld)));
  }

  /** {@code visitor} did {@code type} on {@code itemId} {@code daysAgo} days before NOW. */
  void did(String visitor, EventType type, String itemId, int daysAgo) {
    apply(
        new Event(
            type,
            visitor,
            null,
            List.of(EventItem.of(itemId)),
            null,
            null,
            null,
            NOW.minus(Duration.ofDays(daysAgo))));
  }

  /** A purchase where the store's events name the shopper's region. */
  void boughtIn(String region, String visitor, String itemId, int daysAgo) {
    apply(
        new Event(
            EventType.PURCHASE,
            visitor,
            null,
            List.of(EventItem.of(itemId)),
            null,
            null,
            null,
            NOW.minus(Duration.ofDays(daysAgo)),
            region));
  }

  void searched(String visitor, String text, int daysAgo) {
    apply(
        new Event(
            EventType.SEARCH,
            visitor,
            null,
            List.of(),
            text,
            null,
            null,
            NOW.minus(Duration.ofDays(daysAgo))));
  }

  void apply(Event event) {
    events.add(event);
    core.apply(event);
  }

  /** A model build over every event so far, as the server's scheduled build runs it. */
  void build() {
    ModelBuilder builder = core.newModelBuilder();
    for (Event event : events) builder.add(event, Map.of());
    core.buildAndSwap(builder, NOW);
  }

  /** The visitors with an event that counts as {@code signal} on {@code itemId}. */
  Set<String> shoppers(Signal signal, String itemId) {
    Set<String> out = new HashSet<>();
    for (Event event : events) {
      if (!signal.countsAs(event.type())) continue;
      boolean names =
          event.items().stream().anyMatch(i -> i.itemId().equals(itemId))
              || (event.query() != null && Signal.searchTerm(event.query()).equals(itemId));
      if (names) out.add(event.visitorId());
    }
    return out;
  }

  /** How many shoppers did {@code a} on {@code x} and {@code b} on {@code y}, each counted once. */
  int together(Signal a, String x, Signal b, String y) {
    Set<String> both = shoppers(a, x);
    both.retainAll(shoppers(b, y));
    return both.size();
  }

  /** The regions of the purchases of the item. */
  Set<String> regionsOfPurchases(String itemId) {
    Set<String> out = new HashSet<>();
    for (Event event : events)
      if (event.type() == EventType.PURCHASE
          && event.region() != null
          && event.items().stream().anyMatch(i -> i.itemId().equals(itemId)))
        out.add(event.region());
    return out;
  }

  /** Whether any event names the item. */
  boolean anyEventNames(String itemId) {
    return events.stream()
        .anyMatch(e -> e.items().stream().anyMatch(i -> i.itemId().equals(itemId)));
  }

  Recommendations ask(RecommendationRequest.Builder request) {
    return core.recommend(request.build());
  }

  String title(String itemId) {
    return "“" + catalog.get(itemId).title() + "”";
  }

  @Override
  public void close() throws java.io.IOException {
    core.close();
  }
}
