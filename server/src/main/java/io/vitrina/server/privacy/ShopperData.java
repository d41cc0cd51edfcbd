package io.vitrina.server.privacy;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One section of what the service keeps of a shopper: a field of their export and, when it is kept
 * in PostgreSQL, its part of their erasure. A capability that keeps something per shopper
 * (segments, triggers) contributes one with {@link PrivacyCapability#add}, in one line; the privacy
 * capability knows none of them.
 */
public interface ShopperData {
  /** The export's field this section fills, e.g. {@code "segments"}. */
  String name();

  /**
   * What is kept of the shopper, as JSON (an object, an array) or null when nothing; may read
   * {@code request} for paging.
   */
  Future<Object> export(ExportRequest request);

  /**
   * Deletes what is kept of the shopper, inside the erasure's transaction (which also deletes their
   * events and identities); completes with the rows deleted, by table. Memory is erased after the
   * commit, by the erasure itself.
   */
  default Future<Map<String, Integer>> erase(SqlConnection tx, ShopperIds shopper) {
    return Future.succeededFuture(Map.of());
  }

  /**
   * Forgets what this node holds of erased shoppers in memory outside their profiles (a cache of
   * whom it told of something): called on every node, when the erasure reaches it. {@code erased}
   * accepts the shoppers' profile keys ({@code c:…}, {@code v:…}); other nodes know them only by
   * digests, so it is a test, not a list.
   */
  default void forget(Predicate<String> erased) {}

  /**
   * @param shopper every id of the shopper
   * @param eventsAfter the event id a page of events starts after ({@code events_after=}), or 0
   * @param eventsLimit how many events a page has at most
   */
  record ExportRequest(ShopperIds shopper, long eventsAfter, int eventsLimit) {}

  /**
   * A section with nothing to export of its own that forgets what its capability holds in memory
   * (see {@link #forget}).
   */
  static ShopperData forgetting(String name, Consumer<Predicate<String>> forget) {
    return new ShopperData() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<Object> export(ExportRequest request) {
        return Future.succeededFuture(null);
      }

      @Override
      public void forget(Predicate<String> erased) {
        forget.accept(erased);
      }
    };
  }

  /** A section answered from memory, without erasing anything itself. */
  static ShopperData of(String name, Function<ShopperIds, Object> read) {
    return of(name, read, erased -> {});
  }

  /** A section answered from memory, which forgets what it holds there (see {@link #forget}). */
  static ShopperData of(
      String name, Function<ShopperIds, Object> read, Consumer<Predicate<String>> forget) {
    return new ShopperData() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<Object> export(ExportRequest request) {
        return Future.succeededFuture(read.apply(request.shopper()));
      }

      @Override
      public void forget(Predicate<String> erased) {
        forget.accept(erased);
      }
    };
  }
}
