package io.vitrina.server;

import io.vitrina.server.demo.DemoLoader;
import io.vitrina.server.experiments.ExperimentsCapability;
import io.vitrina.server.operations.ProfileBudget;
import io.vitrina.server.segments.SegmentsCapability;
import io.vitrina.server.triggers.TriggersCapability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything the service can be told at start. Each setting has a flag ({@code --port 8080}) and an
 * environment variable ({@code VITRINA_PORT}); a flag wins over the environment, the environment
 * over the default.
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String pgUrl,
    int pgPoolSize,
    String siteKey,
    String adminKey,
    List<String> corsOrigins,
    boolean demo,
    int instances,
    Duration modelInterval,
    Duration popularityInterval,
    long eventBodyLimit,
    long catalogBodyLimit,
    int eventBatchSize,
    int maxPendingEvents,
    Duration indexRefresh,
    int maxProfiles,
    Duration purchaseExclusion,
    DemoLoader.Settings demoStore,
    ExperimentsCapability.Settings experiments,
    SegmentsCapability.Settings segments,
    TriggersCapability.Settings triggers,
    String tokenKey) {

  /** A setting: flag name, environment variable, default, and what it does. */
  private record Option(String flag, String env, String defaultValue, String help) {}

  private static final List<Option> OPTIONS =
      List.of(
          new Option("host", "VITRINA_HOST", "0.0.0.0", "interface the HTTP server binds"),
          new Option("port", "VITRINA_PORT", "8080", "HTTP port"),
          new Option(
              "data-dir",
              "VITRINA_DATA_DIR",
              "data",
              "folder for the embedded PostgreSQL, the index and the admin key"),
          new Option(
              "pg-url",
              "VITRINA_PG_URL",
              "",
              "external PostgreSQL, e.g. postgresql://user:pass@host:5432/db (empty: embedded PostgreSQL under the data folder)"),
          new Option("pg-pool-size", "VITRINA_PG_POOL_SIZE", "8", "PostgreSQL connections"),
          new Option(
              "site-key",
              "VITRINA_SITE_KEY",
              "demo-site-key",
              "public key storefronts and the tracker send (X-Site-Key header or site_key parameter)"),
          new Option(
              "admin-key",
              "VITRINA_ADMIN_KEY",
              "",
              "secret key for /v1/admin (X-Admin-Key header or Bearer token); empty: generated once and kept in <data-dir>/admin.key"),
          new Option(
              "cors-origins",
              "VITRINA_CORS_ORIGINS",
              "*",
              "comma-separated origins allowed to call the public API from browsers, or *"),
          new Option(
              "demo",
              "VITRINA_DEMO",
              "false",
              "when the catalog is empty, load a generated demo store (items and four weeks of shopper traffic)"),
          new Option(
              "instances",
              "VITRINA_INSTANCES",
              Integer.toString(Runtime.getRuntime().availableProcessors()),
              "HTTP verticle instances (event loops)"),
          new Option(
              "model-interval",
              "VITRINA_MODEL_INTERVAL",
              "PT10M",
              "how often the model is rebuilt from events (ISO-8601 duration)"),
          new Option(
              "popularity-interval",
              "VITRINA_POPULARITY_INTERVAL",
              "PT1M",
              "how often live popularity is written into the index"),
          new Option(
              "event-body-limit",
              "VITRINA_EVENT_BODY_LIMIT",
              "1048576",
              "largest /v1/events body in bytes"),
          new Option(
              "catalog-body-limit",
              "VITRINA_CATALOG_BODY_LIMIT",
              "536870912",
              "largest /v1/admin/items or YML feed body in bytes (streamed, never held in memory)"),
          new Option(
              "event-batch-size",
              "VITRINA_EVENT_BATCH_SIZE",
              "2000",
              "most events written to PostgreSQL in one group commit"),
          new Option(
              "max-pending-events",
              "VITRINA_MAX_PENDING_EVENTS",
              "100000",
              "events waiting for PostgreSQL before /v1/events answers 503"),
          new Option(
              "index-refresh",
              "VITRINA_INDEX_REFRESH",
              "PT0.2S",
              "how soon catalog changes become searchable"),
          new Option(
              "max-profiles",
              "VITRINA_MAX_PROFILES",
              "auto",
              "shopper profiles kept in memory, the least recently seen go first; auto: as many as half the heap holds at 4 KB each (a typical shopper takes ~1.2 KB, one at every bound ~9 KB). A number the heap cannot hold stops the start, saying what heap it needs; when the heap runs short anyway, a quarter of the profiles are shed"),
          new Option(
              "purchase-exclusion",
              "VITRINA_PURCHASE_EXCLUSION",
              "P90D",
              "how long a bought item stays out of the shopper's blocks that propose new items (recently_viewed still shows it, personal never does; at most the 90-day profile window)"),
          new Option(
              "demo-items",
              "VITRINA_DEMO_ITEMS",
              Integer.toString(io.vitrina.demo.DemoStore.DEFAULT_ITEMS),
              "items in the generated demo store (with --demo)"),
          new Option(
              "demo-visitors",
              "VITRINA_DEMO_VISITORS",
              Integer.toString(io.vitrina.demo.DemoStore.DEFAULT_VISITORS),
              "shoppers in the demo store's traffic (with --demo)"),
          new Option(
              "demo-days",
              "VITRINA_DEMO_DAYS",
              Integer.toString(io.vitrina.demo.DemoStore.DEFAULT_DAYS),
              "days of traffic in the demo store, ending at the start (with --demo); shoppers come back in each further week"),
          new Option(
              "experiments-global-holdout",
              "VITRINA_EXPERIMENTS_GLOBAL_HOLDOUT",
              Double.toString(ExperimentsCapability.Settings.DEFAULTS.globalHoldout()),
              "share of shoppers whom nothing personalizes, anywhere (the global holdout experiment): the total incremental revenue of the service; 0 pauses it"),
          new Option(
              "segments-scan-interval",
              "VITRINA_SEGMENTS_SCAN_INTERVAL",
              SegmentsCapability.Settings.DEFAULTS.scanInterval().toString(),
              "how often every node places every shopper in their segments again and recomputes the RFM scale (events place their shopper within a quarter of a second; the scan catches what time alone changes)"),
          new Option(
              "triggers-scan-interval",
              "VITRINA_TRIGGERS_SCAN_INTERVAL",
              TriggersCapability.Settings.DEFAULTS.scanInterval().toString(),
              "how often the due trigger messages are evaluated over every profile (once per cluster)"),
          new Option(
              "triggers-webhook-url",
              "VITRINA_TRIGGERS_WEBHOOK_URL",
              "",
              "where fired trigger messages are POSTed, signed (empty: pull only, GET /v1/admin/triggers/fired)"),
          new Option(
              "triggers-webhook-secret",
              "VITRINA_TRIGGERS_WEBHOOK_SECRET",
              "",
              "secret (at least 16 characters) of the webhook's HMAC-SHA256 signature (Vitrina-Signature header)"),
          new Option(
              "triggers-webhook-backoff",
              "VITRINA_TRIGGERS_WEBHOOK_BACKOFF",
              TriggersCapability.Settings.DEFAULTS.webhookBackoff().toString(),
              "wait before a failed webhook is tried again, doubled for each next attempt (at most an hour)"),
          new Option(
              "token-key",
              "VITRINA_TOKEN_KEY",
              "",
              "secret (at least 16 characters) that signs attribution tokens (HMAC-SHA256), so that only what this service showed is attributed; empty: generated once and kept in <data-dir>/token.key. Give every node of a deployment the same one"));

  /**
   * Parses flags over environment over defaults; throws {@link IllegalArgumentException} with a
   * clear message.
   */
  public static ServerConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Option option : OPTIONS)
      values.put(option.flag(), env.getOrDefault(option.env(), option.defaultValue()));
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--"))
        throw new IllegalArgumentException("unexpected argument '" + arg + "' (see --help)");
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!values.containsKey(name))
        throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
      if (value == null) {
        boolean booleanFlag = name.equals("demo");
        boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
        value = booleanFlag && !hasValue ? "true" : requireValue(args, ++i, name);
      }
      values.put(name, value);
    }
    return fromValues(values);
  }

  private static String requireValue(String[] args, int i, String name) {
    if (i >= args.length) throw new IllegalArgumentException("--" + name + " needs a value");
    return args[i];
  }

  private static ServerConfig fromValues(Map<String, String> v) {
    return new ServerConfig(
        v.get("host"),
        get(v, "port", Integer::parseInt),
        Path.of(v.get("data-dir")),
        blankToNull(v.get("pg-url")),
        get(v, "pg-pool-size", Integer::parseInt),
        v.get("site-key"),
        blankToNull(v.get("admin-key")),
        splitList(v.get("cors-origins")),
        get(v, "demo", ServerConfig::parseBoolean),
        get(v, "instances", Integer::parseInt),
        get(v, "model-interval", Duration::parse),
        get(v, "popularity-interval", Duration::parse),
        get(v, "event-body-limit", Long::parseLong),
        get(v, "catalog-body-limit", Long::parseLong),
        get(v, "event-batch-size", Integer::parseInt),
        get(v, "max-pending-events", Integer::parseInt),
        get(v, "index-refresh", Duration::parse),
        get(v, "max-profiles", ServerConfig::parseProfiles),
        get(v, "purchase-exclusion", Duration::parse),
        new DemoLoader.Settings(
            get(v, "demo-items", Integer::parseInt),
            get(v, "demo-visitors", Integer::parseInt),
            get(v, "demo-days", Integer::parseInt)),
        new ExperimentsCapability.Settings(
            get(v, "experiments-global-holdout", Double::parseDouble)),
        new SegmentsCapability.Settings(get(v, "segments-scan-interval", Duration::parse)),
        triggers(v),
        tokenKey(v.get("token-key")));
  }

  /** Read apart: a refused secret must not be repeated in the message. */
  private static TriggersCapability.Settings triggers(Map<String, String> v) {
    return new TriggersCapability.Settings(
        get(v, "triggers-scan-interval", Duration::parse),
        blankToNull(v.get("triggers-webhook-url")),
        blankToNull(v.get("triggers-webhook-secret")),
        get(v, "triggers-webhook-backoff", Duration::parse));
  }

  /** Read apart from the others: a refused secret must not be repeated in the message. */
  private static String tokenKey(String raw) {
    String key = blankToNull(raw == null ? null : raw.trim());
    if (key != null && key.length() < 16)
      throw new IllegalArgumentException("--token-key needs at least 16 characters");
    return key;
  }

  private static <T> T get(Map<String, String> values, String name, Function<String, T> parse) {
    String raw = values.get(name);
    try {
      return parse.apply(raw.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--" + name + ": cannot read '" + raw + "' (" + e.getMessage() + ")");
    }
  }

  /** {@code auto} is {@link ProfileBudget#FROM_HEAP}; a number must be at least 1. */
  private static int parseProfiles(String raw) {
    if (raw.equalsIgnoreCase("auto")) return ProfileBudget.FROM_HEAP;
    int profiles = Integer.parseInt(raw);
    if (profiles < 1) throw new IllegalArgumentException("expected auto or a number of at least 1");
    return profiles;
  }

  private static boolean parseBoolean(String raw) {
    return switch (raw.toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException("expected true or false");
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static List<String> splitList(String raw) {
    List<String> out = new ArrayList<>();
    for (String part : raw.split(",")) if (!part.isBlank()) out.add(part.trim());
    return List.copyOf(out);
  }

  /** The text --help prints. */
  public static String help() {
    StringBuilder out =
        new StringBuilder(
            "Usage: vitrina-server [--option value]...\n\nOptions (flag / environment variable, default):\n");
    for (Option o : OPTIONS) {
      out.append(String.format("  --%-20s %-28s %s%n", o.flag(), o.env(), o.help()));
      if (!o.defaultValue().isEmpty())
        out.append(String.format("  %-50s default: %s%n", "", o.defaultValue()));
    }
    return out.toString();
  }

  /**
   * A copy with what start-up settled: the admin key (maybe generated) and the port (maybe picked).
   */
  public ServerConfig resolved(String resolvedAdminKey, int resolvedPort) {
    return new ServerConfig(
        host,
        resolvedPort,
        dataDir,
        pgUrl,
        pgPoolSize,
        siteKey,
        resolvedAdminKey,
        corsOrigins,
        demo,
        instances,
        modelInterval,
        popularityInterval,
        eventBodyLimit,
        catalogBodyLimit,
        eventBatchSize,
        maxPendingEvents,
        indexRefresh,
        maxProfiles,
        purchaseExclusion,
        demoStore,
        experiments,
        segments,
        triggers,
        tokenKey);
  }
}
