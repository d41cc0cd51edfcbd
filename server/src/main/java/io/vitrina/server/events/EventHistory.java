package io.vitrina.server.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Transaction;
import io.vitrina.server.cluster.LogPosition;
import io.vitrina.server.db.KeysetPager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads stored events back, for rebuilding profiles at start and for model builds. */
public final class EventHistory {
  private static final int PAGE = 10_000;

  /** What {@link #toEvent} reads, of the events table as {@code e}. */
  static final String COLUMNS_OF_E =
      "e.occurred_at, e.name, e.visitor_id, e.customer_id, e.items, e.query, e.list_id, "
          + "e.attribution_token, e.region, e.transaction_id, e.value, e.currency";

  private final Pool pool;
  private final int pageSize;

  public EventHistory(Pool pool) {
    this(pool, PAGE);
  }

  EventHistory(Pool pool, int pageSize) {
    this.pool = pool;
    this.pageSize = pageSize;
  }

  /**
   * Streams the events that occurred since {@code since} and were stored before {@code below}, in
   * the log's order (the order every node applies them in), a page at a time; the next page is read
   * once {@code page} has completed for this one (so it may hand the work to a worker thread).
   * Completes with the number read.
   */
  public Future<Long> forEachPage(
      Instant since, LogPosition below, Function<List<Event>, Future<?>> page) {
    OffsetDateTime from = since.atOffset(ZoneOffset.UTC);
    return KeysetPager.forEachPage(
        new LogPosition(0, 0),
        after ->
            pool.preparedQuery(
                    "SELECT e.xid, e.id, "
                        + COLUMNS_OF_E
                        + " FROM events e WHERE (e.xid, e.id) > ($1, $2) AND e.xid < $3"
                        // A shopper's consent counts however old: a refusal is never forgotten.
                        + " AND (e.occurred_at >= $4 OR e.name = 'consent')"
                        + " ORDER BY e.xid, e.id LIMIT "
                        + pageSize)
                .execute(Tuple.of(after.xid(), after.id(), below.xid(), from)),
        LogPosition::of,
        EventHistory::toEvent,
        page);
  }

  /** An event and its place in the log. */
  public record Logged(LogPosition position, Event event) {}

  /**
   * Up to {@code limit} events of the given names after {@code after} and up to {@code upTo} (a
   * horizon read earlier, or a place a reader reached), in the log's order: a tail read by a
   * consumer that keeps its own position. Events whose name this version does not know are left
   * out.
   */
  public Future<List<Logged>> between(
      LogPosition after, LogPosition upTo, List<EventType> names, int limit) {
    return pool.preparedQuery(
            "SELECT e.xid, e.id, "
                + COLUMNS_OF_E
                + " FROM events e WHERE (e.xid, e.id) > ($1, $2) AND (e.xid, e.id) <= ($3, $4)"
                + " AND e.name = ANY($5) ORDER BY e.xid, e.id LIMIT $6")
        .execute(
            Tuple.tuple()
                .addLong(after.xid())
                .addLong(after.id())
                .addLong(upTo.xid())
                .addLong(upTo.id())
                .addArrayOfString(names.stream().map(EventType::wireName).toArray(String[]::new))
                .addInteger(limit))
        .map(
            rows -> {
              List<Logged> out = new ArrayList<>(rows.size());
              for (Row row : rows) {
                Event event = toEvent(row);
                if (event != null) out.add(new Logged(LogPosition.of(row), event));
              }
              return out;
            });
  }

  /** A stored event and its id. */
  public record Stored(long id, Event event) {}

  /**
   * Up to {@code limit} events of a shopper (named by their customer id, any of their visitor ids,
   * or both) with an id above {@code after}, oldest first: a privacy export's page.
   */
  public Future<List<Stored>> ofShopper(
      String customerId, String[] visitorIds, long after, int limit) {
    return pool.preparedQuery(
            "SELECT e.id, "
                + COLUMNS_OF_E
                + " FROM events e WHERE (e.customer_id = $1 OR e.visitor_id = ANY($2))"
                + " AND e.id > $3 ORDER BY e.id LIMIT $4")
        .execute(
            Tuple.tuple()
                .addString(customerId)
                .addArrayOfString(visitorIds)
                .addLong(after)
                .addInteger(limit))
        .map(
            rows -> {
              List<Stored> out = new ArrayList<>(rows.size());
              for (Row row : rows) {
                Event event = toEvent(row);
                if (event != null) out.add(new Stored(row.getLong("id"), event));
              }
              return out;
            });
  }

  /** The log's horizon now: the events below it are all there is to read there. */
  public Future<LogPosition> horizon() {
    return LogPosition.horizon(pool);
  }

  /** The events of {@code ids}, by id; those with a name this version does not know left out. */
  Future<Map<Long, Event>> byId(List<Long> ids) {
    return pool.preparedQuery(
            "SELECT e.id, " + COLUMNS_OF_E + " FROM events e WHERE e.id = ANY($1)")
        .execute(Tuple.of(ids.toArray(Long[]::new)))
        .map(
            rows -> {
              Map<Long, Event> out = new HashMap<>(rows.size() * 2);
              for (Row row : rows) {
                Event event = toEvent(row);
                if (event != null) out.put(row.getLong("id"), event);
              }
              return out;
            });
  }

  /**
   * Visitor id to customer id, as stitched by the events before {@code below}: what a build of the
   * log's cut there reads, whenever it runs.
   */
  public Future<Map<String, String>> identities(LogPosition below) {
    return pool.preparedQuery("SELECT visitor_id, customer_id FROM identities WHERE xid < $1")
        .execute(Tuple.of(below.xid()))
        .map(
            rows -> {
              Map<String, String> out = new HashMap<>(rows.size() * 2);
              for (Row row : rows) out.put(row.getString(0), row.getString(1));
              return out;
            });
  }

  /** A stored event, from a row with {@link #COLUMNS_OF_E}; null for a name it does not know. */
  static Event toEvent(Row row) {
    EventType type = EventType.fromWireName(row.getString("name")).orElse(null);
    if (type == null) return null; // a name a newer version wrote; skip rather than fail the replay
    List<EventItem> items = new ArrayList<>();
    Object raw = row.getValue("items");
    if (raw instanceof JsonArray array) {
      for (Object o : array) {
        JsonObject line = (JsonObject) o;
        items.add(
            new EventItem(line.getString("id"), line.getInteger("q", 1), line.getDouble("p", 0.0)));
      }
    }
    return new Event(
        type,
        row.getString("visitor_id"),
        row.getString("customer_id"),
        items,
        row.getString("query"),
        row.getString("list_id"),
        row.getString("attribution_token"),
        row.getOffsetDateTime("occurred_at").toInstant(),
        row.getString("region"),
        transaction(row));
  }

  private static Transaction transaction(Row row) {
    Object value = row.getValue("value");
    return Transaction.of(
        row.getString("transaction_id"),
        value instanceof Number n ? n.doubleValue() : null,
        row.getString("currency"));
  }
}
