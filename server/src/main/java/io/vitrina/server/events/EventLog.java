package io.vitrina.server.events;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The durable append path for shopper events, with group commit: requests queue their events and
 * get a future; one writer at a time takes everything queued (up to a batch) and inserts it in a
 * single statement, then completes all those futures. Under load batches grow by themselves, so
 * throughput is not one round trip per event; when idle a lone event is written at once.
 *
 * <p>A future completes only after PostgreSQL committed, so an acknowledged event survives the
 * process being killed. When too much waits, {@link #append} fails fast with {@link Overloaded} and
 * the API answers 503: back-pressure rather than unbounded memory.
 */
public final class EventLog {
  private final Pool pool;
  private final int maxBatch;
  private final int maxPending;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pendingEvents = new AtomicInteger();
  private final AtomicBoolean writing = new AtomicBoolean();
  private final LongAdder written = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private volatile boolean closed;
  private volatile Promise<Void> drained;

  private record Pending(List<Event> events, Promise<Void> done) {}

  /** Too many events are waiting for the database: retry later. */
  public static final class Overloaded extends RuntimeException {
    public Overloaded(String message) {
      super(message, null, false, false);
    }
  }

  public EventLog(Pool pool, int maxBatch, int maxPending) {
    this.pool = pool;
    this.maxBatch = maxBatch;
    this.maxPending = maxPending;
  }

  /** Completes when all {@code events} are committed. */
  public Future<Void> append(List<Event> events) {
    if (events.isEmpty()) return Future.succeededFuture();
    if (closed) return Future.failedFuture(new Overloaded("the service is shutting down"));
    if (pendingEvents.addAndGet(events.size()) > maxPending) {
      pendingEvents.addAndGet(-events.size());
      return Future.failedFuture(
          new Overloaded(maxPending + " events are waiting for the database"));
    }
    Promise<Void> done = Promise.promise();
    queue.add(new Pending(events, done));
    writeIfIdle();
    return done.future();
  }

  /**
   * Starts a write when none is under way. Loops because an append may land between a writer
   * finding the queue empty and releasing the flag; the loop sees it, so no event waits for a later
   * append to be written.
   */
  private void writeIfIdle() {
    while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
      if (startWrite()) return;
      writing.set(false);
    }
  }

  /** Writes one batch; false when the queue was empty after all. */
  private boolean startWrite() {
    List<Pending> batch = new ArrayList<>();
    int size = 0;
    Pending next;
    // A request's events are never split: they commit together or fail together.
    while (size < maxBatch && (next = queue.poll()) != null) {
      batch.add(next);
      size += next.events().size();
    }
    if (batch.isEmpty()) return false;
    int batchSize = size;
    insert(batch)
        .onComplete(
            result -> {
              pendingEvents.addAndGet(-batchSize);
              if (result.succeeded()) {
                written.add(batchSize);
                commits.increment();
              }
              for (Pending p : batch) {
                if (result.succeeded()) p.done().tryComplete();
                else p.done().tryFail(result.cause());
              }
              writing.set(false);
              if (queue.isEmpty()) signalDrainedIfClosing();
              writeIfIdle();
            });
    return true;
  }

  private Future<Void> insert(List<Pending> batch) {
    int n = batch.stream().mapToInt(p -> p.events().size()).sum();
    OffsetDateTime[] occurred = new OffsetDateTime[n];
    String[] names = new String[n];
    String[] visitors = new String[n];
    String[] customers = new String[n];
    String[] items = new String[n];
    String[] queries = new String[n];
    String[] lists = new String[n];
    String[] tokens = new String[n];
    String[] regions = new String[n];
    int i = 0;
    for (Pending p : batch) {
      for (Event e : p.events()) {
        occurred[i] = e.occurredAt().atOffset(ZoneOffset.UTC);
        names[i] = e.type().wireName();
        visitors[i] = e.visitorId();
        customers[i] = e.customerId();
        items[i] = itemsJson(e).encode();
        queries[i] = e.query();
        lists[i] = e.listId();
        tokens[i] = e.attributionToken();
        regions[i] = e.region();
        i++;
      }
    }
    // One statement, so one round trip and one implicit transaction: the events and the
    // identities they reveal commit together.
    return pool.preparedQuery(
            "WITH x AS (SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
                + "$7::text[], $8::text[], $9::text[]) AS x(o, n, v, c, i, q, l, t, r)), "
                + "ev AS (INSERT INTO events (occurred_at, name, visitor_id, customer_id, items, query, list_id, attribution_token, region) "
                + "SELECT o, n, v, c, i::jsonb, q, l, t, r FROM x) "
                + "INSERT INTO identities (visitor_id, customer_id) SELECT DISTINCT ON (v) v, c FROM x "
                + "WHERE v IS NOT NULL AND c IS NOT NULL ON CONFLICT (visitor_id) DO NOTHING")
        .execute(
            Tuple.tuple()
                .addValue(occurred)
                .addValue(names)
                .addValue(visitors)
                .addValue(customers)
                .addValue(items)
                .addValue(queries)
                .addValue(lists)
                .addValue(tokens)
                .addValue(regions))
        .mapEmpty();
  }

  static JsonArray itemsJson(Event event) {
    JsonArray array = new JsonArray();
    for (EventItem item : event.items()) {
      JsonObject line = new JsonObject().put("id", item.itemId());
      if (item.quantity() != 1) line.put("q", item.quantity());
      if (item.price() != 0) line.put("p", item.price());
      array.add(line);
    }
    return array;
  }

  /** Events accepted but not yet committed. */
  public int pending() {
    return pendingEvents.get();
  }

  public long written() {
    return written.sum();
  }

  public long commits() {
    return commits.sum();
  }

  /** Stops accepting; completes when everything accepted before is committed (or failed). */
  public Future<Void> close() {
    closed = true;
    Promise<Void> promise = Promise.promise();
    drained = promise;
    if (queue.isEmpty() && !writing.get()) promise.tryComplete();
    else writeIfIdle();
    return promise.future();
  }

  private void signalDrainedIfClosing() {
    Promise<Void> p = drained;
    if (p != null) p.tryComplete();
  }
}
