package io.vitrina.server.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vitrina.demo.DemoStore;
import io.vitrina.server.blocks.BlockStore;
import io.vitrina.server.campaigns.CampaignStore;
import io.vitrina.server.catalog.ItemStore;
import io.vitrina.server.events.EventLog;
import io.vitrina.server.http.Capability;
import io.vitrina.server.segments.SegmentStore;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty store with the generated demo catalog and four weeks of shopper traffic ending
 * now, through the same storage paths as real data; the normal start then indexes and replays it.
 */
public final class DemoLoader implements Capability {
  /**
   * Requests the start banner suggests (add {@code &site_key=}); a test requires each to be
   * answered by the algorithm it names, but for the new visitor, whose block is the cold-start
   * fallback.
   */
  public static final List<String> EXAMPLES =
      List.of(
          "/v1/recommendations/personal?visitor=" + DemoStore.DEMO_VISITOR_ID,
          "/v1/recommendations/personal?visitor=someone-new",
          "/v1/recommendations/also_bought?item=sku-00005",
          "/v1/recommendations/popular?limit=5");

  private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);
  private static final int CHUNK = 2_000;
  private final Vertx vertx;
  private final ItemStore items;
  private final EventLog events;
  private final BlockStore blocks;
  private final SegmentStore segments;
  private final CampaignStore campaigns;
  private final Clock clock;
  private final Settings settings;

  /**
   * The size of the generated store.
   *
   * @param days the traffic window ending at the start; {@code loadtest/ratio.sh} keeps 7, the
   *     window its published numbers were measured on
   */
  public record Settings(int items, int visitors, int days) {
    public Settings {
      if (items < 1 || visitors < 0 || days < 1)
        throw new IllegalArgumentException(
            "the demo store needs at least 1 item and 1 day, and no negative visitors");
    }
  }

  public DemoLoader(
      Vertx vertx,
      ItemStore items,
      EventLog events,
      BlockStore blocks,
      SegmentStore segments,
      CampaignStore campaigns,
      Clock clock,
      Settings settings) {
    this.vertx = vertx;
    this.items = items;
    this.events = events;
    this.blocks = blocks;
    this.segments = segments;
    this.campaigns = campaigns;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Loads the demo store when the catalog is empty (a store with items is left alone), and adds the
   * demo's blocks, segments, campaigns and slots that are missing.
   */
  @Override
  public Future<Void> start() {
    return loadStore()
        .compose(x -> addBlocks(0))
        .compose(x -> addSegments())
        .compose(x -> DemoCampaigns.addMissing(campaigns));
  }

  private Future<Void> addSegments() {
    Future<Void> added = Future.succeededFuture();
    for (var segment : DemoSegments.ALL.entrySet())
      added = added.compose(x -> segments.putIfAbsent(segment.getKey(), segment.getValue()));
    return added;
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
                              settings.items(),
                              settings.visitors(),
                              settings.days(),
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
