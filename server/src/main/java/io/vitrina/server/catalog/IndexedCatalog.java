package io.vitrina.server.catalog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.server.async.CallerContext;
import io.vitrina.server.cluster.Node;
import io.vitrina.server.cluster.Wakeups;
import io.vitrina.server.input.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CatalogService}: writes through PostgreSQL, then the catalog index, in one order. The
 * other nodes' writes reach the index through the change log ({@link CatalogTail}), in that same
 * order of writes.
 */
public final class IndexedCatalog implements CatalogService {
  private static final Logger LOG = LoggerFactory.getLogger(IndexedCatalog.class);

  /** Items a sweep marks unavailable in one write, as a bulk load writes them. */
  private static final int SWEEP_CHUNK = ItemsBulkLoad.CHUNK;

  private static final JsonObject UNAVAILABLE = new JsonObject().put("available", false);

  private final Vertx vertx;
  private final ItemStore items;
  private final CatalogIndex index;
  private final Node node;
  private final CatalogTail tail;
  private final List<Consumer<Set<String>>> addedListeners = new CopyOnWriteArrayList<>();
  private Future<?> writes =
      Future.succeededFuture(); // guarded by this: the last catalog write queued

  public IndexedCatalog(Vertx vertx, ItemStore items, CatalogIndex index, Node node) {
    this.vertx = vertx;
    this.items = items;
    this.index = index;
    this.node = node;
    this.tail = new CatalogTail(vertx, items.changes(), node, this::applyOthers);
  }

  /** Reads the change log whenever another node notifies that it wrote. */
  public void listenTo(Wakeups wakeups) {
    wakeups.on(
        CatalogChanges.CHANNEL,
        from -> {
          if (!node.id().equals(from)) tail.wake();
        });
  }

  /** Restocks older than this are no news: {@code back_in_stock} looks two weeks back. */
  static final int RESTOCKS_KEPT_DAYS = 30;

  /**
   * Indexes every stored item and tells the index what came back in stock lately, then follows the
   * other nodes' changes; at start. The change log's horizon is taken first: every change below it
   * is in the rows the load reads, and the tail reads the rest, so none falls between.
   */
  Future<Void> loadIndex() {
    return items.changes().horizon().compose(horizon -> load().onSuccess(x -> tail.start(horizon)));
  }

