package io.vitrina.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.segment.Lifecycle;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Signal;
import io.vitrina.engine.signal.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelBuilderTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final CooccurrenceIndicators.Settings SETTINGS =
      CooccurrenceIndicators.Settings.DEFAULT;

  /** The kettle's buyers looked at the teapot first; the spoon's buyers looked at mugs. */
  private static ModelBuilder viewedThenBought(List<IndicatorSpec> specs) {
    ModelBuilder builder = new ModelBuilder(specs);
    for (int s = 0; s < 30; s++) {
      String shopper = "v:s" + s;
      boolean tea = s < 12;
      builder.add(shopper, EventType.VIEW_ITEM, tea ? "teapot" : "mug-" + (s % 3));
      builder.add(shopper, EventType.PURCHASE, tea ? "kettle" : "spoon");
    }
    return builder;
  }

  @Test
  void crossOccurrenceSpecIndicatesWhatBuyersViewed() {
    IndicatorSpec crossed = new IndicatorSpec("view_buy", Signal.BUY, Signal.VIEW, SETTINGS);
    ModelSnapshot model = viewedThenBought(List.of(crossed)).build(Map.of(), NOW);

    Indicator teapot = model.indicator("view_buy", "kettle", "teapot");
    assertNotNull(teapot, "the kettle's buyers viewed the teapot: " + model.indicators("view_buy"));
    assertEquals(12, teapot.cooccurrences());
    assertNull(
        model.indicators("view_buy").get("teapot"),
        "the teapot was never bought, so it indicates nothing");
    assertNull(
        model.indicator("view_buy", "kettle", "mug-0"), "the kettle's buyers never looked at mugs");
    assertEquals(2, model.stats().itemsWith("view_buy"), "the two bought items");
    assertEquals("teapot", model.forItem("kettle").indicators().get("view_buy").get(0).itemId());
  }

  @Test
  void eachSpecIsComputedUnderItsOwnName() {
    ModelSnapshot model = viewedThenBought(IndicatorSpec.standard(SETTINGS)).build(Map.of(), NOW);
    assertTrue(
        model.indicators().keySet().containsAll(List.of(IndicatorSpec.VIEW, IndicatorSpec.BUY)));
    assertNotNull(
        model.indicator(IndicatorSpec.VIEW, "teapot", "kettle"), "a purchase counts as a view");
    assertTrue(
        model.indicators(IndicatorSpec.BUY).isEmpty(),
        "each shopper bought one item: nothing co-bought");
    assertTrue(model.indicators("absent").isEmpty());
  }

  @Test
  void specNamesAreUniqueAndFieldSafe() {
    IndicatorSpec view = new IndicatorSpec("view", Signal.VIEW, Signal.VIEW, SETTINGS);
    assertThrows(IllegalArgumentException.class, () -> new ModelBuilder(List.of(view, view)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new IndicatorSpec("View Buy", Signal.BUY, Signal.VIEW, SETTINGS));
  }

  private static Event order(String order, Instant at, String... items) {
    List<EventItem> lines = java.util.Arrays.stream(items).map(EventItem::of).toList();
    return new Event(
        EventType.PURCHASE,
        "ann",
        null,
        lines,
        null,
        null,
        null,
        at,
        null,
        new Transaction(order, null, null));
  }

  @Test
  void aSecondOrderCountsForTheNewCustomersSegmentWhateverTheFirstOrderHeld() {
    ModelBuilder builder = new ModelBuilder(List.of());
    builder.add(order("T-1", NOW.minus(Duration.ofDays(3)), "teapot", "kettle"), Map.of());
    builder.add(order("T-2", NOW.minus(Duration.ofDays(2)), "mug"), Map.of());
    // The same order sent again: it would count for active customers if it counted at all.
    builder.add(order("T-2", NOW.minus(Duration.ofDays(1)), "mug"), Map.of());
    ModelSnapshot model = builder.build(Map.of(), NOW);
    assertEquals(List.of("kettle", "teapot"), model.bestSellers(Lifecycle.NEVER_BOUGHT.groupKey()));
    assertEquals(List.of("mug"), model.bestSellers(Lifecycle.NEW.groupKey()));
    assertEquals(List.of(), model.bestSellers(Lifecycle.ACTIVE.groupKey()));
  }
}
