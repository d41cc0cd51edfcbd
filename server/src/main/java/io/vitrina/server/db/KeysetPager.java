package io.vitrina.server.db;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a table a page at a time in key order ({@code WHERE key > $last ORDER BY key LIMIT n}),
 * hands each page on, and reads the next while that page is handled.
 *
 * <p>Each page starts the next from its own callback and one promise completes at the end. A chain
 * of composed futures instead would complete through every page at once when the last one does, and
 * overflow the stack a thousand pages deep.
 *
 * @param <K> the key the pages resume after
 * @param <T> what a row is read as; a row read as null is skipped
 */
public final class KeysetPager<K, T> {
  private final Function<K, Future<RowSet<Row>>> query;
  private final Function<Row, K> key;
  private final Function<Row, T> read;
  private final Function<List<T>, Future<?>> page;
  private final Promise<Long> done = Promise.promise();

  private KeysetPager(
      Function<K, Future<RowSet<Row>>> query,
      Function<Row, K> key,
      Function<Row, T> read,
      Function<List<T>, Future<?>> page) {
    this.query = query;
    this.key = key;
    this.read = read;
    this.page = page;
  }

  /** Completes with the number of rows handed on, or fails with the first failure. */
  public static <K, T> Future<Long> forEachPage(
      K first,
      Function<K, Future<RowSet<Row>>> query,
      Function<Row, K> key,
      Function<Row, T> read,
      Function<List<T>, Future<?>> page) {
    KeysetPager<K, T> pager = new KeysetPager<>(query, key, read, page);
    pager.readAfter(first, 0);
    return pager.done.future();
  }

  private void readAfter(K after, long handedOn) {
    handle(query.apply(after), handedOn);
  }

  /**
   * Hands on the page {@code rows} brings, and meanwhile asks for the next one: the database reads
   * page n+1 while page n is handled, so a replay costs the larger of the two, not their sum. At
   * most two pages are held, and pages are still handed on one at a time, in key order.
   */
  private void handle(Future<RowSet<Row>> rows, long handedOn) {
    rows.onComplete(
        result -> {
          try {
            if (result.failed()) {
              done.tryFail(result.cause());
              return;
            }
            if (result.result().size() == 0) {
              done.tryComplete(handedOn);
              return;
            }
            List<T> items = new ArrayList<>(result.result().size());
            K last = null;
            for (Row row : result.result()) {
              last = key.apply(row);
              T item = read.apply(row);
              if (item != null) items.add(item);
            }
            Future<RowSet<Row>> next = query.apply(last);
            page.apply(items)
                .onComplete(
                    handled -> {
                      if (handled.failed()) done.tryFail(handled.cause());
                      else onFreshStack(() -> handle(next, handedOn + items.size()));
                    });
          } catch (RuntimeException e) {
            // A callback's exception would otherwise leave the caller waiting for ever.
            done.tryFail(e);
          }
        });
  }

  /**
   * Runs {@code step} from the event loop's queue rather than this call stack: when the page
   * handler and the prefetched page are both complete already, handing on page after page from
   * callbacks would otherwise nest a thousand pages deep and overflow the stack.
   */
  private static void onFreshStack(Runnable step) {
    Context context = Vertx.currentContext();
    if (context == null) step.run();
    else context.runOnContext(x -> step.run());
  }
}
