package io.vitrina.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventType;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.cluster.LogPosition;
import io.vitrina.server.cluster.Node;
import io.vitrina.server.db.Database;
import io.vitrina.server.db.Migrations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventHistoryTest {
  private Vertx vertx;
  private Database database;
  private Pool pool;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    database = Database.external(TestPostgres.newDatabase());
    pool = database.pool(vertx, 2);
    await(Migrations.apply(pool));
  }

  @AfterEach
  void tearDown() throws Exception {
    await(pool.close());
    await(vertx.close());
    database.close();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
  }

  @Test
  void identitiesAsOfACutLeaveOutTheStitchesAfterIt() throws Exception {
    EventLog log = new EventLog(vertx, pool, Node.started(), 10, 100);
    Instant now = Instant.now();
    await(log.append(List.of(identify("v1", "c1", now))));
    LogPosition cut = await(LogPosition.horizon(pool));
    await(log.append(List.of(identify("v2", "c2", now))));

    EventHistory history = new EventHistory(pool);
    assertEquals(Map.of("v1", "c1"), await(history.identities(cut)));
    assertEquals(
        Map.of("v1", "c1", "v2", "c2"),
        await(history.identities(await(LogPosition.horizon(pool)))));
  }

  private static Event identify(String visitor, String customer, Instant at) {
    return new Event(EventType.IDENTIFY, visitor, customer, List.of(), null, null, null, at);
  }

  @Test
  void thousandsOfPagesAreReadInOrderWithoutOverflowingTheStack() throws Exception {
    // A chain of composed futures, one per page, overflowed the stack here (12,000 pages).
    int events = 12_000;
    await(
        pool.query(
                "INSERT INTO events (occurred_at, name, visitor_id, items) SELECT now(), 'view_item', 'v' || g, "
                    + "'[{\"id\": \"i1\"}]'::jsonb FROM generate_series(1, "
                    + events
                    + ") g")
            .execute());
    await(
        pool.query(
                "INSERT INTO events (occurred_at, name, visitor_id) VALUES (now(), 'a_future_event_name', 'v0')")
            .execute());
    List<String> visitors = new ArrayList<>();
    long handedOn =
        await(
            new EventHistory(pool, 1)
                .forEachPage(
                    Instant.EPOCH,
                    await(LogPosition.horizon(pool)),
                    page -> {
                      for (Event event : page) visitors.add(event.visitorId());
                      return vertx.executeBlocking(
                          () -> null); // as the callers do: each page goes to a worker
                    }));
    assertEquals(events, handedOn, "the unknown event name is skipped");
    assertEquals(events, visitors.size());
    assertEquals("v1", visitors.get(0));
    assertEquals("v" + events, visitors.get(events - 1));
  }
}
