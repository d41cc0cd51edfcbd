package io.vitrina.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Transaction;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.cluster.Node;
import io.vitrina.server.db.Database;
import io.vitrina.server.db.Migrations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventLogTest {
  private Vertx vertx;
  private Database database;
  private Pool pool;
  private EventLog log;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    database = Database.external(TestPostgres.newDatabase());
    pool = database.pool(vertx, 2);
    await(Migrations.apply(pool));
    log = new EventLog(vertx, pool, Node.started(), 100, 1_000);
  }

  @AfterEach
  void tearDown() throws Exception {
    await(pool.close());
    await(vertx.close());
    database.close();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
  }

  private static Event purchase(String visitor, String transactionId) {
    return new Event(
        EventType.PURCHASE,
        visitor,
        null,
        List.of(EventItem.of("i1")),
        null,
        null,
        null,
        Instant.now(),
        null,
        new Transaction(transactionId, 10.0, "EUR"));
  }

  private static Event view(String visitor) {
    return new Event(
        EventType.VIEW_ITEM,
        visitor,
        null,
        List.of(EventItem.of("i1")),
        null,
        null,
        null,
        Instant.now());
  }

  @Test
  void aPurchaseIsStoredOncePerTransactionWhereverItsCopiesCome() throws Exception {
    Event order = purchase("v1", "T-1");
    EventLog.Appended first = await(log.append(List.of(view("v1"), order, order, view("v1"))));
    assertEquals(
        List.of(view("v1").type(), order.type(), view("v1").type()),
        first.added().stream().map(Event::type).toList(),
        "the order kept, one copy out");
    assertEquals(List.of(order), first.duplicates());

    EventLog.Appended again = await(log.append(List.of(purchase("v2", "T-1"))));
    assertEquals(List.of(), again.added(), "another shopper's copy: the order id decides");
    assertEquals(1, again.duplicates().size());

    // Many requests at once share group commits: each order is stored by exactly one of them.
    List<Future<EventLog.Appended>> concurrent = new ArrayList<>();
    for (int i = 0; i < 50; i++)
      concurrent.add(log.append(List.of(purchase("v" + i, "T-" + (i % 5 + 2)))));
    await(Future.all(concurrent));
    int added = 0;
    int duplicates = 0;
    for (Future<EventLog.Appended> f : concurrent) {
      added += f.result().added().size();
      duplicates += f.result().duplicates().size();
    }
    assertEquals(5, added);
    assertEquals(45, duplicates);
    assertEquals(6, count("SELECT count(*) FROM events WHERE name = 'purchase'"));
    assertEquals(2, count("SELECT count(*) FROM events WHERE name = 'view_item'"));
    assertEquals(8, log.written(), "duplicates are not written");
  }

  @Test
  void purchasesWithoutATransactionIdAreAllKept() throws Exception {
    Event anonymous =
        new Event(
            EventType.PURCHASE,
            "v1",
            null,
            List.of(EventItem.of("i1")),
            null,
            null,
            null,
            Instant.now());
    EventLog.Appended appended = await(log.append(List.of(anonymous, anonymous)));
    assertEquals(2, appended.added().size());
    assertEquals(0, appended.duplicates().size());
  }

  private long count(String sql) throws Exception {
    return await(pool.query(sql).execute()).iterator().next().getLong(0);
  }
}
