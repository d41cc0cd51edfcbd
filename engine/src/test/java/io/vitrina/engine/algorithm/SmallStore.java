package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.model.IndicatorSpec;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.model.PopularityCounter;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small store for algorithm tests, indexed and trained: six phones (100 to 600, ph1 and ph4
 * discounted, rated 1 to 6), a case per phone, three chargers, two brands. Buyers of each phone buy
 * its case; buyers of ph3 also buy ph6; shoppers compare ph1-ph5 without buying; viewers of ph2 buy
 * charger ch1; many shoppers buy chargers alone.
 */
final class SmallStore implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  final CatalogIndex index;
  final Map<String, Item> catalog = new HashMap<>();
  final ProfileStore profiles =
      new ProfileStore(
          id ->
              java.util.Optional.ofNullable(catalog.get(id))
                  .map(ServingCore::facetsOf)
                  .orElse(null),
          ProfileStore.AFFINITY_HALF_LIFE);
  final Recommender recommender;

  SmallStore() throws Exception {
    index = CatalogIndex.inMemory(50);
    // The store's clock stands at NOW, so purchase cycles and windows read as the events say.
    recommender =
        new Recommender(
            index,
            profiles,
            AlgorithmCatalog.standard(),
            true,
            Recommender.DEFAULT_PURCHASE_EXCLUSION,
            Clock.fixed(NOW, ZoneOffset.UTC));
    List<Item> items = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      items.add(
          item("ph" + i, "Phones", "phone " + i, 100 * i, i == 1 || i == 4, i, "" + i + ".0"));
      items.add(item("c" + i, "Cases", "case for phone " + i, 10 * i, i == 2, 10 + i, null));
    }
    for (int i = 1; i <= 3; i++)
      items.add(item("ch" + i, "Chargers", "charger " + i, 20, false, 20, null));
    upsert(items);
    train();
  }

  void upsert(List<Item> items) throws Exception {
    items.forEach(item -> catalog.put(item.id(), item));
    index.upsert(items);
    index.refresh();
  }

  static Item item(
      String id,
      String category,
      String title,
      double price,
      boolean sale,
      int daysOld,
      String rating) {
    return new Item(
        id,
        title,
        "a " + category.toLowerCase() + " item",
        null,
        null,
        List.of("Electronics", category),
        id.hashCode() % 2 == 0 ? "Acme" : "Zeta",
        price,
        sale ? price * 1.25 : null,
        5,
        true,
        List.of(),
        rating == null ? Map.of() : Map.of("rating", rating),
        NOW.minus(Duration.ofDays(daysOld)));
  }

  /** The same item with another stock. */
  static Item withStock(Item item, int stock) {
    return new Item(
        item.id(),
        item.title(),
        item.description(),
        item.url(),
        item.image(),
        item.categories(),
        item.brand(),
        item.price(),
        item.oldPrice(),
        stock,
        true,
        item.tags(),
        item.attributes(),
        item.createdAt());
  }

  private void train() {
    ModelBuilder builder = new ModelBuilder(IndicatorSpec.standard());
    PopularityCounter popularity =
        new PopularityCounter(NOW.minus(Duration.ofDays(30)), Duration.ofDays(7));
    int[] shopper = {0};
    for (int i = 1; i <= 6; i++) group(builder, popularity, shopper, List.of(), "ph" + i, "c" + i);
    group(builder, popularity, shopper, List.of(), "ph3", "ph6");
    group(builder, popularity, shopper, List.of("ph1", "ph2", "ph3", "ph4", "ph5"));
    group(builder, popularity, shopper, List.of("ph2"), "ch1");
    for (int i = 0; i < 4; i++) group(builder, popularity, shopper, List.of("ch2"), "ch3");
    index.swapModel(builder.build(popularity.snapshot(NOW), NOW));
  }

  /** Six shoppers who each view {@code viewed} and buy {@code bought}. */
  private static void group(
      ModelBuilder builder,
      PopularityCounter popularity,
      int[] shopper,
      List<String> viewed,
      String... bought) {
    for (int repeat = 0; repeat < 6; repeat++) {
      String key = "v:s" + shopper[0]++;
      for (String id : viewed) builder.add(key, EventType.VIEW_ITEM, id);
      for (String id : bought) {
        builder.add(key, EventType.PURCHASE, id);
        popularity.record(event(EventType.PURCHASE, key, id));
      }
    }
  }

  static Event event(EventType type, String visitor, String itemId) {
    return event(type, visitor, itemId, NOW.minusSeconds(60));
  }

  static Event event(EventType type, String visitor, String itemId, Instant at) {
    return new Event(type, visitor, null, List.of(EventItem.of(itemId)), null, null, null, at);
  }

  void apply(EventType type, String visitor, String itemId) {
    profiles.apply(event(type, visitor, itemId));
  }

  /** A purchase {@code daysAgo} days before NOW. */
  void bought(String visitor, String itemId, int daysAgo) {
    profiles.apply(event(EventType.PURCHASE, visitor, itemId, NOW.minus(Duration.ofDays(daysAgo))));
  }

  Recommendations ask(RecommendationRequest.Builder request) {
    return recommender.recommend(request.build());
  }

  static List<String> ids(Recommendations r) {
    return r.items().stream().map(i -> i.item().id()).toList();
  }

  /** The ids of the items {@code source} found. */
  static List<String> from(Recommendations r, String source) {
    return r.items().stream()
        .filter(i -> i.source().equals(source))
        .map(i -> i.item().id())
        .toList();
  }

  @Override
  public void close() throws java.io.IOException {
    index.close();
  }
}
