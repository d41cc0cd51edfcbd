package io.vitrina.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Knobs shared by the simulations. Every knob is a system property ({@code -Dvitrina.rps=1000});
 * the connection settings also fall back to environment variables (VITRINA_BASE_URL,
 * VITRINA_SITE_KEY).
 */
final class LoadConfig {

  final String baseUrl =
      str("vitrina.baseUrl", "VITRINA_BASE_URL", "http://127.0.0.1:8080").replaceAll("/+$", "");
  final String siteKey = str("vitrina.siteKey", "VITRINA_SITE_KEY", "demo-site-key");

  /**
   * open: constant arrival rate (rps); closed: fixed number of concurrent users (ceiling search).
   */
  final String mode = str("vitrina.mode", null, "open").toLowerCase(Locale.ROOT);

  final double rps = dbl("vitrina.rps", 500);
  final int users = integer("vitrina.users", 64);
  final int durationSeconds = integer("vitrina.durationSeconds", 30);
  final int rampSeconds = integer("vitrina.rampSeconds", 0);

  /** Share one keep-alive connection pool between virtual users (a backend/CDN calling the API). */
  final boolean shareConnections = bool("vitrina.shareConnections", true);

  final boolean allowRemote = bool("vitrina.allowRemote", false);
  final int requestTimeoutSeconds = integer("vitrina.requestTimeoutSeconds", 10);

  /** Size of the demo store (demo-visitor-0001.., sku-00001..). */
  final int demoVisitors = integer("vitrina.demoVisitors", 3000);

  final int demoItems = integer("vitrina.demoItems", 3000);
  final double maxErrorPercent = dbl("vitrina.maxErrorPercent", 1.0);

  LoadConfig() {
    if (!mode.equals("open") && !mode.equals("closed")) {
      throw new IllegalArgumentException("vitrina.mode must be 'open' or 'closed', got: " + mode);
    }
    require(rps > 0 && rps <= 100_000, "vitrina.rps must be in (0, 100000]");
    require(users > 0 && users <= 10_000, "vitrina.users must be in [1, 10000]");
    require(
        durationSeconds > 0 && durationSeconds <= 3600,
        "vitrina.durationSeconds must be in [1, 3600]");
    require(rampSeconds >= 0 && rampSeconds <= 3600, "vitrina.rampSeconds must be in [0, 3600]");
    require(demoVisitors > 0 && demoItems > 0, "vitrina.demoVisitors/demoItems must be positive");
    checkTarget();
  }

  HttpProtocolBuilder protocol() {
    HttpProtocolBuilder p =
        http.baseUrl(baseUrl)
            // Without this Gatling caches by ETag/Last-Modified and repeated GETs turn into 304s.
            .disableCaching()
            // The default warm-up request goes to gatling.io; only the configured base URL is
            // targeted.
            .disableWarmUp()
            .acceptHeader("application/json")
            .userAgentHeader("vitrina-loadtest (Gatling)")
            .header("X-Site-Key", siteKey);
    return shareConnections ? p.shareConnections() : p;
  }

  Duration requestTimeout() {
    return Duration.ofSeconds(requestTimeoutSeconds);
  }

  /** Applies the open (arrival rate) or closed (concurrency) injection profile. */
  PopulationBuilder inject(ScenarioBuilder scn) {
    Duration steady = Duration.ofSeconds(durationSeconds);
    if (mode.equals("closed")) {
      List<ClosedInjectionStep> steps = new ArrayList<>();
      if (rampSeconds > 0) {
        steps.add(rampConcurrentUsers(1).to(users).during(Duration.ofSeconds(rampSeconds)));
      }
      steps.add(constantConcurrentUsers(users).during(steady));
      return scn.injectClosed(steps);
    }
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (rampSeconds > 0) {
      steps.add(rampUsersPerSec(1).to(rps).during(Duration.ofSeconds(rampSeconds)));
    }
    steps.add(constantUsersPerSec(rps).during(steady));
    return scn.injectOpen(steps);
  }

  /** Hard stop: injection time plus a grace period for in-flight requests. */
  Duration maxDuration() {
    return Duration.ofSeconds(rampSeconds + durationSeconds + requestTimeoutSeconds + 20L);
  }

  Assertion[] assertions() {
    return new Assertion[] {global().failedRequests().percent().lt(maxErrorPercent)};
  }

  String describe(String simulation, String extra) {
    String load =
        mode.equals("closed")
            ? "closed model, " + users + " concurrent users"
            : "open model, " + rps + " users/s";
    return String.format(
        "%s -> %s | %s for %ds (ramp %ds)%s | shareConnections=%s timeout=%ds maxError=%.2f%%",
        simulation,
        baseUrl,
        load,
        durationSeconds,
        rampSeconds,
        extra,
        shareConnections,
        requestTimeoutSeconds,
        maxErrorPercent);
  }

  String demoVisitor(int n) {
    return String.format("demo-visitor-%04d", n);
  }

  String demoItem(int n) {
    return String.format("sku-%05d", n);
  }

  /** Refuses to hammer a non-loopback host unless asked to (-Dvitrina.allowRemote=true). */
  private void checkTarget() {
    URI uri = URI.create(baseUrl);
    String scheme = uri.getScheme();
    if (uri.getHost() == null
        || scheme == null
        || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("vitrina.baseUrl must be an http(s) URL, got: " + baseUrl);
    }
    if (allowRemote) {
      return;
    }
    boolean loopback;
    try {
      loopback = InetAddress.getByName(uri.getHost()).isLoopbackAddress();
    } catch (Exception e) {
      loopback = false;
    }
    if (!loopback) {
      throw new IllegalArgumentException(
          "vitrina.baseUrl "
              + baseUrl
              + " is not a loopback address; pass -Dvitrina.allowRemote=true to load-test it anyway");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  static String str(String property, String env, String def) {
    String v = System.getProperty(property);
    if ((v == null || v.isBlank()) && env != null) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? def : v.trim();
  }

  static int integer(String property, int def) {
    return Integer.parseInt(str(property, null, Integer.toString(def)));
  }

  static double dbl(String property, double def) {
    return Double.parseDouble(str(property, null, Double.toString(def)));
  }

  static boolean bool(String property, boolean def) {
    return Boolean.parseBoolean(str(property, null, Boolean.toString(def)));
  }
}
