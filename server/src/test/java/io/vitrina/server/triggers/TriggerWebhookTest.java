package io.vitrina.server.triggers;

import static io.vitrina.server.TestServer.item;
import static io.vitrina.server.triggers.TriggersApiTest.eventAt;
import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook against a real HTTP receiver (a Vert.x server in the test) that fails first and
 * accepts later: the message arrives accepted once, signed, with one idempotency key on every
 * attempt; also when the service restarts between the failure and the success.
 */
class TriggerWebhookTest {
  private static final String SECRET = "webhook-secret-of-the-store";

  /** One request the receiver got. */
  record Received(String body, String signature, String key, int answered) {}

  private Vertx vertx;
  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicBoolean accepting = new AtomicBoolean(false);

  @BeforeEach
  void startReceiver() throws Exception {
    vertx = Vertx.vertx();
    receiver =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              int status = accepting.get() ? 200 : 500;
                              received.add(
                                  new Received(
                                      body.toString(),
                                      request.getHeader(WebhookSender.SIGNATURE),
                                      request.getHeader(WebhookSender.IDEMPOTENCY_KEY),
                                      status));
                              request.response().setStatusCode(status).end();
                            }))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopReceiver() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private TestServer startService(String pgUrl) {
    return TestServer.startOn(
        pgUrl,
        "--triggers-scan-interval",
        "PT0.5S",
        "--triggers-webhook-url",
        "http://127.0.0.1:" + receiver.actualPort() + "/hooks/vitrina",
        "--triggers-webhook-secret",
        SECRET,
        "--triggers-webhook-backoff",
        "PT0.3S");
  }

  private static void leaveACart(TestServer server, String visitor) {
    server.upsertItems(new JsonArray().add(item("bag-1", "Bags", 50, 3)));
    Instant ago = Instant.now().minus(Duration.ofHours(2));
    assertEquals(
        202,
        server
            .postEvents(new JsonArray().add(eventAt("add_to_cart", visitor, ago, "bag-1")).encode())
            .status());
  }

  private void await(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    for (int attempt = 0; attempt < 200; attempt++) {
      if (condition.getAsBoolean()) return;
      Thread.sleep(100);
    }
    fail(what + "; received " + received);
  }

  private long accepted() {
    return received.stream().filter(r -> r.answered() == 200).count();
  }

  private static void assertSigned(Received r) {
    String expected =
        "sha256="
            + WebhookSender.sign(
                SECRET.getBytes(StandardCharsets.UTF_8), r.body().getBytes(StandardCharsets.UTF_8));
    assertEquals(expected, r.signature(), "the signature is the HMAC-SHA256 of the body");
  }

  private void assertOneMessageDeliveredOnce(String visitor) throws InterruptedException {
    Thread.sleep(1_500); // more scans and sender runs
    assertEquals(1, accepted(), "accepted once: " + received);
    List<String> keys = received.stream().map(Received::key).distinct().toList();
    assertEquals(1, keys.size(), "one idempotency key on every attempt: " + received);
    received.forEach(TriggerWebhookTest::assertSigned);
    JsonObject message = new JsonObject(received.getLast().body());
    assertEquals("abandoned_cart", message.getString("kind"));
    assertEquals(visitor, message.getJsonObject("shopper").getString("visitor_id"));
    assertEquals("bag-1", message.getJsonArray("items").getJsonObject(0).getString("id"));
  }

  @Test
  void aFailedDeliveryIsRetriedUntilTheReceiverAcceptsItOnce() throws Exception {
    try (TestServer server = startService(TestPostgres.newDatabase())) {
      leaveACart(server, "wendy");
      await("two failed attempts", () -> received.size() >= 2);
      accepting.set(true);
      await("an accepted delivery", () -> accepted() == 1);
      assertOneMessageDeliveredOnce("wendy");
      String metrics = server.get("/metrics").body();
      assertTrue(
          metrics.contains("vitrina_trigger_webhook_deliveries_total{outcome=\"delivered\"} 1"),
          metrics);
      assertTrue(metrics.contains("vitrina_trigger_webhook_deliveries_total{outcome=\"failed\"}"));
      assertTrue(
          metrics.contains(
              "vitrina_trigger_messages_total{kind=\"abandoned_cart\",status=\"fired\"} 1"),
          metrics);
      assertEquals(
          1,
          server.sqlLong(
              "SELECT count(*) FROM trigger_messages WHERE delivered_at IS NOT NULL AND attempts >= 3"));
    }
  }

  @Test
  void aDeliveryFailedBeforeARestartIsSentAfterItAndOnlyOnce() throws Exception {
    String pgUrl = TestPostgres.newDatabase();
    try (TestServer first = startService(pgUrl)) {
      leaveACart(first, "ron");
      await("a failed attempt", () -> !received.isEmpty());
    }
    int failedBefore = received.size();
    accepting.set(true);
    try (TestServer second = startService(pgUrl)) {
      await("an accepted delivery after the restart", () -> accepted() == 1);
      assertTrue(received.size() > failedBefore);
      assertOneMessageDeliveredOnce("ron");
      assertEquals(1, second.sqlLong("SELECT count(*) FROM trigger_messages"));
    }
  }
}
