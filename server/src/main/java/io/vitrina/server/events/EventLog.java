package io.vitrina.server.events;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.server.cluster.Node;
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
 *
 * <p>A purchase is stored once per {@code transaction_id} (and a whole-order refund once per
 * order): the statement skips what a unique index already holds ({@code ON CONFLICT DO NOTHING}),
 * whether the copy came in the same batch, an earlier one or before a restart, and says which it
 * skipped, so that only new events reach the online state.
 *
 * <p>Each event is stored with the node that accepted it, and each commit notifies {@link
 * #CHANNEL}: every node's {@link EventTail} reads what the others stored.
 */
public final class EventLog {
  /** The channel a commit notifies, with the node's id, so that other nodes read the log now. */
  public static final String CHANNEL = "vitrina_events";

  private final Context context;
  private final Pool pool;
  private final String node;
  private final int maxBatch;
  private final int maxPending;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pendingEvents = new AtomicInteger();
  private final AtomicBoolean writing = new AtomicBoolean();
  private final LongAdder written = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private volatile boolean closed;
  private volatile Promise<Void> drained;

  private record Pending(List<Event> events, Promise<Appended> done) {}

  /**
   * What the commit did with one request's events.
   *
   * @param added the events stored now, in the order given
   * @param ids the ids {@code added} were stored with, in the same order
   * @param duplicates the events already stored (a purchase's transaction id seen before)
   */
  public record Appended(List<Event> added, List<Long> ids, List<Event> duplicates) {
    static final Appended NOTHING = new Appended(List.of(), List.of(), List.of());
  }

  /** Too many events are waiting for the database: retry later. */
  public static final class Overloaded extends RuntimeException {
    public Overloaded(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * @param node written beside every event, so that this node's reader of the log knows its own
   */
  public EventLog(Vertx vertx, Pool pool, Node node, int maxBatch, int maxPending) {
    this.context = vertx.getOrCreateContext();
    this.pool = pool;
    this.node = node.id();
    this.maxBatch = maxBatch;
    this.maxPending = maxPending;
  }

  /** Completes when all {@code events} are committed, saying which were new. */
  public Future<Appended> append(List<Event> events) {
    if (events.isEmpty()) return Future.succeededFuture(Appended.NOTHING);
    if (closed) return Future.failedFuture(new Overloaded("the service is shutting down"));
    if (pendingEvents.addAndGet(events.size()) > maxPending) {
      pendingEvents.addAndGet(-events.size());
      return Future.failedFuture(
          new Overloaded(maxPending + " events are waiting for the database"));
    }
    Promise<Appended> done = Promise.promise();
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
    context.runOnContext(x -> write(batch, batchSize));
    return true;
  }

  /**
   * Inserts one batch and answers its requests. On the log's own context: a statement issued from a
   * request's event loop answers on that loop's context, and one whose HTTP verticle a stop
   * undeployed meanwhile would leave the write, and the stop waiting for it, unfinished.
   */
  private void write(List<Pending> batch, int batchSize) {
    Future<List<Appended>> inserted;
    try {
      inserted = insert(batch);
    } catch (RuntimeException e) {
      inserted = Future.failedFuture(e);
    }
    inserted.onComplete(
        result -> {
          pendingEvents.addAndGet(-batchSize);
          if (result.succeeded()) {
            written.add(result.result().stream().mapToInt(a -> a.added().size()).sum());
            commits.increment();
          }
          for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            if (result.succeeded()) p.done().tryComplete(result.result().get(i));
            else p.done().tryFail(result.cause());
          }
          writing.set(false);
          if (queue.isEmpty()) signalDrainedIfClosing();
          writeIfIdle();
        });
  }

  /**
   * Rows a unique index may already hold (see V6): a purchase with a transaction id, or the refund
   * of a whole order. Only they are inserted with {@code ON CONFLICT DO NOTHING}, whose speculative
   * insertion, done for every row, cost a third of the statement's rate.
   */
  private static final String ONCE =
      "(x.tx IS NOT NULL AND (x.n = 'purchase' OR (x.n = 'refund' AND x.i = '[]')))";

  private static final String COLUMNS =
      "id, occurred_at, name, visitor_id, customer_id, items, query, list_id, attribution_token, "
          + "region, transaction_id, value, currency, node";
  private static final String VALUES =
      "id, o, n, v, c, i::jsonb, q, l, t, r, tx, val::numeric, cur, $13";

  /**
   * One statement, so one round trip and one implicit transaction: the events, the identities they
   * reveal and the other nodes' wake-up commit together. Ids are drawn first, in the order given,
   * so that the two inserts keep the events in that order; the answer gives, by position, each
   * event's id and whether it was new. Completes with one {@link Appended} per pending request.
   */
  private Future<List<Appended>> insert(List<Pending> batch) {
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
    String[] transactions = new String[n];
    Double[] values = new Double[n];
    String[] currencies = new String[n];
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
        if (e.transaction() != null) {
          transactions[i] = e.transaction().id();
          values[i] = e.transaction().value();
          currencies[i] = e.transaction().currency();
        }
        i++;
      }
    }
    return pool.preparedQuery(
            "WITH x AS MATERIALIZED (SELECT nextval('events_id_seq') AS id, x.*, "
                + ONCE
                + " AS once FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], "
                + "$6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::float8[], $12::text[]) "
                + "WITH ORDINALITY AS x(o, n, v, c, i, q, l, t, r, tx, val, cur, ord)), "
                + "ev AS (INSERT INTO events ("
                + COLUMNS
                + ") SELECT "
                + VALUES
                + " FROM x WHERE NOT once), "
                + "eo AS (INSERT INTO events ("
                + COLUMNS
                + ") SELECT "
                + VALUES
                + " FROM x WHERE once ON CONFLICT DO NOTHING RETURNING id), "
                + "who AS (INSERT INTO identities (visitor_id, customer_id) SELECT DISTINCT ON (v) v, c FROM x "
                + "WHERE v IS NOT NULL AND c IS NOT NULL ON CONFLICT (visitor_id) DO NOTHING) "
                + "SELECT ord, id, NOT once OR id IN (SELECT id FROM eo) AS added "
                + "FROM x, (SELECT pg_notify('"
                + CHANNEL
                + "', $13)) AS wake")
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
                .addValue(regions)
                .addValue(transactions)
                .addValue(values)
                .addValue(currencies)
                .addValue(node))
        .map(rows -> split(batch, rows));
  }

  /** Hands each request its share of the answer: which of its events were new. */
  private static List<Appended> split(List<Pending> batch, RowSet<Row> rows) {
    // One row per event, by position (1-based, across the batch).
    Row[] byPosition = new Row[rows.size() + 1];
    for (Row row : rows) byPosition[row.getLong("ord").intValue()] = row;
    List<Appended> out = new ArrayList<>(batch.size());
    int position = 0;
    for (Pending p : batch) {
      List<Event> added = new ArrayList<>(p.events().size());
      List<Long> ids = new ArrayList<>(p.events().size());
      List<Event> duplicates = new ArrayList<>();
      for (Event e : p.events()) {
        Row row = byPosition[++position];
        if (!row.getBoolean("added")) {
          duplicates.add(e);
          continue;
        }
        added.add(e);
        ids.add(row.getLong("id"));
      }
      out.add(new Appended(added, ids, duplicates));
    }
    return out;
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
