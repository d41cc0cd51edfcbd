package io.vitrina.server.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vitrina.demo.DemoStore;
import io.vitrina.server.blocks.BlockStore;
import io.vitrina.server.catalog.ItemStore;
import io.vitrina.server.events.EventLog;
import io.vitrina.server.http.Capability;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty store with the generated demo catalog and a week of shopper traffic ending now,
 * through the same storage paths as real data; the normal start then indexes and replays it.
 */
public final class DemoLoader implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);
  private static final int CHUNK = 2_000;
  private final Vertx vertx;
  private final ItemStore items;
  private final EventLog events;
  private final BlockStore blocks;
  private final Clock clock;
  private final int itemCount;
  private final int visitorCount;

  public DemoLoader(
      Vertx vertx,
      ItemStore items,
      EventLog events,
      BlockStore blocks,
      Clock clock,
      int itemCount,
      int visitorCount) {
    this.vertx = vertx;
    this.items = items;
    this.events = events;
    this.blocks = blocks;
    this.clock = clock;
    this.itemCount = itemCount;
    this.visitorCount = visitorCount;
  }

  /**
   * Loads the demo store when the catalog is empty (a store with items is left alone), and adds the
   * demo's blocks that are missing.
   */
  @Override
  public Future<Void> start() {
    return loadStore().compose(x -> addBlocks(0));
  }

  private Future<Void> addBlocks(int from) {
    if (from == DemoBlocks.ALL.size()) return Future.succeededFuture();
    return blocks.putIfAbsent(DemoBlocks.ALL.get(from)).compose(x -> addBlocks(from + 1));
  }

  private Future<Void> loadStore() {
    return items
        .count()
        .compose(
            count -> {
              if (count > 0) {
                LOG.info("Catalog has {} items; demo data not loaded", count);
                return Future.succeededFuture();
              }
              long started = System.nanoTime();
              // Generating is CPU work (about a second for 100k items): on a worker, not the event
              // loop.
              return vertx
                  .executeBlocking(
                      () ->
                          DemoStore.generate(
                              DemoStore.DEFAULT_SEED,
                              itemCount,
                              visitorCount,
                              DemoStore.DEFAULT_DAYS,
                              clock.instant()),
                      false)
                  .compose(
                      demo ->
                          inChunks(demo.items(), items::upsert)
                              .compose(
                                  x ->
                                      inChunks(demo.events(), chunk -> events.append(chunk).map(0)))
                              .onSuccess(
                                  x ->
                                      LOG.info(
                                          "Demo store loaded: {} items, {} events in {} ms (demo visitor: {})",
                                          demo.items().size(),
                                          demo.events().size(),
                                          (System.nanoTime() - started) / 1_000_000,
                                          DemoStore.DEMO_VISITOR_ID)));
            });
  }

  private static <T> Future<Void> inChunks(
      List<T> all, java.util.function.Function<List<T>, Future<Integer>> write) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<T> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      chain = chain.compose(x -> write.apply(chunk));
    }
    return chain.mapEmpty();
  }
}
