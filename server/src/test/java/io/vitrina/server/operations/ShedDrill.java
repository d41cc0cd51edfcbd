package io.vitrina.server.operations;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.server.metrics.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * New shoppers pouring into a serving core whose profile bound its heap cannot hold, guarded by a
 * {@link MemoryGuard}: run in a JVM with a small heap by {@link MemoryGuardTest}. Prints {@code
 * shoppers=N profiles=M shed=S} and exits 0; out of memory it exits non-zero instead.
 */
public final class ShedDrill {
  private static final int ITEMS = 500;

  private ShedDrill() {}

  public static void main(String[] args) throws Exception {
    int shoppers = Integer.parseInt(args[0]);
    Instant start = Instant.parse("2026-11-01T00:00:00Z");
    CatalogIndex index = CatalogIndex.inMemory(100);
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++)
      items.add(
          new Item(
              "sku-" + i,
              "Item " + i,
              "",
              null,
              null,
              List.of("Department " + (i % 8)),
              "Brand " + (i % 20),
              10 + i,
              null,
              5,
              true,
              List.of("tag-" + (i % 10)),
              Map.of(),
              start));
    index.upsert(items);
    index.refresh();
    Metrics metrics = new Metrics();
    try (ServingCore core =
            new ServingCore(
                index, ServingCore.Settings.DEFAULT.withMaxProfiles(50_000_000), start);
        MemoryGuard guard =
            new MemoryGuard(core::shedProfiles, core::profileCount, metrics).start()) {
      SplittableRandom random = new SplittableRandom(1);
      for (int shopper = 0; shopper < shoppers; shopper++) {
        String visitor = "drill-visitor-" + shopper;
        Instant at = start.plusSeconds(shopper);
        List<EventItem> shown = new ArrayList<>();
        for (int i = 0; i < 8; i++) shown.add(EventItem.of("sku-" + random.nextInt(ITEMS)));
        core.apply(new Event(EventType.VIEW_ITEM_LIST, visitor, null, shown, null, null, null, at));
        for (int view = 0; view < 12; view++)
          core.apply(
              new Event(
                  EventType.VIEW_ITEM,
                  visitor,
                  null,
                  List.of(EventItem.of("sku-" + random.nextInt(ITEMS))),
                  null,
                  null,
                  null,
                  at));
        core.apply(
            new Event(
                EventType.ADD_TO_CART, visitor, null, List.of(shown.get(0)), null, null, null, at));
      }
      String scrape = metrics.scrape();
      // One write of the whole line: the guard logs to the same pipe meanwhile (stderr), and a
      // printf's pieces let its lines fall inside this one.
      String result =
          String.format(
              "shoppers=%d profiles=%d shed=%s memory=%s%n",
              shoppers,
              core.profileCount(),
              counter(scrape, "vitrina_profiles_shed_total"),
              guard.problem().orElse("ready"));
      System.out.print(result);
      System.out.flush();
    }
  }

  private static String counter(String scrape, String name) {
    for (String line : scrape.split("\n"))
      if (line.startsWith(name + " ")) return line.split(" ")[1];
    return "0";
  }
}
