package io.vitrina.server.catalog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.server.async.CallerContext;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link CatalogService}: writes through PostgreSQL, then the catalog index, in one order. */
public final class IndexedCatalog implements CatalogService {
  private static final Logger LOG = LoggerFactory.getLogger(IndexedCatalog.class);

  private final Vertx vertx;
  private final ItemStore items;
  private final CatalogIndex index;
  private Future<?> writes =
      Future.succeededFuture(); // guarded by this: the last catalog write queued

  public IndexedCatalog(Vertx vertx, ItemStore items, CatalogIndex index) {
    this.vertx = vertx;
    this.items = items;
    this.index = index;
  }

  /** Restocks older than this are no news: {@code back_in_stock} looks two weeks back. */
  static final int RESTOCKS_KEPT_DAYS = 30;

  /** Indexes every stored item and tells the index what came back in stock lately; at start. */
  Future<Void> loadIndex() {
    long started = System.nanoTime();
    // Indexing is CPU and disk work: each page goes to a worker, never onto the event loop.
    return items
        .forEachPage(
            page ->
                vertx.executeBlocking(
                    () -> {
                      index.upsert(page);
                      return null;
                    },
                    false))
        .compose(
            count ->
                items
                    .restockedWithin(RESTOCKS_KEPT_DAYS)
                    .map(
                        restocks -> {
                          index.restocked(restocks);
                          return count;
                        }))
        .compose(
            count ->
                vertx.executeBlocking(
                    () -> {
                      index.refresh();
                      LOG.info(
                          "Catalog index loaded: {} items in {} ms",
                          count,
                          (System.nanoTime() - started) / 1_000_000);
                      return null;
                    }));
  }

  @Override
  public Future<Integer> upsert(List<Item> batch) {
    return inOrder(
        () ->
            items
                .upsert(batch)
                .compose(
                    n ->
                        vertx.executeBlocking(
                            () -> {
                              index.upsert(batch);
                              return n;
                            },
                            false)));
  }

  @Override
  public Future<Boolean> delete(String id) {
    return inOrder(
        () ->
            items
                .delete(id)
                .compose(
                    found ->
                        vertx.executeBlocking(
                            () -> {
                              index.delete(id);
                              index.refresh();
                              return found;
                            },
                            false)));
  }

  @Override
  public Future<Optional<Item>> get(String id) {
    return items.get(id);
  }

  @Override
  public Future<Void> refresh() {
    return vertx.executeBlocking(
        () -> {
          index.refresh();
          return null;
        },
        false);
  }

  @Override
  public Set<String> known(Collection<String> ids) {
    return index.existing(ids);
  }

  @Override
  public int size() {
    return index.size();
  }

  /**
   * Runs catalog writes one after another, each through PostgreSQL and then the index. Two writes
   * of one item from concurrent requests would otherwise reach the index in the other order than
   * PostgreSQL's and serve the older version until the next start. A bulk load writes a chunk of
   * 1000 items at a time, so this costs concurrent loads little.
   */
  private synchronized <T> Future<T> inOrder(Supplier<Future<T>> write) {
    Future<T> next = writes.transform(previous -> write.get());
    writes = next;
    return CallerContext.completeOnCaller(vertx, next);
  }
}
