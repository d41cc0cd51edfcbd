package io.vitrina.server.triggers;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vitrina.server.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pushes fired messages to the store's webhook: each POSTed as JSON, signed (HMAC-SHA256 of the
 * body in {@value #SIGNATURE}, {@code sha256=<hex>}), with the same {@value #IDEMPOTENCY_KEY} on
 * every attempt. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} inside a transaction that
 * lasts the sending, so two nodes never send one row at once; a row is marked delivered only on a
 * 2xx, else it is tried again after a back-off that doubles (at most an hour). A node that stops
 * mid-send leaves the row undelivered: it is sent again after the restart (the receiver tells the
 * repeat by its idempotency key).
 */
final class WebhookSender {
  static final String SIGNATURE = "Vitrina-Signature";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** Messages claimed in one run. */
  static final int BATCH = 20;

  private final Pool pool;
  private final WebClient client;
  private final String url;
  private final byte[] secret;
  private final double backoffSeconds;
  private final Predicate<String> marketingAllowed;
  private final Metrics.Counter deliveries;

  WebhookSender(
      Vertx vertx,
      Pool pool,
      String url,
      String secret,
      double backoffSeconds,
      Predicate<String> marketingAllowed,
      Metrics.Counter deliveries) {
    this.pool = pool;
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000));
    this.url = url;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.backoffSeconds = backoffSeconds;
    this.marketingAllowed = marketingAllowed;
    this.deliveries = deliveries;
  }

  /**
   * Batches claimed in one run at most: a backlog (thousands fired by one scan, or waiting out a
   * receiver's outage) drains at about a thousand messages a second instead of one batch a run.
   */
  static final int MAX_BATCHES_PER_RUN = 50;

  /**
   * One run: claims due messages and sends them one after another, batch after batch (each its own
   * transaction) while whole batches are accepted; a failure waits for the next run.
   */
  Future<Integer> sendDue() {
    return sendBatches(0, 0);
  }

  private Future<Integer> sendBatches(int batches, int delivered) {
    return pool.withTransaction(
            conn -> TriggerStore.claimDue(conn, BATCH).compose(due -> sendAll(conn, due, 0, 0)))
        .compose(
            batch -> {
              int total = delivered + batch;
              return batch == BATCH && batches + 1 < MAX_BATCHES_PER_RUN
                  ? sendBatches(batches + 1, total)
                  : Future.succeededFuture(total);
            });
  }

  /** Sends {@code due} from {@code from} on; completes with how many the receiver accepted. */
  private Future<Integer> sendAll(
      SqlConnection conn, List<TriggerMessage> due, int from, int accepted) {
    if (from == due.size()) return Future.succeededFuture(accepted);
    return send(conn, due.get(from))
        .compose(ok -> sendAll(conn, due, from + 1, ok ? accepted + 1 : accepted));
  }

  /** Completes with whether the receiver accepted the message. */
  private Future<Boolean> send(SqlConnection conn, TriggerMessage message) {
    if (!marketingAllowed.test(message.shopper())) {
      deliveries.add("no_consent", 1);
      return TriggerStore.failed(conn, message.id(), "no marketing consent", -1).map(false);
    }
    Buffer body = Buffer.buffer(message.toJson(true).encode());
    return client
        .postAbs(url)
        .timeout(10_000)
        .putHeader("Content-Type", "application/json")
        .putHeader(SIGNATURE, "sha256=" + sign(secret, body.getBytes()))
        .putHeader(IDEMPOTENCY_KEY, idempotencyKey(message))
        .sendBuffer(body)
        .transform(
            answer -> {
              if (answer.succeeded() && answer.result().statusCode() / 100 == 2) {
                deliveries.add("delivered", 1);
                return TriggerStore.delivered(conn, message.id()).map(true);
              }
              deliveries.add("failed", 1);
              String error =
                  answer.succeeded()
                      ? "HTTP " + answer.result().statusCode()
                      : String.valueOf(answer.cause().getMessage());
              return TriggerStore.failed(conn, message.id(), error, backoffSeconds).map(false);
            });
  }

  /** The same for every attempt at one message, and unique among a deployment's messages. */
  static String idempotencyKey(TriggerMessage message) {
    return "vitrina-trigger-" + TriggerStore.STORE + "-" + message.id();
  }

  /** HMAC-SHA256 of {@code body} under {@code secret}, in lower-case hex. */
  static String sign(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  void close() {
    client.close();
  }
}
