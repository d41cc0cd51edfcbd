package io.vitrina.server.operations;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.model.ModelSnapshot;
import io.vitrina.server.catalog.CatalogService;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.metrics.Metrics;
import io.vitrina.server.models.ModelService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Health, readiness, metrics, the API description and the browser widgets, at the root. */
public final class OperationsCapability implements Capability {
  /** The API description, served as written: tests keep it and the routes in step. */
  public static final String OPENAPI = "api/openapi.yaml";

  private final Lifecycle lifecycle;
  private final Readiness readiness;
  private final CatalogService catalog;
  private final ModelService models;
  private final Metrics metrics;

  public OperationsCapability(
      Lifecycle lifecycle,
      Readiness readiness,
      CatalogService catalog,
      ModelService models,
      Metrics metrics) {
    this.lifecycle = lifecycle;
    this.readiness = readiness;
    this.catalog = catalog;
    this.models = models;
    this.metrics = metrics;
    this.openApi = Buffer.buffer(readResource(OPENAPI));
    this.widgetScript = WidgetScript.load();
  }

  private final WidgetScript widgetScript;

  /** Read once, at wiring (on a worker), and shared by every event loop's router. */
  private final Buffer openApi;

  private static byte[] readResource(String name) {
    try (InputStream in = OperationsCapability.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " is missing from the class path");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void routes(ApiRoutes routes) {
    // HEAD too: load balancers and uptime checks probe with it (the body is left out).
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
      routes.operations(method, "/health").handler(this::health);
      routes.operations(method, "/ready").handler(this::ready);
    }
    routes
        .operations(HttpMethod.GET, "/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape()));
    routes
        .operations(HttpMethod.GET, "/openapi.yaml")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/yaml; charset=utf-8")
                    .end(openApi));
    // The browser script: one bundle under its versioned path (cached a year) and two
    // unversioned names (five minutes); tracker.js is its name from before the widgets.
    routes
        .operations(HttpMethod.GET, "/widgets/v1/vitrina.js")
        .handler(ctx -> widgetScript.serve(ctx, WidgetScript.VERSIONED));
    routes
        .operations(HttpMethod.GET, "/widgets/:file")
        .handler(
            ctx -> {
              String file = ctx.pathParam("file");
              if (file.equals("vitrina.js") || file.equals("tracker.js")) {
                widgetScript.serve(ctx, WidgetScript.UNVERSIONED);
              } else {
                ctx.next(); // the router's 404
              }
            });
  }

  /** Up while the process serves and no capability is dead; 503 naming the dead ones else. */
  private void health(RoutingContext ctx) {
    JsonObject capabilities = new JsonObject();
    boolean dead = describe(capabilities);
    JsonObject body = new JsonObject().put("status", dead ? "down" : "up");
    if (dead) body.put("capabilities", capabilities);
    JsonResponse.send(ctx, dead ? 503 : 200, body);
  }

  private void ready(RoutingContext ctx) {
    Lifecycle.State state = lifecycle.state();
    ModelSnapshot model = models.current();
    JsonObject capabilities = new JsonObject();
    boolean dead = describe(capabilities);
    boolean ready = state == Lifecycle.State.READY && !dead;
    JsonObject body =
        new JsonObject()
            .put("status", dead ? "not_ready" : state.name().toLowerCase(Locale.ROOT))
            .put("items", catalog.size())
            .put(
                "model_built_at",
                model.builtAt().getEpochSecond() == 0 ? null : model.builtAt().toString())
            .put("capabilities", capabilities);
    JsonResponse.send(ctx, ready ? 200 : 503, body);
  }

  /**
   * Puts each checked capability's state into {@code out}: {@code {"ready": true}}, or {@code
   * {"ready": false, "reason": "..."}}; true when one is not ready.
   */
  private boolean describe(JsonObject out) {
    boolean dead = false;
    for (Map.Entry<String, Optional<String>> check : readiness.problems().entrySet()) {
      JsonObject state = new JsonObject().put("ready", check.getValue().isEmpty());
      check.getValue().ifPresent(reason -> state.put("reason", reason));
      dead |= check.getValue().isPresent();
      out.put(check.getKey(), state);
    }
    return dead;
  }
}
