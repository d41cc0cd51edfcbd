package io.vitrina.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-model load generator lighter than Gatling: requests at a fixed arrival rate, whatever the
 * service's answers take, from one Vert.x event loop (so it can be given a core of its own and
 * leave the other to the service). The mix is {@code RecommendationsSimulation}'s: {@code personal}
 * 70% (a tenth of them for visitors never seen), {@code popular}, {@code similar} and {@code
 * also_viewed} 10% each, items and known visitors drawn uniformly from the demo store.
 *
 * <p>Each request's latency runs from when the schedule said to send it, not from when a connection
 * was free: a service that stalls makes the requests behind it late, and that lateness counts (no
 * coordinated omission, as in wrk2). Gatling's JVM took about a core of the two here; this takes a
 * fifth of one at 3,000 requests a second.
 *
 * <p>Usage: {@code OpenModel <port> <requests/s> <seconds> [warm-up seconds] [visitors] [items]
 * [site key]}; prints the percentiles of the measured seconds (after the warm-up) and the errors.
 */
public final class OpenModel {
  /** More connections than a stall at the highest rate needs: the schedule never waits for one. */
  static final int CONNECTIONS = 512;

  static final int TIMEOUT_SECONDS = 10;

  private final HttpClient client;
  private final int port;
  private final double rate;
  private final long warmUpNanos;
  private final long endNanos;
  private final int visitors;
  private final int items;
  private final String siteKey;
  private final SplittableRandom random = new SplittableRandom(42);
  private final long[] latencies;
  private final AtomicLong recorded = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final CountDownLatch done = new CountDownLatch(1);
  private long start;
  private long lastAnswer;
  private long sent;
  private long pending;

  private OpenModel(Vertx vertx, String[] args) {
    port = Integer.parseInt(args[0]);
    rate = Double.parseDouble(args[1]);
    long seconds = Long.parseLong(args[2]);
    long warmUp = args.length > 3 ? Long.parseLong(args[3]) : 10;
    visitors = args.length > 4 ? Integer.parseInt(args[4]) : 3000;
    items = args.length > 5 ? Integer.parseInt(args[5]) : 3000;
    siteKey = args.length > 6 ? args[6] : "demo-site-key";
    warmUpNanos = TimeUnit.SECONDS.toNanos(warmUp);
    endNanos = TimeUnit.SECONDS.toNanos(warmUp + seconds);
    latencies = new long[(int) Math.ceil(rate * seconds * 1.05) + 1024];
    client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(CONNECTIONS).setMaxWaitQueueSize(-1));
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 3) {
      System.err.println(
          "usage: OpenModel <port> <requests/s> <seconds> [warm-up s] [visitors] [items] [site key]");
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    OpenModel run = new OpenModel(vertx, args);
    vertx.runOnContext(nothing -> run.begin(vertx));
    run.done.await();
    run.report();
    vertx.close();
  }

  private void begin(Vertx vertx) {
    start = System.nanoTime();
    vertx.setPeriodic(1, timer -> tick(vertx, timer));
  }

  /** Sends every request the schedule has reached, each stamped with its planned instant. */
  private void tick(Vertx vertx, long timer) {
    long now = System.nanoTime() - start;
    if (now >= endNanos) {
      vertx.cancelTimer(timer);
      if (pending == 0) done.countDown();
      return;
    }
    long due = (long) (now * rate / 1e9);
    for (; sent < due; sent++) send(start + (long) (sent * 1e9 / rate));
  }

  private void send(long planned) {
    pending++;
    client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setURI(nextPath())
                .putHeader("X-Site-Key", siteKey)
                .setTimeout(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)))
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode()))
        .onComplete(
            result -> {
              pending--;
              long end = System.nanoTime();
              lastAnswer = end;
              if (result.failed() || result.result() != 200) errors.incrementAndGet();
              else if (planned - start >= warmUpNanos) {
                long at = recorded.getAndIncrement();
                if (at < latencies.length) latencies[(int) at] = (end - planned) / 1000;
              }
              if (pending == 0 && end - start >= endNanos) done.countDown();
            });
  }

  private String nextPath() {
    int pick = random.nextInt(100);
    String item = String.format(Locale.ROOT, "sku-%05d", 1 + random.nextInt(items));
    if (pick < 70) {
      String visitor =
          random.nextInt(10) == 0
              ? "open-model-" + random.nextLong(Long.MAX_VALUE)
              : String.format(Locale.ROOT, "demo-visitor-%04d", 1 + random.nextInt(visitors));
      return "/v1/recommendations/personal?limit=10&visitor=" + visitor;
    }
    String visitor = String.format(Locale.ROOT, "demo-visitor-%04d", 1 + random.nextInt(visitors));
    if (pick < 80) return "/v1/recommendations/popular?limit=10&visitor=" + visitor;
    String algorithm = pick < 90 ? "similar" : "also_viewed";
    return "/v1/recommendations/" + algorithm + "?limit=10&visitor=" + visitor + "&item=" + item;
  }

  private void report() {
    int n = (int) Math.min(recorded.get(), latencies.length);
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    double seconds = (endNanos - warmUpNanos) / 1e9;
    // Served per second over the measured window and the wait for its last answers: below the
    // rate asked when the service could not keep up.
    double served = n / ((lastAnswer - start - warmUpNanos) / 1e9);
    System.out.printf(
        Locale.ROOT,
        "open model at %.0f req/s for %.0f s: %d answered, %.0f/s served, %d errors%n",
        rate,
        seconds,
        n,
        Math.min(served, rate),
        errors.get());
    System.out.printf(
        Locale.ROOT,
        "latency ms: p50 %s  p90 %s  p95 %s  p99 %s  p99.9 %s  max %s%n",
        ms(sorted, 0.50),
        ms(sorted, 0.90),
        ms(sorted, 0.95),
        ms(sorted, 0.99),
        ms(sorted, 0.999),
        ms(sorted, 1.0));
  }

  private static String ms(long[] sorted, double quantile) {
    if (sorted.length == 0) return "-";
    int at = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return String.format(Locale.ROOT, "%.2f", sorted[Math.max(0, at)] / 1000.0);
  }
}
