package io.vitrina.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long an experiment's report takes to read with a million events behind it, for
 * loadtest/report.sh, against a running service:
 *
 * <ol>
 *   <li>saves a block ({@code report-bench}) and starts an experiment on it, a holdout against the
 *       block as saved;
 *   <li>exposure: every shopper asks for the block once ({@code --shoppers}, concurrently), as a
 *       storefront's page would; the service logs the exposure and answers the arm and a token;
 *   <li>intake: the shoppers' events through {@code POST /v1/events} in batches, {@code --events}
 *       in all: lists viewed (with the block's token in the block's arm), clicks, carts, and a
 *       purchase for some, of skewed value (a log-normal order and a few orders thirty times
 *       larger, so that capping matters); the block's arm buys a little more often;
 *   <li>counting: asks the report every half second until each arm's shoppers and orders are what
 *       was sent and its figures stop changing, which says how far the counting job lagged;
 *   <li>reading: times the report, {@code ?method=fixed} and {@code ?cap=0.99}, sequentially (after
 *       warm-ups) and with concurrent clients for the rate.
 * </ol>
 *
 * Prints the progress to stderr, a markdown table and the report's headline numbers to stdout.
 * Arguments: {@code --base URL --site-key K --admin-key K [--shoppers N] [--events N]
 * [--connections C] [--batch B] [--requests N] [--warmups N] [--budget S] [--seconds S] [--readers
 * R] [--algorithm A]}.
 */
public final class ReportBench {
  static final String BLOCK = "report-bench";
  static final String GLOBAL_HOLDOUT = "global-holdout";

  /** How often a shopper buys: the block's arm somewhat more often than the holdout. */
  static final double BUYS_WITH_BLOCK = 0.11;

  static final double BUYS_WITHOUT = 0.09;

  /** Orders: log-normal around this median, and a few whales. */
  static final double MEDIAN_ORDER = 2500;

  static final double ORDER_SIGMA = 0.9;
  static final double WHALES = 0.005;
  static final double WHALE_FACTOR = 30;

  private final Map<String, String> options;
  private final String base;
  private final String siteKey;
  private final String adminKey;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String experiment = "report-bench-" + Long.toString(System.currentTimeMillis(), 36);

