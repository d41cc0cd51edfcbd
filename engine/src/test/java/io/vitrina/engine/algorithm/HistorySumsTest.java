package io.vitrina.engine.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.IndicatorSpec;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.model.PopularityCounter;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.rule.Filters;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code personal} sums a shopper's history over the model's indicators turned around, in memory,
 * and checks the best sums against the rules; a block under a filter ranks every sum. Both must
 * agree: on a random store, the same shoppers get the same items in the same order either way.
 */
class HistorySumsTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final int ITEMS = 300;
  private CatalogIndex index;
  private ProfileStore profiles;
  private Recommender recommender;
  private final Random random = new Random(7);

  @BeforeEach
  void setUp() throws Exception {
    index = CatalogIndex.inMemory(50);
    profiles = new ProfileStore();
    recommender = new Recommender(index, profiles, AlgorithmCatalog.standard());
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++)
      items.add(
          new Item(
              "p" + i,
              "item " + i,
              "",
              "https://x/p" + i,
              null,
              List.of("C" + i % 7),
              "B" + i % 5,
              10 + i,
              null,
              i % 29 == 0 ? 0 : 5, // some sold out
              true,
              List.of(),
              Map.of(),
              NOW));
    index.upsert(items);
    index.refresh();
    ModelBuilder builder = new ModelBuilder(IndicatorSpec.standard());
    PopularityCounter popularity =
        new PopularityCounter(NOW.minus(Duration.ofDays(30)), Duration.ofDays(7));
    for (int s = 0; s < 1_500; s++) {
      String key = "v:s" + s;
      int taste = random.nextInt(ITEMS); // shoppers keep near one part of the catalog
      for (int k = 0; k < 3 + random.nextInt(8); k++) {
        String item = "p" + near(taste);
        EventType type = random.nextInt(4) == 0 ? EventType.PURCHASE : EventType.VIEW_ITEM;
        builder.add(key, type, item);
        popularity.record(event(type, key, item));
      }
    }
    index.swapModel(builder.build(popularity.snapshot(NOW), NOW));
  }

  private int near(int taste) {
    return Math.floorMod(taste + (int) Math.round(random.nextGaussian() * 6), ITEMS);
  }

  @AfterEach
  void tearDown() throws Exception {
    index.close();
  }

  @Test
  void aBlockUnderFiltersRanksEverySumAsTheBlockWithoutThemDoes() {
    for (int shopper = 0; shopper < 40; shopper++) {
      String visitor = shopperWithHistory("ann" + shopper);
      List<RecommendedItem> best = personal(visitor, Filters.NONE);
      // Every item costs at least 10: the filter keeps all of them, but every sum is ranked.
      List<RecommendedItem> filtered =
          personal(visitor, new Filters(1.0, null, List.of(), List.of()));
      assertEquals(10, best.size());
      assertEquals(ids(best), ids(filtered), visitor);
      for (int k = 0; k < best.size(); k++)
        assertEquals(best.get(k).explanation(), filtered.get(k).explanation(), visitor);
    }
  }

  @Test
  void aBlockOfOneCategoryKeepsOnlyItsItemsAndFillsWithItsBestSellers() {
    for (int shopper = 0; shopper < 20; shopper++) {
      String visitor = shopperWithHistory("bob" + shopper);
      List<RecommendedItem> inCategory =
          personal(visitor, new Filters(null, null, List.of("C3"), List.of()));
      // 43 items are in C3, a few sold out, some seen: the history reaches a few, the best
      // sellers of the category fill the rest.
      assertEquals(10, inCategory.size(), visitor);
      for (RecommendedItem item : inCategory)
        assertEquals(List.of("C3"), item.item().categories(), item.item().id());
    }
  }

  /** Gives {@code visitor} a few events near one part of the catalog. */
  private String shopperWithHistory(String visitor) {
    int taste = random.nextInt(ITEMS);
    for (int k = 0; k < 2 + random.nextInt(12); k++) {
      EventType type = random.nextInt(3) == 0 ? EventType.PURCHASE : EventType.VIEW_ITEM;
      profiles.apply(event(type, visitor, "p" + near(taste)));
    }
    return visitor;
  }

  private List<RecommendedItem> personal(String visitor, Filters filters) {
    return recommender
        .recommend(
            RecommendationRequest.builder("personal")
                .visitor(visitor)
                .limit(10)
                .filters(filters)
                .build())
        .items();
  }

  private static List<String> ids(List<RecommendedItem> items) {
    return items.stream().map(i -> i.item().id()).toList();
  }

  private static Event event(EventType type, String visitor, String itemId) {
    return new Event(
        type, visitor, null, List.of(EventItem.of(itemId)), null, null, null, NOW.minusSeconds(60));
  }
}
