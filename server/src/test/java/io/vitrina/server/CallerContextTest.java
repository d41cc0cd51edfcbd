package io.vitrina.server;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventItem;
import io.vitrina.engine.signal.EventType;
import io.vitrina.server.catalog.ItemJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Catalog writes and event commits are shared between requests (one write queue, one group commit),
 * yet each request's callbacks must run on the event loop that serves it: its handler state is not
 * thread-safe. Here a second request queues behind a first one from another event loop, and checks
 * where its callback runs.
 */
class CallerContextTest {
  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static List<Item> items(String prefix, int count) {
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < count; i++)
      out.add(ItemJson.parse(TestServer.item(prefix + i, "Home", 5, 3), Instant.now()));
    return out;
  }

  /**
   * Starts {@code first} on one event loop, then {@code second} on another: did second succeed,
   * called back on its own loop?
   */
  private static boolean secondCallbackRunsOnItsOwnLoop(
      Supplier<Future<?>> first, Supplier<Future<?>> second) throws Exception {
    Vertx vertx = server.app.vertx();
    Context one = vertx.getOrCreateContext();
    Context two = vertx.getOrCreateContext();
    assertNotSame(one, two);
    CompletableFuture<Boolean> ownLoop = new CompletableFuture<>();
    one.runOnContext(
        x -> {
          first.get();
          two.runOnContext(
              y ->
                  second
                      .get()
                      .onComplete(
                          result ->
                              ownLoop.complete(
                                  result.succeeded() && Vertx.currentContext() == two)));
        });
    return ownLoop.get(1, TimeUnit.MINUTES);
  }

  @Test
  void catalogWriteQueuedBehindAnotherRequestsCompletesOnItsOwnEventLoop() throws Exception {
    List<Item> big = items("ctx-big-", 2_000);
    List<Item> small = items("ctx-small-", 1);
    assertTrue(
        secondCallbackRunsOnItsOwnLoop(
            () -> server.app.catalog().upsert(big), () -> server.app.catalog().upsert(small)));
  }

  @Test
  void eventCommitSharedWithAnotherRequestCompletesOnItsOwnEventLoop() throws Exception {
    Supplier<List<Event>> events =
        () -> {
          List<Event> out = new ArrayList<>();
          for (int i = 0; i < 500; i++) {
            out.add(
                new Event(
                    EventType.VIEW_ITEM,
                    "ctx-visitor-" + i,
                    null,
                    List.of(EventItem.of("ctx-big-1")),
                    null,
                    null,
                    null,
                    Instant.now()));
          }
          return out;
        };
    assertTrue(
        secondCallbackRunsOnItsOwnLoop(
            () -> server.app.events().append(events.get()),
            () -> server.app.events().append(events.get())));
  }
}
