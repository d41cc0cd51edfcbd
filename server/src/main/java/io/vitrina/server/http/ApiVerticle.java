package io.vitrina.server.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vitrina.engine.algorithm.Algorithm;
import io.vitrina.engine.model.ModelSnapshot;
import io.vitrina.server.ServerConfig;
import io.vitrina.server.Vitrina;
import java.util.Set;

/**
 * The HTTP API. One instance per event loop; all instances share the service's state, which is
 * thread-safe. Handlers never block: storage is asynchronous and index writes go to workers.
 */
public final class ApiVerticle extends VerticleBase {
  private final Vitrina app;

  public ApiVerticle(Vitrina app) {
    this.app = app;
  }

  @Override
  public Future<?> start() {
    ServerConfig config = app.config();
    Router router = Router.router(vertx);
    router.route().handler(this::measure);
    AccessKeys keys = new AccessKeys(config.siteKey(), config.adminKey());

    router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "up")));
    router.get("/ready").handler(this::ready);
    router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(app.metrics().scrape()));
    io.vertx.core.buffer.Buffer openApi = vertx.fileSystem().readFileBlocking("api/openapi.yaml"); // once, at deploy
    router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(openApi));
    router.get("/widgets/*").handler(StaticHandler.create("widgets").setMaxAgeSeconds(300));

    publicApi(router, config, keys);
    adminApi(router, keys);
    router.route().last().handler(ctx -> ctx.fail(404));
    router.route().failureHandler(ApiErrors::onFailure);

    return vertx.createHttpServer(new HttpServerOptions()
            .setCompressionSupported(true)
            // No h2c upgrade: an upgrade consumes a request body before the streaming catalog
            // handlers can read it. HTTP/1.1 keep-alive serves storefront backends well.
            .setHttp2ClearTextEnabled(false))
        .requestHandler(router)
        .listen(config.port(), config.host());
  }

  private void publicApi(Router router, ServerConfig config, AccessKeys keys) {
    CorsHandler cors = CorsHandler.create()
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST))
        .allowedHeaders(Set.of("Content-Type", "X-Site-Key"))
        .maxAgeSeconds(3600);
    if (!config.corsOrigins().contains("*")) cors.addOrigins(config.corsOrigins());
    router.route("/v1/events").handler(cors);
    router.route("/v1/recommendations/*").handler(cors);
    router.route("/v1/algorithms").handler(cors);

    EventsHandler events = new EventsHandler(app);
    router.post("/v1/events")
        .handler(BodyHandler.create(false).setBodyLimit(config.eventBodyLimit()))
        .handler(keys::requireSiteKey)
        .handler(events::handle);
    RecommendationsHandler recommendations = new RecommendationsHandler(app);
    router.get("/v1/recommendations/:algorithm").handler(keys::requireSiteKey).handler(recommendations::handle);
    router.get("/v1/algorithms").handler(keys::requireSiteKey).handler(this::algorithms);
  }

  private void adminApi(Router router, AccessKeys keys) {
    router.route("/v1/admin/*").handler(keys::requireAdminKey);
    CatalogHandler catalog = new CatalogHandler(app, app.config().catalogBodyLimit());
    router.post("/v1/admin/items").handler(catalog::upsert);
    router.get("/v1/admin/items/:id").handler(catalog::get);
    router.delete("/v1/admin/items/:id").handler(catalog::delete);
    router.post("/v1/admin/feeds/yml").handler(catalog::importYml);
    router.post("/v1/admin/models/rebuild").handler(this::rebuild);
    router.get("/v1/admin/models/current").handler(ctx -> json(ctx, 200, model(app.index().model())));
  }

  /** Latency per route pattern (never per raw path, which would explode the label set). */
  private void measure(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addEndHandler(x -> {
      String route = ctx.currentRoute() != null && ctx.currentRoute().getPath() != null ? routeOf(ctx) : "unmatched";
      app.metrics().recordRequest(ctx.request().method().name(), route, ctx.response().getStatusCode(), System.nanoTime() - started);
    });
    ctx.next();
  }

  private static String routeOf(RoutingContext ctx) {
    String path = ctx.currentRoute().getPath();
    return path.endsWith("*") || ctx.statusCode() == 404 && path.equals("/") ? "unmatched" : path;
  }

  private void ready(RoutingContext ctx) {
    JsonObject body = new JsonObject().put("status", app.ready() ? "ready" : app.stopping() ? "stopping" : "starting")
        .put("items", app.index().size())
        .put("model_built_at", app.index().model().builtAt().getEpochSecond() == 0 ? null : app.index().model().builtAt().toString());
    json(ctx, app.ready() ? 200 : 503, body);
  }

  private void algorithms(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    for (Algorithm a : app.recommender().algorithms().all()) {
      list.add(new JsonObject().put("name", a.name()).put("description", a.description()).put("needs_item", a.needsItem())
          .put("fallbacks", new JsonArray(a.fallbacks())));
    }
    json(ctx, 200, new JsonObject().put("algorithms", list));
  }

  private void rebuild(RoutingContext ctx) {
    app.models().rebuild().onComplete(result -> {
      if (result.succeeded()) json(ctx, 200, model(result.result()));
      else ApiErrors.send(ctx, 503, "model_build_failed", "the model build failed; the previous model keeps serving: " + result.cause().getMessage());
    });
  }

  private static JsonObject model(ModelSnapshot model) {
    ModelSnapshot.Stats s = model.stats();
    return new JsonObject()
        .put("built_at", model.builtAt().getEpochSecond() == 0 ? null : model.builtAt().toString())
        .put("interactions", s.events())
        .put("shoppers", s.shoppers())
        .put("items_with_view_indicators", s.itemsWithViewIndicators())
        .put("items_with_purchase_indicators", s.itemsWithBuyIndicators())
        .put("build_millis", s.buildMillis());
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
