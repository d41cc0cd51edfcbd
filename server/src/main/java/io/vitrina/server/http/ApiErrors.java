package io.vitrina.server.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.InvalidQueryException;
import io.vitrina.server.input.Problem;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the API returns is JSON: {@code {"error": code, "message": what a person can act on,
 * "errors": [{"index", "field", "message"}]}}. The router's failure handler is the one place where
 * exceptions become statuses.
 */
public final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  /** A client learns the pattern from the first problems; the rest only add bytes. */
  public static final int MAX_LISTED = 100;

  private ApiErrors() {}

  public static void send(RoutingContext ctx, int status, String code, String message) {
    send(ctx, status, new JsonObject().put("error", code).put("message", message));
  }

  public static void send(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) return;
    if (ctx.response().headWritten()) {
      ctx.response().end();
      return;
    }
    JsonResponse.send(ctx, status, body);
  }

  public static JsonArray list(List<Problem> problems) {
    JsonArray out = new JsonArray();
    problems.stream().limit(MAX_LISTED).forEach(p -> out.add(p.toJson()));
    return out;
  }

  /**
   * Requests the HTTP decoder refused before any route saw them (a request line or headers over
   * Vert.x's limits, or not HTTP at all): answered in JSON like every other error, then closed.
   */
  static void onInvalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    JsonObject body;
    int status;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      body =
          error(
              "uri_too_long",
              "the request line is longer than "
                  + HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH
                  + " bytes; send fewer or shorter parameters");
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      body =
          error(
              "headers_too_large",
              "the request headers are larger than "
                  + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE
                  + " bytes");
    } else {
      status = 400;
      body =
          error(
              "malformed_request",
              "the request is not valid HTTP"
                  + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", JsonResponse.CONTENT_TYPE)
        .putHeader("Connection", "close")
        .end(body.encode());
  }

  private static JsonObject problems(String code, InvalidInputException e) {
    return error(code, e.getMessage()).put("errors", list(e.problems()));
  }

  /** An error about one query parameter, also named in {@code errors} as a 400's would be. */
  private static JsonObject problems(String code, String parameter, String message) {
    return error(code, message).put("errors", list(List.of(new Problem(-1, parameter, message))));
  }

  private static JsonObject error(String code, String message) {
    return new JsonObject().put("error", code).put("message", message);
  }

  /** Router failure handler: turns exceptions and bare status codes into JSON. */
  static void onFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    switch (failure) {
      case ApiException e -> {
        if (e.retryAfterSeconds() != null)
          ctx.response().putHeader("Retry-After", e.retryAfterSeconds().toString());
        send(ctx, e.status(), e.body());
      }
      case InvalidQueryException e -> send(ctx, 400, problems("invalid_parameter", e));
      case InvalidInputException e -> send(ctx, 400, problems("invalid_input", e));
      case Recommender.UnknownAlgorithmException e ->
          send(ctx, 404, "unknown_algorithm", e.getMessage());
      // A fallback is a query parameter: an unknown name is the request's mistake, not a lookup's.
      case Recommender.UnknownFallbackException e ->
          send(ctx, 400, problems("invalid_parameter", "fallback", e.getMessage()));
      case Recommender.MissingContextException e ->
          send(ctx, 400, "missing_context", e.getMessage());
      case Recommender.UnknownItemException e ->
          send(ctx, 404, problems("unknown_item", "item", e.getMessage()));
      case Recommender.UnknownCategoryException e ->
          send(ctx, 404, problems("unknown_category", "category", e.getMessage()));
      case null, default -> onStatus(ctx, ctx.statusCode(), failure);
    }
  }

  private static void onStatus(RoutingContext ctx, int status, Throwable failure) {
    if (status == 413) {
      send(ctx, 413, "body_too_large", "the request body is larger than this endpoint accepts");
    } else if (status == 404) {
      send(
          ctx,
          404,
          "not_found",
          "no such endpoint: "
              + ctx.request().method()
              + " "
              + ctx.request().path()
              + " (see /openapi.yaml)");
    } else if (status == 403) {
      // CorsHandler rejects an origin outside --cors-origins this way.
      send(
          ctx,
          403,
          "forbidden",
          failure != null && failure.getMessage() != null ? failure.getMessage() : "forbidden");
    } else if (status > 0 && status < 500) {
      send(
          ctx,
          status,
          "bad_request",
          failure != null && failure.getMessage() != null ? failure.getMessage() : "bad request");
    } else {
      LOG.error("Request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
      send(ctx, 500, "internal_error", "the service failed to answer; the error is in its log");
    }
  }
}
