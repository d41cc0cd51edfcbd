package io.vitrina.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@link ApiRoutes} of one router: storefront endpoints on a {@code /v1} sub-router with CORS
 * set once, admin endpoints on a {@code /v1/admin} sub-router behind the admin key, and a record of
 * every endpoint added, which a test compares with {@code /openapi.yaml}.
 */
final class RouteTable implements ApiRoutes {
  /** One endpoint as the API description names it: method and full path with {@code :params}. */
  record Endpoint(HttpMethod method, String path) {}

  private final Vertx vertx;
  private final Router root;
  private final Router storefront;
  private final Router admin;
  private final AccessKeys keys;
  private final List<Endpoint> endpoints = new ArrayList<>();

  RouteTable(Vertx vertx, Router root, ApiSettings settings) {
    this.vertx = vertx;
    this.root = root;
    this.keys = new AccessKeys(settings.siteKey(), settings.adminKey());
    this.admin = Router.router(vertx);
    // Admin answers hold the store's own data (shoppers, reports): no browser or proxy keeps them.
    admin
        .route()
        .handler(
            ctx -> {
              ctx.response().putHeader("Cache-Control", "no-store");
              ctx.next();
            });
    admin.route().handler(keys::requireAdminKey);
    this.storefront = Router.router(vertx);
    storefront.route().handler(cors(settings.corsOrigins()));
    // Admin first: its sub-router falls through to the next match when it has no such endpoint.
    root.route("/v1/admin*").subRouter(admin);
    root.route("/v1*").subRouter(storefront);
  }

  private static CorsHandler cors(List<String> origins) {
    CorsHandler cors =
        CorsHandler.create()
            .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST))
            .allowedHeaders(Set.of("Content-Type", "X-Site-Key"))
            .maxAgeSeconds(3600);
    if (!origins.contains("*")) cors.addOrigins(origins);
    return cors;
  }

  /** Routing-context key of the endpoint's path pattern, for per-route metrics. */
  static final String PATTERN = "vitrina.route";

  @Override
  public Route storefront(HttpMethod method, String path) {
    return add(storefront.route(method, path), method, "/v1" + path).handler(keys::requireSiteKey);
  }

  @Override
  public Route storefrontWithBody(HttpMethod method, String path, long maxBodyBytes) {
    // Vert.x wants the body handler first on a route.
    Route route =
        storefront
            .route(method, path)
            .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    return add(route, method, "/v1" + path).handler(keys::requireSiteKey);
  }

  @Override
  public Route admin(HttpMethod method, String path) {
    return add(admin.route(method, path), method, "/v1/admin" + path);
  }

  @Override
  public Route adminWithBody(HttpMethod method, String path, long maxBodyBytes) {
    Route route =
        admin.route(method, path).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    return add(route, method, "/v1/admin" + path);
  }

  @Override
  public Route operations(HttpMethod method, String path) {
    return add(root.route(method, path), method, path);
  }

  private Route add(Route route, HttpMethod method, String fullPath) {
    endpoints.add(new Endpoint(method, fullPath));
    return route.handler(
        ctx -> {
          ctx.put(PATTERN, fullPath);
          ctx.next();
        });
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  List<Endpoint> endpoints() {
    return List.copyOf(endpoints);
  }
}
