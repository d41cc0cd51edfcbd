package io.vitrina.server.dashboard;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;

/**
 * The experiments dashboard at {@code /admin/}: static files from the class-path folder {@code
 * dashboard}, a page that asks for the admin key and then reads the admin API itself. The files
 * hold no data and no key, so they need no key to fetch; what they show comes from {@code
 * /v1/admin/experiments}, which does.
 */
public final class DashboardCapability implements Capability {
  /** Where the page's files live in the jar (from {@code src/main/resources/dashboard}). */
  static final String FOLDER = "dashboard";

  /**
   * The page's own files only: no inline script or style, no other origin, no framing (a framed
   * sign-in form could be overlaid and clicked through), forms posted nowhere else.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  @Override
  public void routes(ApiRoutes routes) {
    routes
        .operations(HttpMethod.GET, "/admin/*")
        .handler(DashboardCapability::guarded)
        .handler(StaticHandler.create(FOLDER).setIndexPage("index.html"));
  }

  /**
   * Security headers on every answer, and {@code /admin} sent to {@code /admin/} so that the page's
   * relative addresses resolve under it.
   */
  private static void guarded(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (ctx.request().path().equals("/admin")) {
      response.setStatusCode(301).putHeader(HttpHeaders.LOCATION, "/admin/").end();
      return;
    }
    // Checked on each load (a 304 when unchanged), so that after an upgrade the page and its
    // scripts are never of two versions; the static handler's own max-age is replaced.
    ctx.addHeadersEndHandler(
        ended -> response.headers().set(HttpHeaders.CACHE_CONTROL, "no-cache"));
    ctx.next();
  }
}
