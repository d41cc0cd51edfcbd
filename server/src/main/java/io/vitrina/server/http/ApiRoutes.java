package io.vitrina.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;

/**
 * Where a capability adds its endpoints. The three kinds differ in what every endpoint of the kind
 * gets, so that no endpoint can forget it: storefront endpoints live under {@code /v1} with CORS
 * and the site key, admin endpoints under {@code /v1/admin} with the admin key, operations
 * endpoints at the root with no key. Errors are answered as JSON by one failure handler: a handler
 * fails the context ({@code ctx.fail(e)}) or throws, and {@link ApiErrors} maps the exception to a
 * status.
 */
public interface ApiRoutes {
  /** {@code /v1<path>}: called by storefronts and browsers. */
  Route storefront(HttpMethod method, String path);

  /**
   * A storefront endpoint whose body is read whole before its handlers run ({@code ctx.body()}), up
   * to {@code maxBodyBytes} (413 beyond). Streaming endpoints use {@link #storefront} and read the
   * request themselves.
   */
  Route storefrontWithBody(HttpMethod method, String path, long maxBodyBytes);

  /** {@code /v1/admin<path>}: called by the store's back office. */
  Route admin(HttpMethod method, String path);

  /** An admin endpoint whose body is read whole first, up to {@code maxBodyBytes} (413 beyond). */
  Route adminWithBody(HttpMethod method, String path, long maxBodyBytes);

  /** {@code <path>} at the root: health, metrics, documentation, static files. */
  Route operations(HttpMethod method, String path);

  Vertx vertx();
}
