package io.vitrina.engine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.ModelBuilder;
import io.vitrina.engine.model.ModelSnapshot;
import io.vitrina.engine.profile.ProfileView;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A refund is kept for revenue; it counts as no purchase in profiles, demand or models. */
class RefundsTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private ServingCore core;

  @BeforeEach
  void setUp() throws Exception {
    core =
        new ServingCore(
            CatalogIndex.inMemory(50), ServingCore.Settings.DEFAULT, NOW.minusSeconds(3600));
    List<Item> items = new ArrayList<>();
    for (String id : List.of("teapot", "kettle")) {
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

  private static Event order(EventType type, String... items) {
    List<EventItem> lines = new ArrayList<>();
    for (String id : items) lines.add(EventItem.of(id));
    return new Event(
        type,
        "v1",
        null,
        lines,
        null,
        null,
        null,
        NOW.minusSeconds(60),
        null,
        new Transaction("T-1", 20.0, "EUR"));
  }

  @Test
  void aRefundIsNoPurchaseAnywhere() {
    ModelBuilder builder = core.newModelBuilder();
    for (Event e :
        List.of(
            order(EventType.PURCHASE, "teapot"),
            order(EventType.REFUND, "teapot"),
            order(EventType.REFUND, "kettle"),
            order(EventType.REFUND))) {
      core.apply(e);
      builder.add(e, Map.of());
    }
    ProfileView profile = core.profile("v1", null);
    assertEquals(List.of("teapot"), profile.purchases());
    assertEquals(1, profile.orders().count());
    assertEquals(List.of("teapot"), profile.seen(), "a refunded line is not something seen");
    ModelSnapshot model = core.buildAndSwap(builder, NOW).model();
    assertFalse(model.popularity().containsKey("kettle"), model.popularity().toString());
    assertEquals(Map.of("teapot", 1f), builder.strengths().get("v:v1"), "bought once, no more");
  }
}
