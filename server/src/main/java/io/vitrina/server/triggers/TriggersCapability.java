package io.vitrina.server.triggers;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.experiment.Experiments;
import io.vitrina.engine.trigger.KindSettings;
import io.vitrina.engine.trigger.TriggerKind;
import io.vitrina.engine.trigger.TriggerRules;
import io.vitrina.engine.trigger.TriggerSettings;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.Job;
import io.vitrina.server.http.JobPace;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.http.LowPriority;
import io.vitrina.server.input.JsonBody;
import io.vitrina.server.input.QueryParams;
import io.vitrina.server.metrics.Metrics;
import io.vitrina.server.privacy.ShopperData;
import io.vitrina.server.privacy.ShopperIds;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trigger messages: the scan job (once per cluster) that records what the rules fire into the
 * outbox, the pull endpoint {@code GET /v1/admin/triggers/fired}, and the webhook sender (on every
 * node; rows claimed in PostgreSQL) when a webhook is configured.
 */
public final class TriggersCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(TriggersCapability.class);

  /**
   * What the service is told at start about triggers.
   *
   * @param scanInterval how often the due triggers are evaluated over every profile
   * @param webhookUrl where fired messages are POSTed, or null for pull only
   * @param webhookSecret the HMAC-SHA256 key of the signature (required with a URL)
   * @param webhookBackoff the wait before the first retry, doubled for each next one
   */
  public record Settings(
      Duration scanInterval, String webhookUrl, String webhookSecret, Duration webhookBackoff) {
    public static final Settings DEFAULTS =
        new Settings(Duration.ofMinutes(1), null, null, Duration.ofSeconds(5));

    public Settings {
      if (scanInterval.isNegative() || scanInterval.isZero())
        throw new IllegalArgumentException("--triggers-scan-interval must be positive");
      if (webhookBackoff.isNegative() || webhookBackoff.isZero())
        throw new IllegalArgumentException("--triggers-webhook-backoff must be positive");
      if (webhookUrl != null) {
        URI uri = URI.create(webhookUrl);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))
          throw new IllegalArgumentException(
              "--triggers-webhook-url must be an http or https URL, was " + webhookUrl);
        if (webhookSecret == null || webhookSecret.length() < 16)
          throw new IllegalArgumentException(
              "--triggers-webhook-secret needs at least 16 characters with --triggers-webhook-url");
      }
    }
  }

  private static final java.util.regex.Pattern CURSOR =
      java.util.regex.Pattern.compile("[0-9]{1,18}");

  static final long MAX_SETTINGS_BYTES = 64 * 1024;

  static final int MAX_PAGE = 1000;
  static final int DEFAULT_PAGE = 100;

  private final Vertx vertx;
  private final LowPriority.Workers scans;
  private final ServingCore core;
  private final TriggerStore store;
  private final TriggerScan scan;
  private final Clock clock;
  private final Settings settings;
  private final Predicate<String> marketingAllowed;
  private final Experiments experiments;
  private final WebhookSender webhook;
  private final Metrics metrics;

  static final String MESSAGES_METRIC = "vitrina_trigger_messages_total";

  /**
   * @param marketingAllowed whether a shopper (by profile key) may receive marketing messages: the
   *     webhook sends nothing for those who may not, the pull says so
   * @param experiments the running experiments: one on a trigger kind holds out its holdout's
   *     messages, and counts who was exposed to each arm
   * @param metrics where the messages recorded (by kind and status) and the webhook's deliveries
   *     (by outcome) are counted
   */
  public TriggersCapability(
      Vertx vertx,
      Pool pool,
      ServingCore core,
      Clock clock,
      Settings settings,
      Predicate<String> marketingAllowed,
      Experiments experiments,
      Metrics metrics) {
    this.vertx = vertx;
    this.scans = JobPace.workers(vertx);
    this.metrics = metrics;
    metrics.describe(
        MESSAGES_METRIC, "Trigger messages recorded by the scan, by kind and status (fired, …)");
    this.core = core;
    this.store = new TriggerStore(pool);
    this.scan = new TriggerScan(core, experiments);
    this.experiments = experiments;
    this.clock = clock;
    this.settings = settings;
    this.marketingAllowed = marketingAllowed;
    this.webhook =
        settings.webhookUrl() == null
            ? null
            : new WebhookSender(
                vertx,
                pool,
                settings.webhookUrl(),
                settings.webhookSecret(),
                settings.webhookBackoff().toMillis() / 1000.0,
                marketingAllowed,
                metrics.counter(
                    "vitrina_trigger_webhook_deliveries_total",
                    "outcome",
                    "Webhook attempts by outcome: delivered, failed (retried later), no_consent"));
  }

  @Override
  public List<Job> jobs() {
    List<Job> jobs = new ArrayList<>();
    jobs.add(Job.oncePerCluster("trigger scan", settings.scanInterval(), this::scanOnce));
    if (webhook != null)
      jobs.add(Job.onEveryNode("trigger webhook", Duration.ofSeconds(1), webhook::sendDue));
    return jobs;
  }

  /** How far back the scan reads what was sent: the longest window a kind or a cap looks at. */
  private static Duration lookback(TriggerSettings s) {
    Duration longest = s.shopperCap().compareTo(s.kindCap()) > 0 ? s.shopperCap() : s.kindCap();
    for (TriggerKind kind : TriggerKind.values()) {
      KindSettings k = s.of(kind);
      Duration window = k.delay().plus(k.within());
      if (window.compareTo(longest) > 0) longest = window;
    }
    return longest.plusDays(1);
  }

  /** One scan: what was sent, the rules over every profile (on a worker), the new rows recorded. */
  Future<Integer> scanOnce() {
    Instant now = clock.instant();
    return store
        .settings()
        .map(saved -> new TriggerRules(TriggerSettingsJson.parse(saved)))
        .compose(
            current ->
                store
                    .recent(now.minus(lookback(current.settings())))
                    .map(sent -> java.util.Map.entry(current, sent)))
        .compose(
            found ->
                scans.run(
                    () -> scan.run(found.getKey(), found.getValue(), now, JobPace.background())))
        .compose(
            result -> {
              long fired =
                  result.messages().stream()
                      .filter(m -> m.status() == TriggerMessage.Status.FIRED)
                      .count();
              if (fired > 0)
                LOG.info("Trigger scan: {} profiles, {} messages fired", result.profiles(), fired);
              return store
                  .record(result.messages())
                  .onSuccess(
                      x -> {
                        result.exposures().forEach(experiments::exposed);
                        for (TriggerMessage m : result.messages())
                          metrics.increment(
                              MESSAGES_METRIC,
                              "kind",
                              m.kind(),
                              "status",
                              m.status().wireName(),
                              1);
                      });
            });
  }

  @Override
  public void routes(ApiRoutes routes) {
    routes.admin(HttpMethod.GET, "/triggers/fired").handler(this::fired);
    routes.admin(HttpMethod.GET, "/triggers/settings").handler(this::settings);
    routes
        .adminWithBody(HttpMethod.PUT, "/triggers/settings", MAX_SETTINGS_BYTES)
        .handler(this::saveSettings);
  }

  /** {@code GET /v1/admin/triggers/fired?after=&limit=}: fired messages after a cursor. */
  private void fired(RoutingContext ctx) {
    QueryParams params = QueryParams.of(ctx);
    String after = params.matching("after", CURSOR, "a cursor (the next of a previous page)");
    Integer limit = params.integer("limit", 1, MAX_PAGE);
    params.finish();
    int size = limit == null ? DEFAULT_PAGE : limit;
    store
        .page(after == null ? 0 : Long.parseLong(after), size)
        .onSuccess(
            page -> {
              JsonArray items = new JsonArray();
              for (TriggerMessage m : page) items.add(m.toJson(marketingAllowed.test(m.shopper())));
              String next =
                  page.isEmpty()
                      ? (after == null ? "0" : after)
                      : Long.toString(page.getLast().id());
              JsonResponse.sendUncached(
                  ctx,
                  200,
                  new JsonObject()
                      .put("items", items)
                      .put("next", next)
                      .put("more", page.size() == size));
            })
        .onFailure(ctx::fail);
  }

  /** {@code GET /v1/admin/triggers/settings}: every setting, the store's over the defaults. */
  private void settings(RoutingContext ctx) {
    store
        .settings()
        .onSuccess(
            saved ->
                JsonResponse.sendUncached(
                    ctx, 200, TriggerSettingsJson.toJson(TriggerSettingsJson.parse(saved))))
        .onFailure(ctx::fail);
  }

  /**
   * {@code PUT /v1/admin/triggers/settings}: what differs from the defaults; 400 with every
   * problem. The next scan reads it.
   */
  private void saveSettings(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx);
    TriggerSettings parsed = TriggerSettingsJson.parse(body);
    store
        .saveSettings(body)
        .onSuccess(x -> JsonResponse.sendUncached(ctx, 200, TriggerSettingsJson.toJson(parsed)))
        .onFailure(ctx::fail);
  }

  @Override
  public Future<Void> stop() {
    if (webhook != null) webhook.close();
    return Future.succeededFuture();
  }

  /**
   * The shopper's trigger messages as a section of their export, and of their erasure (the rows go
   * with their events, in one transaction).
   */
  public ShopperData privacySection() {
    return new ShopperData() {
      @Override
      public String name() {
        return "triggers";
      }

      @Override
      public Future<Object> export(ExportRequest request) {
        List<String> keys = request.shopper().keys();
        return store
            .ofShoppers(keys)
            .map(
                messages -> {
                  if (messages.isEmpty()) return null;
                  JsonArray out = new JsonArray();
                  for (TriggerMessage m : messages)
                    out.add(
                        m.toJson(marketingAllowed.test(m.shopper()))
                            .put("status", m.status().wireName()));
                  return out;
                });
      }

      @Override
      public Future<Map<String, Integer>> erase(SqlConnection tx, ShopperIds shopper) {
        return TriggerStore.erase(tx, shopper.keys()).map(rows -> Map.of("trigger_messages", rows));
      }
    };
  }
}
