package io.vitrina.server.catalog;

import io.vertx.core.Future;
import io.vitrina.engine.catalog.Item;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The store's catalog: PostgreSQL is its system of record, the catalog index serves it. Futures
 * complete on the caller's event loop.
 */
public interface CatalogService {
  /** Upserts items into PostgreSQL and then the index; completes when both have them. */
  Future<Integer> upsert(List<Item> items);

  /** Deletes an item; completes with whether it was there. */
  Future<Boolean> delete(String id);

  /** An item as stored in PostgreSQL. */
  Future<Optional<Item>> get(String id);

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