  private ReportBench(Map<String, String> options) {
    this.options = options;
    this.base = required("base");
    this.siteKey = required("site-key");
    this.adminKey = required("admin-key");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) usage("not an option: " + args[i]);
      options.put(args[i].substring(2), args[i + 1]);
    }
    if (args.length % 2 != 0) usage("an option without a value: " + args[args.length - 1]);
    new ReportBench(options).run();
  }

  private static void usage(String problem) {
    System.err.println("ReportBench: " + problem);
    System.err.println(
        "usage: ReportBench --base URL --site-key K --admin-key K [--shoppers N] [--events N]"
            + " [--connections C] [--batch B] [--requests N] [--warmups N] [--budget S] [--seconds S]"
            + " [--readers R] [--algorithm A]");
    System.exit(2);
  }

  private String required(String name) {
    String value = options.get(name);
    if (value == null) usage("--" + name + " is required");
    return value;
  }

  private int number(String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }

  /** One shopper as the block answered them, and what the intake sends for them. */
  record Shopper(String visitor, String arm, String token, JsonArray shown, int events) {}

  /** What the intake sent to one arm of the experiment: the report must end up with these. */
  static final class Sent {
    final LongAdder shoppers = new LongAdder();
    final LongAdder orders = new LongAdder();
    final java.util.concurrent.atomic.DoubleAdder revenue =
        new java.util.concurrent.atomic.DoubleAdder();
  }

  private void run() throws Exception {
    int shoppers = number("shoppers", 100_000);
    long events = Long.parseLong(options.getOrDefault("events", "1000000"));
    int connections = number("connections", 64);
    int batch = number("batch", 500);
    if (events < 2L * shoppers) usage("--events must be at least twice --shoppers");

    setUp(options.getOrDefault("algorithm", "personal"));
    JsonArray elsewhere =
        new JsonObject(get("/v1/recommendations/popular?limit=50", siteKey, "X-Site-Key").body())
            .getJsonArray("items");
    int[] perShopper = eventsPerShopper(shoppers, events, new SplittableRandom(23));

    log("Exposure: %,d shoppers ask for the block (%d at a time)…", shoppers, connections);
    Map<String, Sent> sent = new ConcurrentHashMap<>();
    Progress progress = new Progress();
    long exposureStarted = System.nanoTime();
    progress.started = exposureStarted;
    Thread watcher = Thread.ofVirtual().start(() -> watch(progress, sent));
    Shopper[] all = expose(perShopper, connections);
    double exposureSeconds = seconds(System.nanoTime() - exposureStarted);
    long elsewhereShoppers = 0;
    for (Shopper s : all) {
      if (s.arm() == null) elsewhereShoppers++;
      else sent.computeIfAbsent(s.arm(), a -> new Sent()).shoppers.increment();
    }
    progress.exposureDone = true;
    long inExperiment = shoppers - elsewhereShoppers;
    log(
        "  %.1f s, %,.0f block requests/s; %,d shoppers in the experiment, %,d in the global holdout",
        exposureSeconds, shoppers / exposureSeconds, inExperiment, elsewhereShoppers);

    log("Intake: %,d events in batches of %d (%d at a time)…", events, batch, connections);
    long intakeStarted = System.nanoTime();
    long posted = intake(all, elsewhere, sent, connections, batch, progress);
    long intakeEnded = System.nanoTime();
    double intakeSeconds = seconds(intakeEnded - intakeStarted);
    log(
        "  %,d events accepted in %.1f s: %,.0f events/s (%,d batches answered 503 and were sent again)",
        posted, intakeSeconds, posted / intakeSeconds, progress.retries.get());

    log("Counting: waiting until the report has every shopper and order…");
    watcher.join();
    if (progress.caughtUp == 0) throw new IllegalStateException("the counting did not catch up");
    // The counting reads the log in order: the exposures first, then the intake's events.
    double exposuresCountedSeconds = seconds(progress.shoppersCounted - exposureStarted);
    double eventsCountedSeconds =
        seconds(progress.caughtUp - Math.max(intakeStarted, progress.shoppersCounted));
    double lagSeconds = seconds(progress.caughtUp - intakeEnded);
    log(
        "  every shopper counted %.1f s after the first block request (%,.0f shoppers/s); every"
            + " event %.1f s after that, %.1f s after the intake ended (%,.0f events/s)",
        exposuresCountedSeconds,
        inExperiment / exposuresCountedSeconds,
        eventsCountedSeconds,
        lagSeconds,
        posted / eventsCountedSeconds);
    String jobMetrics = jobMetrics();

    int requests = number("requests", 200);
    int warmups = number("warmups", 20);
    int budget = number("budget", 120);
    int seconds = number("seconds", 10);
    int readers = number("readers", 4);
    Map<String, String> variants = new LinkedHashMap<>();
    variants.put("default (sequential)", "");
    variants.put("`?method=fixed`", "?method=fixed");
    variants.put("`?cap=0.99`", "?cap=0.99");
    Map<String, Timing> timings = new LinkedHashMap<>();
    for (var v : variants.entrySet()) {
      log(
          "Reading the report%s: %d sequential after %d warm-ups (%d s at most), then %d readers"
              + " for %d s…",
          v.getValue().isEmpty() ? "" : " " + v.getValue(),
          requests,
          warmups,
          budget,
          readers,
          seconds);
      Timing t = time(v.getValue(), warmups, requests, budget, readers, seconds);
      log(
          "  %d timed: p50 %.1f ms, p99 %.1f ms, max %.1f ms; %,.1f req/s",
          t.requests, t.p50, t.p99, t.max, t.rate);
      timings.put(v.getKey(), t);
    }

    JsonObject report = report("");
    JsonObject capped = report("?cap=0.99");
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%,d events posted by %,d shoppers, %d connections, batches of %d; besides, the server"
            + " logged %,d exposures (one a block request for the global holdout, one for each"
            + " shopper in this experiment).%n%n",
        posted,
        shoppers,
        connections,
        batch,
        shoppers + inExperiment);
    System.out.println("| measure | value |");
    System.out.println("| --- | ---: |");
    row("events behind the report (posted)", "%,d", posted);
    row("shoppers in the experiment (of all who asked)", "%,d (%,d)", inExperiment, shoppers);
    row("exposure: block requests/s", "%,.0f", shoppers / exposureSeconds);
    row("intake: events/s accepted", "%,.0f", posted / intakeSeconds);
    row(
        "counting the exposures: shoppers/s (from the first block request)",
        "%,.0f",
        inExperiment / exposuresCountedSeconds);
    row(
        "counting the posted events: events/s (once the exposures were counted)",
        "%,.0f",
        posted / eventsCountedSeconds);
    row("counting: caught up after the intake's end", "%.1f s", lagSeconds);
    for (var t : timings.entrySet())
      row(
          "report " + t.getKey() + ": p50 / p99 / max (" + t.getValue().requests + " in a row)",
          "%.1f / %.1f / %.1f ms",
          t.getValue().p50,
          t.getValue().p99,
          t.getValue().max);
    for (var t : timings.entrySet())
      row(
          "report " + t.getKey() + ": " + readers + " concurrent readers",
          "%,.1f req/s",
          t.getValue().rate);
    System.out.println();
    System.out.println("The report (sent to the arms: " + sentText(sent) + "):");
    System.out.println();
    headline(report, "uncapped");
    headline(capped, "cap=0.99");
    if (capped.getJsonObject("revenue_cap") != null)
      System.out.printf(
          Locale.ROOT, "%nRevenue cap: %s%n", capped.getJsonObject("revenue_cap").encode());
    System.out.println();
    System.out.println("The counting job on this node (/metrics):");
    System.out.println();
    System.out.println("```");
    System.out.print(jobMetrics);
    System.out.println("```");
  }

  private static void row(String name, String format, Object... values) {
    System.out.println("| " + name + " | " + String.format(Locale.ROOT, format, values) + " |");
  }

  // --- set-up ------------------------------------------------------------------------------

  private void setUp(String algorithm) throws IOException, InterruptedException {
    expect(
        List.of(200, 201),
        admin(
            "PUT",
            "/v1/admin/blocks/" + BLOCK,
            new JsonObject()
                .put("algorithm", algorithm)
                .put("limit", 8)
                .put("description", "ReportBench's block")));
    JsonObject created =
        new JsonObject()
            .put("id", experiment)
            .put("placement", new JsonObject().put("block", BLOCK))
            .put(
                "arms",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("key", "holdout")
                            .put("weight", 1)
                            .put("holdout", true))
                    .add(new JsonObject().put("key", "block").put("weight", 1)))
            .put("traffic", 1)
            .put("primary_metric", "revenue_per_shopper")
            .put("guardrails", new JsonArray().add("average_order_value").add("ctr"));
    expect(List.of(201), admin("POST", "/v1/admin/experiments", created));
    expect(List.of(200), admin("POST", "/v1/admin/experiments/" + experiment + "/start", null));
    log("Experiment %s started on block %s (%s)", experiment, BLOCK, algorithm);
  }

  /**
   * Each shopper's number of events, at least two, about the mean apart, summing to {@code events}
   * exactly.
   */
  static int[] eventsPerShopper(int shoppers, long events, SplittableRandom random) {
    int[] out = new int[shoppers];
    double mean = (double) events / shoppers;
    long sum = 0;
    for (int i = 0; i < shoppers; i++) {
      out[i] = 2 + random.nextInt((int) Math.max(1, Math.round(2 * (mean - 2))) + 1);
      sum += out[i];
    }
    while (sum != events) {
      int i = random.nextInt(shoppers);
      if (sum < events) {
        out[i]++;
        sum++;
      } else if (out[i] > 2) {
        out[i]--;
        sum--;
      }
    }
    return out;
  }

  // --- exposure ----------------------------------------------------------------------------

  private Shopper[] expose(int[] perShopper, int connections) throws Exception {
    Shopper[] out = new Shopper[perShopper.length];
    String run = Long.toString(System.nanoTime(), 36);
    AtomicInteger next = new AtomicInteger();
    forEachWorker(
        connections,
        () -> {
          for (int s = next.getAndIncrement(); s < out.length; s = next.getAndIncrement()) {
            String visitor = "rb-" + run + "-" + s;
            JsonObject answer =
                json(
                    retrying(
                        () ->
                            get(
                                "/v1/blocks/" + BLOCK + "?visitor=" + visitor,
                                siteKey,
                                "X-Site-Key")));
            JsonObject in = answer.getJsonObject("experiment");
            String arm =
                in != null && experiment.equals(in.getString("id")) ? in.getString("arm") : null;
            out[s] =
                new Shopper(
                    visitor,
                    arm,
                    answer.getString("token"),
                    answer.getJsonArray("items", new JsonArray()),
                    perShopper[s]);
          }
          return null;
        });
    return out;
  }

  // --- intake ------------------------------------------------------------------------------

  /** How far the intake and the counting have come, shared with the watcher. */
  static final class Progress {
    volatile long started;
    volatile boolean exposureDone;
    volatile long shoppersCounted;
    volatile boolean intakeDone;
    volatile long caughtUp;
    final AtomicLong posted = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
  }

  private long intake(
      Shopper[] all,
      JsonArray elsewhere,
      Map<String, Sent> sent,
      int connections,
      int batch,
      Progress progress)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    try {
      forEachWorker(
          connections,
          () -> {
            SplittableRandom random = new SplittableRandom(next.get() * 31L + 7);
            JsonArray events = new JsonArray();
            for (int s = next.getAndIncrement(); s < all.length; s = next.getAndIncrement()) {
              journey(all[s], elsewhere, random, events, sent);
              if (events.size() >= batch) post(events, progress);
            }
            if (!events.isEmpty()) post(events, progress);
            return null;
          });
    } finally {
      progress.intakeDone = true;
    }
    return progress.posted.get();
  }

  /**
   * One shopper's events, {@code shopper.events()} of them: a list viewed first, then views, clicks
   * and carts, and a purchase last when they buy. The block's arm sees the block's items with its
   * token; the holdout (and the global holdout) browse the bestsellers elsewhere.
   */
  private static void journey(
      Shopper shopper,
      JsonArray elsewhere,
      SplittableRandom random,
      JsonArray out,
      Map<String, Sent> sent) {
    boolean withBlock = !shopper.shown().isEmpty();
    JsonArray items = withBlock ? shopper.shown() : sample(elsewhere, 8, random);
    String list = withBlock ? BLOCK : "category-page";
    String token = withBlock ? shopper.token() : null;
    boolean buys = random.nextDouble() < (withBlock ? BUYS_WITH_BLOCK : BUYS_WITHOUT);
    int browsing = shopper.events() - (buys ? 1 : 0);
    for (int i = 0; i < browsing; i++) {
      double kind = i == 0 ? 0 : random.nextDouble();
      String name = kind < 0.4 ? "view_item_list" : kind < 0.7 ? "select_item" : "add_to_cart";
      JsonArray lines =
          name.equals("view_item_list") ? lines(items) : lines(sample(items, 1, random));
      JsonObject event =
          new JsonObject()
              .put("name", name)
              .put("visitor_id", shopper.visitor())
              .put("item_list_id", list)
              .put("items", lines);
      if (token != null) event.put("attribution_token", token);
      out.add(event);
    }
    if (!buys) return;
    double value = MEDIAN_ORDER * Math.exp(ORDER_SIGMA * random.nextGaussian());
    if (random.nextDouble() < WHALES) value *= WHALE_FACTOR;
    value = Math.round(value * 100) / 100.0;
    JsonObject item = sample(items, 1, random).getJsonObject(0);
    out.add(
        new JsonObject()
            .put("name", "purchase")
            .put("visitor_id", shopper.visitor())
            .put("transaction_id", "order-" + shopper.visitor())
            .put("value", value)
            .put("currency", "RUB")
            .put(
                "items",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("item_id", item.getString("id"))
                            .put("quantity", 1)
                            .put("price", value))));
    if (shopper.arm() != null) {
      Sent arm = sent.get(shopper.arm());
      arm.orders.increment();
      arm.revenue.add(value);
    }
  }

  private static JsonArray sample(JsonArray from, int n, SplittableRandom random) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < n; i++) out.add(from.getValue(random.nextInt(from.size())));
    return out;
  }

  private static JsonArray lines(JsonArray items) {
    JsonArray out = new JsonArray();
    for (Object o : items) {
      JsonObject item = (JsonObject) o;
      out.add(new JsonObject().put("item_id", item.getString("id")));
    }
    return out;
  }

  private void post(JsonArray events, Progress progress) throws Exception {
    String body = events.encode();
    int n = events.size();
    events.clear();
    HttpResponse<String> answer =
        retrying(
            () ->
                http.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                        .header("X-Site-Key", siteKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()),
            progress.retries);
    expect(List.of(202), answer);
    int accepted = new JsonObject(answer.body()).getInteger("accepted");
    if (accepted != n)
      throw new IllegalStateException("posted " + n + " events, " + accepted + " accepted");
    progress.posted.addAndGet(accepted);
  }

  // --- counting ----------------------------------------------------------------------------

  /**
   * Asks the report every half second from the intake's start; once the intake is done, waits for
   * every arm's shoppers and orders to be what was sent and the figures to hold for two seconds,
   * and records when they were first seen.
   */
  private void watch(Progress progress, Map<String, Sent> sent) {
    try {
      String last = null;
      long lastChanged = 0;
      long lastLog = 0;
      long deadline = Long.MAX_VALUE;
      while (true) {
        long now = System.nanoTime();
        JsonObject report;
        try {
          report = report("");
        } catch (IllegalStateException e) {
          // Not an answer yet (no arm counted): ask again.
          log("  the report answered: %s", e.getMessage());
          Thread.sleep(500);
          continue;
        }
        String figures = figures(report);
        if (!figures.equals(last)) {
          last = figures;
          lastChanged = now;
        }
        if (now - lastLog > 5_000_000_000L) {
          lastLog = now;
          log(
              "  %5.1f s: %,d events posted; the report has %s",
              seconds(now - progress.started), progress.posted.get(), figures);
        }
        if (progress.exposureDone
            && progress.shoppersCounted == 0
            && shoppersComplete(report, sent)) progress.shoppersCounted = now;
        if (progress.intakeDone) {
          if (deadline == Long.MAX_VALUE) deadline = now + 1_800_000_000_000L;
          if (complete(report, sent) && now - lastChanged >= 2_000_000_000L) {
            progress.caughtUp = lastChanged;
            return;
          }
          if (now > deadline) {
            log("  gave up waiting: the report has %s, sent %s", figures, sentText(sent));
            return;
          }
        }
        Thread.sleep(500);
      }
    } catch (Exception e) {
      log("  the watcher failed: %s", e);
    }
  }

  private static boolean shoppersComplete(JsonObject report, Map<String, Sent> sent) {
    for (Object o : report.getJsonArray("arms")) {
      JsonObject arm = (JsonObject) o;
      Sent s = sent.get(arm.getString("key"));
      if (s != null && arm.getLong("shoppers") != s.shoppers.sum()) return false;
    }
    return true;
  }

  private static boolean complete(JsonObject report, Map<String, Sent> sent) {
    for (Object o : report.getJsonArray("arms")) {
      JsonObject arm = (JsonObject) o;
      Sent s = sent.get(arm.getString("key"));
      if (s == null) continue;
      if (arm.getLong("shoppers") != s.shoppers.sum() || arm.getLong("orders") != s.orders.sum())
        return false;
    }
    return true;
  }

  private static String figures(JsonObject report) {
    List<String> out = new ArrayList<>();
    for (Object o : report.getJsonArray("arms")) {
      JsonObject arm = (JsonObject) o;
      out.add(
          String.format(
              Locale.ROOT,
              "%s %,d shoppers %,d orders %,d impressions %,d clicks",
              arm.getString("key"),
              arm.getLong("shoppers"),
              arm.getLong("orders"),
              arm.getLong("impressions"),
              arm.getLong("clicks")));
    }
    return String.join("; ", out);
  }

  private static String sentText(Map<String, Sent> sent) {
    List<String> out = new ArrayList<>();
    sent.forEach(
        (arm, s) ->
            out.add(
                String.format(
                    Locale.ROOT,
                    "%s %,d shoppers %,d orders %,.0f revenue",
                    arm,
                    s.shoppers.sum(),
                    s.orders.sum(),
                    s.revenue.sum())));
    out.sort(null);
    return String.join("; ", out);
  }

  private String jobMetrics() throws IOException, InterruptedException {
    StringBuilder out = new StringBuilder();
    for (String line : get("/metrics", adminKey, "X-Admin-Key").body().split("\n"))
      if (line.contains("count experiment events") || line.startsWith("vitrina_events_written"))
        out.append(line).append('\n');
    return out.toString();
  }

  // --- reading -----------------------------------------------------------------------------

  record Timing(int requests, double p50, double p99, double max, double rate) {}

  /**
   * {@code requests} reads one after another after {@code warmups}, as many as {@code budget}
   * seconds allow (at least ten), then {@code readers} concurrent readers for {@code seconds}.
   */
  private Timing time(String query, int warmups, int requests, int budget, int readers, int seconds)
      throws Exception {
    long warm = System.nanoTime() + budget * 1_000_000_000L / 4;
    for (int i = 0; i < warmups && System.nanoTime() < warm; i++) report(query);
    double[] all = new double[requests];
    int n = 0;
    long enough = System.nanoTime() + budget * 1_000_000_000L;
    while (n < requests && (n < 10 || System.nanoTime() < enough)) {
      long started = System.nanoTime();
      report(query);
      all[n++] = (System.nanoTime() - started) / 1e6;
    }
    double[] millis = Arrays.copyOf(all, n);
    Arrays.sort(millis);
    LongAdder done = new LongAdder();
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    long started = System.nanoTime();
    forEachWorker(
        readers,
        () -> {
          while (System.nanoTime() < until) {
            report(query);
            done.increment();
          }
          return null;
        });
    double rate = done.sum() / seconds(System.nanoTime() - started);
    return new Timing(
        n, percentile(millis, 0.50), percentile(millis, 0.99), millis[millis.length - 1], rate);
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private JsonObject report(String query) throws IOException, InterruptedException {
    return json(
        get("/v1/admin/experiments/" + experiment + "/report" + query, adminKey, "X-Admin-Key"));
  }

  /** Each arm's shoppers and revenue per shopper, and each treatment's lift with its interval. */
  private static void headline(JsonObject report, String label) {
    StringBuilder arms = new StringBuilder();
    for (Object o : report.getJsonArray("arms")) {
      JsonObject arm = (JsonObject) o;
      arms.append(
          String.format(
              Locale.ROOT,
              "%s%s: %,d shoppers, %,d buyers, %,d orders, revenue per shopper %.2f",
              arms.isEmpty() ? "" : "; ",
              arm.getString("key"),
              arm.getLong("shoppers"),
              arm.getLong("buyers"),
              arm.getLong("orders"),
              arm.getJsonObject("values").getDouble("revenue_per_shopper")));
    }
    System.out.println("- " + label + " (" + report.getString("method") + "): " + arms);
    for (Object o : report.getJsonArray("metrics")) {
      JsonObject metric = (JsonObject) o;
      if (!metric.getBoolean("primary", false)) continue;
      for (Object c : metric.getJsonArray("comparisons")) {
        JsonObject comparison = (JsonObject) c;
        JsonObject relative = comparison.getJsonObject("relative");
        JsonObject absolute = comparison.getJsonObject("absolute");
        if (relative.containsKey("not_computable")) {
          System.out.println("  - " + comparison.getString("arm") + ": lift " + relative.encode());
          continue;
        }
        System.out.printf(
            Locale.ROOT,
            "  - %s against %s, %s: lift %+.1f%% [%+.1f%%, %+.1f%%], p %.4f; %+.2f per shopper"
                + " [%+.2f, %+.2f]; CUPED variance reduction %s%n",
            comparison.getString("arm"),
            report.getString("control"),
            metric.getString("metric"),
            100 * relative.getDouble("estimate"),
            100 * relative.getDouble("low"),
            100 * relative.getDouble("high"),
            relative.getDouble("p_value"),
            absolute.getDouble("estimate"),
            absolute.getDouble("low"),
            absolute.getDouble("high"),
            comparison.getValue("variance_reduction"));
      }
    }
  }

  // --- HTTP --------------------------------------------------------------------------------

  private HttpResponse<String> get(String path, String key, String header)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).header(header, key).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> admin(String method, String path, JsonObject body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).header("X-Admin-Key", adminKey);
    if (body == null) request.method(method, HttpRequest.BodyPublishers.noBody());
    else
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  interface Call {
    HttpResponse<String> send() throws IOException, InterruptedException;
  }

  private static HttpResponse<String> retrying(Call call) throws Exception {
    return retrying(call, new AtomicLong());
  }

  /** Sends again after a second while the service answers 503 (overloaded), a minute at most. */
  private static HttpResponse<String> retrying(Call call, AtomicLong retries) throws Exception {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> answer = call.send();
      if (answer.statusCode() != 503 || attempt == 60) return answer;
      retries.incrementAndGet();
      Thread.sleep(1000);
    }
  }

  private static JsonObject json(HttpResponse<String> response) {
    expect(List.of(200), response);
    return new JsonObject(response.body());
  }

  private static void expect(List<Integer> statuses, HttpResponse<String> response) {
    if (!statuses.contains(response.statusCode()))
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.request().uri().getPath()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
  }

  interface Work {
    Void run() throws Exception;
  }

  /** Runs {@code work} on {@code n} virtual threads and waits for all; the first failure throws. */
  private static void forEachWorker(int n, Work work) throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Void>> running = new ArrayList<>();
      for (int i = 0; i < n; i++) running.add(pool.submit(work::run));
      for (Future<Void> f : running) f.get();
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void log(String format, Object... args) {
    System.err.println(String.format(Locale.ROOT, format, args));
  }
}
