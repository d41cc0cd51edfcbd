package io.vitrina.server.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.catalog.Item;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The store's catalog: PostgreSQL is its system of record, the catalog index serves it. Futures
 * complete on the caller's event loop.
 */
public interface CatalogService {
  /**
   * Applies whole items and merge patches, in order, against the stored items: only what changed is
   * written, to PostgreSQL and then the index; completes when both have it. Lines that cannot be
   * applied are skipped and reported in the result by their index.
   *
   * @param now the {@code created_at} of a new item that names none
   */
  Future<WriteResult> write(List<ItemChange> changes, Instant now);

  /** Upserts whole items, each with its own {@code createdAt}. */
  default Future<WriteResult> upsert(List<Item> items) {
    return write(
        items.stream().<ItemChange>map(item -> new ItemChange.Whole(-1, item, true)).toList(),
        Instant.now());
  }

  /**
   * Applies a JSON merge patch to a stored item; completes with the item as it now is, or empty
   * when there is no such item.
   *
   * @throws io.vitrina.server.input.InvalidInputException (as the failure) listing every problem of
   *     the merged item
   */
  Future<Optional<Item>> patch(String id, JsonObject patch, Instant now);

  /** Deletes items from PostgreSQL and the index; completes with the ids that were there. */
  Future<List<String>> delete(Collection<String> ids);

  /** An item as stored in PostgreSQL. */
  Future<Optional<Item>> get(String id);

  /** A page of stored items in id order. */
  Future<ItemPage> list(ItemQuery query);

  /**
   * Starts following a full-feed import, to find the items missing from it once it is complete.
   * Items written by anyone after this are never missing.
   */
  Future<FeedSweep> beginFeed(FeedSweep.Missing missing);

  /**
   * Marks unavailable, or deletes, the stored items the complete feed did not name; completes with
   * how many. Call only once the whole feed was read.
   */
  Future<Integer> sweep(FeedSweep feed);

  /**
   * Calls {@code listener} with the ids each write added to the catalog (new ids, not updates),
   * once they are searchable in the index and before the write completes. It runs on a worker
   * thread, in the order of the writes, and must not block.
   */
  void onAdded(Consumer<Set<String>> listener);

  /**
   * Makes catalog writes searchable now. Bulk loads call it before they answer, so a client that
   * sends events for items it just uploaded finds them (read-your-writes), rather than waiting for
   * the background reopen.
   */
  Future<Void> refresh();

  /**
   * The ids among {@code ids} that the index has, in stock or not; cheap enough for the event loop.
   */
  Set<String> known(Collection<String> ids);

  /** Items searchable now. */
  int size();
}
