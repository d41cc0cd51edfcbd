package io.vitrina.engine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.IndicatorSpec;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Origin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServingCoreTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private ServingCore core;

  @BeforeEach
  void setUp() throws Exception {
    List<IndicatorSpec> specs = IndicatorSpec.standard();
    core =
        new ServingCore(
            CatalogIndex.inMemory(50),
            ServingCore.Settings.DEFAULT.withIndicators(specs),
            NOW.minusSeconds(3600));
    List<Item> items = new ArrayList<>();
    for (String id : List.of("teapot", "kettle", "mug", "spoon")) {
      items.add(
          new Item(
              id,
              id,
              "",
              null,
              null,
              List.of("Kitchen"),
              null,
              10,
              null,
              5,
              true,
              List.of(),
              Map.of(),
              NOW));
    }
    core.index().upsert(items);
    core.index().refresh();
  }

  @AfterEach
  void tearDown() throws Exception {
    core.close();
  }

  private static Event event(EventType type, String visitor, String item) {
    return event(type, visitor, item, NOW.minusSeconds(60));
  }

  private static Event event(EventType type, String visitor, String item, Instant at) {
    return new Event(type, visitor, null, List.of(EventItem.of(item)), null, null, null, at);
  }

  private List<String> ids(String algorithm) {
    return core
        .recommend(RecommendationRequest.builder(algorithm).limit(2).build())
        .items()
        .stream()
        .map(r -> r.item().id())
        .toList();
  }

  @Test
  void segmentPopularDiffersBySegment() {
    // Shoppers buy a mug first and a spoon next: the mug is what new shoppers buy.
    ModelBuilder builder = core.newModelBuilder();
    for (int s = 0; s < 6; s++) {
      for (Event e :
          List.of(
              event(EventType.PURCHASE, "b" + s, "mug", NOW.minus(Duration.ofDays(3))),
              event(EventType.PURCHASE, "b" + s, "spoon", NOW.minus(Duration.ofDays(2))))) {
        core.apply(e);
        builder.add(e, Map.of());
      }
    }
    core.buildAndSwap(builder, NOW);
    core.apply(event(EventType.PURCHASE, "once", "teapot", NOW.minus(Duration.ofDays(1))));
    assertEquals("mug", segmentPopular("stranger").get(0), "new shoppers' first purchase");
    assertEquals("spoon", segmentPopular("once").get(0), "what a first-time buyer buys next");
  }

  @Test
  void geoPopularDiffersByRegion() {
    ModelBuilder builder = core.newModelBuilder();
    for (int s = 0; s < 8; s++) {
      boolean north = s % 2 == 0;
      Event purchase =
          new Event(
              EventType.PURCHASE,
              "g" + s,
              null,
              List.of(EventItem.of(north ? "kettle" : "teapot")),
              null,
              null,
              null,
              NOW.minusSeconds(600),
              north ? "Murmansk" : "Sochi");
      core.apply(purchase);
      builder.add(purchase, Map.of());
    }
    core.buildAndSwap(builder, NOW);
    for (String region : List.of("Murmansk", "Sochi"))
      core.apply(
          new Event(
              EventType.VIEW_ITEM,
              "visiting-" + region,
              null,
              List.of(EventItem.of("mug")),
              null,
              null,
              null,
              NOW.minusSeconds(60),
              region));
    assertEquals("kettle", geoPopular("visiting-Murmansk").get(0));
    assertEquals("teapot", geoPopular("visiting-Sochi").get(0));
  }

  private List<String> geoPopular(String visitor) {
    return core
        .recommend(RecommendationRequest.builder("geo_popular").visitor(visitor).limit(2).build())
        .items()
        .stream()
        .map(r -> r.item().id())
        .toList();
  }

  private List<String> segmentPopular(String visitor) {
    return core
        .recommend(
            RecommendationRequest.builder("segment_popular").visitor(visitor).limit(2).build())
        .items()
        .stream()
        .map(r -> r.item().id())
        .toList();
  }

  @Test
  void trendingRanksRisingDemandAboveSteadyDemand() {
    // The mug sold twice a day for four weeks; the teapot half as many, all in the last hours.
    for (int day = 0; day < 28; day++) {
      for (int n = 0; n < 2; n++) {
        Instant at = NOW.minus(Duration.ofDays(day)).minusSeconds(3600 + n);
        core.apply(event(EventType.PURCHASE, "m" + day + "-" + n, "mug", at));
      }
    }
    for (int n = 0; n < 10; n++)
      core.apply(event(EventType.PURCHASE, "t" + n, "teapot", NOW.minusSeconds(600 + n)));
    core.buildAndSwap(core.newModelBuilder(), NOW);
    assertEquals(List.of("mug", "teapot"), ids("popular"), "the mug sells more overall");
    assertEquals(List.of("teapot", "mug"), ids("trending"), "the teapot is rising");
  }

  @Test
  void listenersSeeEveryAppliedEventAfterTheProfileHasItAndWhereItCameFrom() {
    List<String> seen = new ArrayList<>();
    core.addListener(
        (e, origin) ->
            seen.add(
                e.type().wireName()
                    + ":"
                    + core.profile(e.visitorId(), null).recentViews()
                    + ":"
                    + origin));
    core.apply(event(EventType.VIEW_ITEM, "ann", "mug"));
    core.apply(event(EventType.PURCHASE, "ann", "spoon"), Origin.PEER);
    assertEquals(List.of("view_item:[mug]:LIVE", "purchase:[mug]:PEER"), seen);
  }

  @Test
  void configuredIndicatorsReachTheIndexAndTheRecommendations() {
    ModelBuilder builder = core.newModelBuilder();
    // The kettle's buyers looked at the teapot, the spoon's at the mug.
    for (int s = 0; s < 24; s++) {
      boolean tea = s < 12;
      for (Event e :
          List.of(
              event(EventType.VIEW_ITEM, "s" + s, tea ? "teapot" : "mug"),
              event(EventType.PURCHASE, "s" + s, tea ? "kettle" : "spoon"))) {
        core.apply(e);
        builder.add(e, Map.of());
      }
    }
    ServingCore.Swap swap = core.buildAndSwap(builder, NOW);
    assertEquals(4, swap.rewritten(), "every item got demand");
    assertEquals(2, swap.model().stats().itemsWith("view_buy"));
    var holders =
        core.index()
            .withSearcher(s -> CatalogIndex.reverseIndicators(s).holdersOf("view_buy", "teapot"));
    assertEquals(1, holders.size(), "the kettle holds the teapot under view_buy");

    var answer =
        core.recommend(
            RecommendationRequest.builder("also_viewed").item("teapot").limit(3).build());
    assertEquals("kettle", answer.items().get(0).item().id());
  }
}