  private Future<Void> load() {
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
  public Future<WriteResult> write(List<ItemChange> changes, Instant now) {
    Set<String> ids = new LinkedHashSet<>();
    for (ItemChange change : changes) ids.add(change.id());
    return inOrder(
        () ->
            items
                .find(ids)
                .compose(
                    stored -> {
                      ResolvedWrite write = ResolvedWrite.of(changes, stored, now);
                      return save(write).map(x -> write.result());
                    }));
  }

  @Override
  public Future<Optional<Item>> patch(String id, JsonObject patch, Instant now) {
    return inOrder(
        () ->
            items
                .find(List.of(id))
                .compose(
                    stored -> {
                      if (!stored.containsKey(id)) return Future.succeededFuture(Optional.empty());
                      ResolvedWrite write =
                          ResolvedWrite.of(
                              List.of(new ItemChange.Patch(-1, id, patch)), stored, now);
                      if (!write.problems().isEmpty())
                        return Future.failedFuture(new InvalidInputException(write.problems()));
                      return save(write).map(x -> Optional.of(write.after(id)));
                    }));
  }

  /**
   * Writes what changed to PostgreSQL, then to the index; when items were added, makes them
   * searchable and tells the listeners before completing.
   */
  private Future<Void> save(ResolvedWrite write) {
    List<Item> changed = write.changed();
    if (changed.isEmpty()) return Future.succeededFuture();
    return items
        .upsert(changed)
        .onFailure(e -> readBack(changed.stream().map(Item::id).toList()))
        .compose(
            n ->
                vertx.executeBlocking(
                    () -> {
                      index.upsert(changed);
                      Set<String> added = write.added();
                      if (!added.isEmpty()) {
                        index.refresh();
                        for (Consumer<Set<String>> listener : addedListeners)
                          notify(listener, added);
                      }
                      return null;
                    },
                    false));
  }

  /**
   * Brings items other nodes changed into the index as PostgreSQL holds them now (so that two nodes
   * writing one item at once both end with the version that committed last), deletes those no
   * longer stored, and makes it all searchable at once: a new searcher, so answers cached for the
   * previous one are not served again. Queued with this node's own writes, so that an older version
   * read here cannot overwrite a newer one this node is writing. The items new to this node are
   * told to the listeners, as its own additions are.
   */
  private Future<Void> applyOthers(Set<String> ids) {
    return inOrder(
        () ->
            items
                .current(ids, RESTOCKS_KEPT_DAYS)
                .compose(
                    current ->
                        vertx.executeBlocking(
                            () -> {
                              Set<String> known = index.existing(ids);
                              index.upsert(current.items().values());
                              for (String id : ids)
                                if (!current.items().containsKey(id)) index.delete(id);
                              index.restocked(current.restocked());
                              index.refresh();
                              Set<String> added = new LinkedHashSet<>(current.items().keySet());
                              added.removeAll(known);
                              if (!added.isEmpty())
                                for (Consumer<Set<String>> listener : addedListeners)
                                  notify(listener, added);
                              return null;
                            },
                            false)));
  }

  /**
   * After a write that failed: its statement may have committed all the same (the connection broke
   * before the answer came), so that every other node indexes it; this node reads the items back,
   * as another node's write, once the writes queued before are done.
   */
  private void readBack(Collection<String> ids) {
    applyOthers(Set.copyOf(ids))
        .onFailure(
            e -> LOG.warn("Reading back {} items after a failed write failed", ids.size(), e));
  }

  /** Items other nodes changed, brought into this node's index since start. */
  long fromOthers() {
    return tail.fromPeers();
  }

  /** Old entries of the change log go: a node further behind than that reloads at start. */
  Future<Integer> pruneChanges() {
    return items.changes().prune();
  }

  /** Stops following the other nodes' changes; completes once the writes queued are done. */
  Future<Void> stopFollowing() {
    tail.stop();
    return inOrder(Future::succeededFuture);
  }

  private static void notify(Consumer<Set<String>> listener, Set<String> added) {
    try {
      listener.accept(added);
    } catch (RuntimeException e) {
      // A listener's failure is its own: the items are written either way.
      LOG.warn("A listener of added items failed", e);
    }
  }

  @Override
  public void onAdded(Consumer<Set<String>> listener) {
    addedListeners.add(listener);
  }

  @Override
  public Future<List<String>> delete(Collection<String> ids) {
    return inOrder(
        () ->
            items
                .delete(ids)
                .onFailure(e -> readBack(ids))
                .compose(
                    deleted ->
                        deleted.isEmpty()
                            ? Future.succeededFuture(deleted)
                            : vertx.executeBlocking(
                                () -> {
                                  for (String id : deleted) index.delete(id);
                                  index.refresh();
                                  return deleted;
                                },
                                false)));
  }

  @Override
  public Future<FeedSweep> beginFeed(FeedSweep.Missing missing) {
    if (missing == FeedSweep.Missing.KEEP)
      return Future.succeededFuture(new FeedSweep(missing, Instant.MIN));
    return CallerContext.completeOnCaller(
        vertx, items.now().map(began -> new FeedSweep(missing, began)));
  }

  @Override
  public Future<Integer> sweep(FeedSweep feed) {
    if (feed.missing() == FeedSweep.Missing.KEEP) return Future.succeededFuture(0);
    boolean delete = feed.missing() == FeedSweep.Missing.DELETE;
    int[] swept = {0};
    Future<Long> pages =
        items.forEachIdWrittenBefore(
            feed.began(),
            !delete,
            page -> {
              List<String> missing = new ArrayList<>();
              for (String id : page) if (!feed.isNamed(id)) missing.add(id);
              return delete
                  ? delete(missing).map(deleted -> swept[0] += deleted.size())
                  : markUnavailable(missing).map(marked -> swept[0] += marked);
            });
    return CallerContext.completeOnCaller(vertx, pages.map(x -> swept[0]));
  }

  private Future<Integer> markUnavailable(List<String> ids) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (int from = 0; from < ids.size(); from += SWEEP_CHUNK) {
      List<ItemChange> chunk = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + SWEEP_CHUNK)))
        chunk.add(new ItemChange.Patch(-1, id, UNAVAILABLE));
      chain =
          chain.compose(
              marked -> write(chunk, Instant.now()).map(result -> marked + result.updated()));
    }
    return chain;
  }

  @Override
  public Future<Optional<Item>> get(String id) {
    return items.get(id);
  }

  @Override
  public Future<ItemPage> list(ItemQuery query) {
    return items.page(query);
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
