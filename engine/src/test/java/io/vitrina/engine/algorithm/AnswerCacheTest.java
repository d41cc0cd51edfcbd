package io.vitrina.engine.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.rule.Filters;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cached answers are the answers: the same store served with and without the cache gives equal
 * blocks for many requests, and a stock change or a model swap shows on the very next request.
 */
class AnswerCacheTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final int ITEMS = 60;
  private ServingCore cached;
  private ServingCore uncached;

  @BeforeEach
  void setUp() throws Exception {
    ServingCore.Settings settings = ServingCore.Settings.DEFAULT;
    cached = new ServingCore(CatalogIndex.inMemory(60_000), settings, NOW.minusSeconds(86_400));
    uncached =
        new ServingCore(
            CatalogIndex.inMemory(60_000),
            settings.withAnswerCache(false),
            NOW.minusSeconds(86_400));
    List<Item> items = new ArrayList<>();
    for (int i = 1; i <= ITEMS; i++) items.add(item(i, 5, "blue " + (i % 7) + " lamp"));
    for (ServingCore core : List.of(cached, uncached)) {
      core.index().upsert(items);
      core.index().refresh();
    }
    train();
  }

  @AfterEach
  void tearDown() throws Exception {
    cached.close();
    uncached.close();
  }

  private static Item item(int i, int stock, String title) {
    String category = i % 3 == 0 ? "Lamps" : "Shades";
    return new Item(
        "p" + i,
        title,
        "a " + category.toLowerCase() + " for the " + (i % 5 == 0 ? "desk" : "hall"),
        null,
        null,
        List.of("Home", category),
        i % 2 == 0 ? "Acme" : "Zeta",
        10 + i,
        null,
        stock,
        true,
        List.of(),
        Map.of(),
        NOW);
  }

  /** Seeded shoppers who view and buy neighbouring items, applied to both cores alike. */
  private void train() {
    Random random = new Random(7);
    List<Event> events = new ArrayList<>();
    for (int s = 0; s < 120; s++) {
      int base = 1 + random.nextInt(ITEMS - 3);
      for (int k = 0; k < 3; k++) events.add(event(EventType.VIEW_ITEM, "s" + s, "p" + (base + k)));
      if (s % 3 == 0) events.add(event(EventType.PURCHASE, "s" + s, "p" + (base + 1)));
    }
    for (ServingCore core : List.of(cached, uncached)) {
      ModelBuilder builder = core.newModelBuilder();
      for (Event e : events) {
        core.apply(e);
        builder.add(e, Map.of());
      }
      core.buildAndSwap(builder, NOW);
    }
  }

  private static Event event(EventType type, String visitor, String itemId) {
    return new Event(
        type, visitor, null, List.of(EventItem.of(itemId)), null, null, null, NOW.minusSeconds(60));
  }

  private static List<String> shown(Recommendations r) {
    return r.items().stream()
        .map(i -> i.item().id() + "|" + i.score() + "|" + i.explanation() + "|" + i.source())
        .toList();
  }

  private List<RecommendationRequest> requests() {
    List<RecommendationRequest> out = new ArrayList<>();
    Filters acme = new Filters(null, 50.0, List.of(), List.of("Acme"));
    for (int i = 1; i <= ITEMS; i += 3) {
      for (String algorithm : List.of("similar", "also_viewed", "also_bought")) {
        out.add(RecommendationRequest.builder(algorithm).item("p" + i).limit(5).build());
        out.add(
            RecommendationRequest.builder(algorithm)
                .item("p" + i)
                .visitor("s" + i)
                .limit(8)
                .filters(acme)
                .build());
      }
    }
    for (String category : List.of("Lamps", "Shades")) {
      out.add(
          RecommendationRequest.builder("popular")
              .category(category)
              .filters(new Filters(null, null, List.of(category), List.of()))
              .limit(10)
              .build());
    }
    out.add(RecommendationRequest.builder("popular").limit(20).build());
    for (int s = 0; s < 20; s++)
      out.add(RecommendationRequest.builder("personal").visitor("s" + s).limit(10).build());
    return out;
  }

  @Test
  void cachedAnswersEqualUncachedOnesRequestAfterRequest() {
    List<RecommendationRequest> requests = requests();
    for (int round = 0; round < 3; round++) {
      for (RecommendationRequest request : requests) {
        assertEquals(
            shown(uncached.recommend(request)),
            shown(cached.recommend(request)),
            request.toString());
      }
    }
    RecommendationRequest popular = RecommendationRequest.builder("popular").limit(20).build();
    assertSame(
        cached.recommend(popular),
        cached.recommend(popular),
        "the second ask is served from the cache");
    RecommendationRequest personal =
        RecommendationRequest.builder("personal").visitor("s1").build();
    assertFalse(
        cached.recommend(personal) == cached.recommend(personal),
        "personal blocks are never cached");
  }

  @Test
  void aStockChangeShowsOnTheNextRequest() {
    RecommendationRequest popular = RecommendationRequest.builder("popular").limit(10).build();
    String top = cached.recommend(popular).items().get(0).item().id();
    int number = Integer.parseInt(top.substring(1));
    cached.index().upsert(List.of(item(number, 0, "sold out")));
    cached.index().refresh();
    List<String> after =
        cached.recommend(popular).items().stream().map(i -> i.item().id()).toList();
    assertFalse(after.contains(top), top + " is sold out: " + after);
  }

  @Test
  void aModelSwapShowsOnTheNextRequest() {
    RecommendationRequest alsoBought =
        RecommendationRequest.builder("also_bought").item("p2").limit(5).build();
    List<String> before = shown(cached.recommend(alsoBought));
    // Everybody now buys p2 with p40: the next answer must know.
    ModelBuilder builder = cached.newModelBuilder();
    for (int s = 0; s < 30; s++) {
      for (String id : List.of("p2", "p40"))
        builder.add(event(EventType.PURCHASE, "n" + s, id), Map.of());
      builder.add(event(EventType.PURCHASE, "m" + s, "p" + (3 + s % 20)), Map.of());
      builder.add(event(EventType.PURCHASE, "m" + s, "p" + (30 + s % 7)), Map.of());
    }
    cached.buildAndSwap(builder, NOW);
    List<String> after = shown(cached.recommend(alsoBought));
    assertNotEquals(before, after);
    assertTrue(after.get(0).startsWith("p40|"), after.toString());
  }
}
