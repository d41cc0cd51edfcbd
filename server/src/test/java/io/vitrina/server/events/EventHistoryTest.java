package io.vitrina.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vitrina.engine.signal.Event;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.cluster.LogPosition;
import io.vitrina.server.db.Database;
import io.vitrina.server.db.Migrations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
