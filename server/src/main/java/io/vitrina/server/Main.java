package io.vitrina.server;

import io.vitrina.server.http.LowPriority;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the service from the command line; {@code --help} lists the options. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    LowPriority.lowerCommonPool(); // before anything uses the pool
    if (java.util.Arrays.asList(args).contains("--help")
        || java.util.Arrays.asList(args).contains("-h")) {
      System.out.print(ServerConfig.help());
      return;
    }
    ServerConfig config;
    try {
      config = ServerConfig.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("vitrina: " + e.getMessage());
      System.exit(2);
      return;
    }
    // The demo store's address first, before the start's log lines (the port is known unless it
    // is 0, a free one found at start; the banner below names it then).
    if (config.demo() && config.port() != 0)
      System.out.println("Demo store: " + storefront(config.port()) + "  (starting…)");
    Vitrina app;
    try {
      app = Vitrina.start(config).get(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      LOG.error("Vitrina failed to start", e.getCause() != null ? e.getCause() : e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Shutting down: no new requests; flushing accepted events");
                  try {
                    app.stop().get(60, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    LOG.error("Shutdown did not finish cleanly", e);
                  }
                },
                "vitrina-shutdown"));
    printWelcome(app);
  }

  private static String storefront(int port) {
    return "http://127.0.0.1:" + port + "/demo/";
  }

  private static void printWelcome(Vitrina app) {
    String base = "http://127.0.0.1:" + app.port();
    String site = app.config().siteKey();
    System.out.println();
    if (app.config().demo())
      System.out.println("Demo store  " + storefront(app.port()) + "   (a shop to click through)");
    System.out.println("Vitrina is up at " + base);
    System.out.println(
        "  Health      "
            + base
            + "/health   Ready: "
            + base
            + "/ready   Metrics: "
            + base
            + "/metrics");
    System.out.println(
        "  Dashboard   "
            + base
            + "/admin/   (experiments and their reports; sign in with the admin key)");
    System.out.println("  API docs    " + base + "/openapi.yaml");
    System.out.println(
        "  Site key    "
            + site
            + "      Admin key: --admin-key / VITRINA_ADMIN_KEY if set, else generated into "
            + app.config().dataDir().resolve("admin.key"));
    if (app.config().demo()) {
      System.out.println("  Try:");
      for (String example : io.vitrina.server.demo.DemoLoader.EXAMPLES)
        System.out.println("    curl '" + base + example + "&site_key=" + site + "'");
    }
    System.out.println();
  }
}
