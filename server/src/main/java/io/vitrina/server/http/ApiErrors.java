package io.vitrina.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.server.ingest.Problem;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the API returns is JSON: {@code {"error": code, "message": what a person can act on,
 * "errors": [{"index", "field", "message"}]}}.
 */
final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
  /** A client learns the pattern from the first problems; the rest only add bytes. */
  static final int MAX_LISTED = 100;

  private ApiErrors() {}

  static void send(RoutingContext ctx, int status, String code, String message) {
    send(ctx, status, new JsonObject().put("error", code).put("message", message));
  }

  static void send(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) return;
    if (ctx.response().headWritten()) {
      ctx.response().end();
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
  }

  static JsonArray list(List<Problem> problems) {
    JsonArray out = new JsonArray();
    problems.stream().limit(MAX_LISTED).forEach(p -> out.add(p.toJson()));
    return out;
  }

  /** Router failure handler: turns status codes and uncaught exceptions into JSON. */
  static void onFailure(RoutingContext ctx) {
    int status = ctx.statusCode();
    Throwable failure = ctx.failure();
    if (status == 413) {
      send(ctx, 413, "body_too_large", "the request body is larger than this endpoint accepts");
    } else if (status == 404) {
      send(ctx, 404, "not_found", "no such endpoint: " + ctx.request().method() + " " + ctx.request().path() + " (see /openapi.yaml)");
    } else if (status == 403) {
      // CorsHandler rejects an origin outside --cors-origins this way.
      send(ctx, 403, "forbidden", failure != null && failure.getMessage() != null ? failure.getMessage() : "forbidden");
    } else if (status > 0 && status < 500) {
      send(ctx, status, "bad_request", failure != null && failure.getMessage() != null ? failure.getMessage() : "bad request");
    } else {
      LOG.error("Request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
      send(ctx, 500, "internal_error", "the service failed to answer; the error is in its log");
    }
  }
}
