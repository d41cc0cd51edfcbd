package io.vitrina.server.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.server.metrics.Metrics;
import java.util.List;

/**
 * The HTTP API. One instance per event loop, each with its own router over the same capabilities,
 * whose state is thread-safe. Handlers never block: storage is asynchronous and index writes go to
 * workers.
 */
public final class ApiVerticle extends VerticleBase {
  private final ApiSettings settings;
  private final Metrics metrics;
  private final List<Capability> capabilities;

  public ApiVerticle(ApiSettings settings, Metrics metrics, List<Capability> capabilities) {
    this.settings = settings;
    this.metrics = metrics;
    this.capabilities = List.copyOf(capabilities);
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(this::measure);
    mount(router, vertx, settings, capabilities);
    return vertx
        .createHttpServer(
            new HttpServerOptions()
                .setCompressionSupported(true)
                // No h2c upgrade: an upgrade consumes a request body before the streaming catalog
                // handlers can read it. HTTP/1.1 keep-alive serves storefront backends well.
                .setHttp2ClearTextEnabled(false))
        .requestHandler(router)
        .invalidRequestHandler(ApiErrors::onInvalidRequest)
        .listen(settings.port(), settings.host());
  }

  /**
   * Adds every capability's endpoints, a JSON 404 and the JSON failure handler; returns the
   * endpoints.
   */
  private static List<RouteTable.Endpoint> mount(
      Router router, Vertx vertx, ApiSettings settings, List<Capability> capabilities) {
    RouteTable routes = new RouteTable(vertx, router, settings);
    capabilities.forEach(capability -> capability.routes(routes));
    router.route().last().handler(ctx -> ctx.fail(404));
    router.route().failureHandler(ApiErrors::onFailure);
    return routes.endpoints();
  }

  /**
   * The endpoints the capabilities add, as {@code "GET /v1/recommendations/:algorithm"}, from a
   * router built the way each event loop builds its own: what a test compares with the API
   * description.
   */
  public static List<String> endpoints(
      Vertx vertx, ApiSettings settings, List<Capability> capabilities) {
    return mount(Router.router(vertx), vertx, settings, capabilities).stream()
        .map(endpoint -> endpoint.method().name() + " " + endpoint.path())
        .toList();
  }

  /** Latency per route pattern (never per raw path, which would explode the label set). */
  private void measure(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addEndHandler(
        x -> {
          String route = ctx.get(RouteTable.PATTERN, "unmatched");
          metrics.recordRequest(
              ctx.request().method().name(),
              route,
              ctx.response().getStatusCode(),
              System.nanoTime() - started);
        });
    ctx.next();
  }
}
