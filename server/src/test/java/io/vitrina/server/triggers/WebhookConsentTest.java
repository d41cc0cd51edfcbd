package io.vitrina.server.triggers;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.db.Database;
import io.vitrina.server.db.Migrations;
import io.vitrina.server.metrics.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The marketing-consent hook: the webhook sends nothing for a shopper it refuses, and leaves the
 * message undeliverable rather than retrying it; a consenting shopper's message goes.
 */
class WebhookConsentTest {
  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static TriggerMessage fired(String shopper) {
    return new TriggerMessage(
        0,
        shopper,
        "abandoned_cart",
        "2026-12-01T10:00:00Z",
        TriggerMessage.Status.FIRED,
        new JsonObject(),
        new JsonArray(),
        Instant.parse("2026-12-01T11:00:00Z"));
  }

  @Test
  void aShopperWithoutMarketingConsentIsSentNothing() throws Exception {
    String url = TestPostgres.newDatabase();
    Vertx vertx = Vertx.vertx();
    AtomicInteger requests = new AtomicInteger();
    try (Database db = Database.external(url)) {
      HttpServer receiver =
          await(
              vertx
                  .createHttpServer()
                  .requestHandler(
                      r -> {
                        requests.incrementAndGet();
                        r.response().setStatusCode(200).end();
                      })
                  .listen(0, "127.0.0.1"));
      Pool pool = db.pool(vertx, 2);
      await(Migrations.apply(pool));
      TriggerStore store = new TriggerStore(pool);
      assertEquals(2, await(store.record(List.of(fired("v:refused"), fired("v:agreed")))));
      WebhookSender sender =
          new WebhookSender(
              vertx,
              pool,
              "http://127.0.0.1:" + receiver.actualPort() + "/",
              "a-secret-of-sixteen-or-more",
              1,
              key -> !key.equals("v:refused"),
              new Metrics().counter("deliveries", "outcome", "test"));
      await(sender.sendDue());
      await(sender.sendDue()); // nothing is tried again
      assertEquals(1, requests.get());
      assertEquals(
          1,
          TestPostgres.queryLong(
              url,
              "SELECT count(*) FROM trigger_messages WHERE shopper = 'v:refused' "
                  + "AND delivered_at IS NULL AND next_attempt_at IS NULL "
                  + "AND last_error = 'no marketing consent'"));
      sender.close();
      await(pool.close());
    } finally {
      await(vertx.close());
    }
  }
}
