package io.vitrina.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Ends a request with a JSON body: what every capability's handlers answer with. */
public final class JsonResponse {
  /** JSON is UTF-8 by definition (RFC 8259): no charset parameter. */
  static final String CONTENT_TYPE = "application/json";

  private JsonResponse() {}

  public static void send(RoutingContext ctx, int status, JsonObject body) {
    send(ctx, status, body.toBuffer());
  }

  /** The same, for a body encoded already. */
  public static void send(RoutingContext ctx, int status, Buffer body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(body);
  }

  /** The same, for an answer made for this request only ({@code Cache-Control: no-store}). */
  public static void sendUncached(RoutingContext ctx, int status, JsonObject body) {
    sendUncached(ctx, status, body.toBuffer());
  }

  /** The same, for a body encoded already. */
  public static void sendUncached(RoutingContext ctx, int status, Buffer body) {
    ctx.response().putHeader("Cache-Control", "no-store");
    send(ctx, status, body);
  }
}
