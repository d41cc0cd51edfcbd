package io.vitrina.server.input;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The JSON object a request's body must be, or a 400 that says why it is not. */
public final class JsonBody {
  private JsonBody() {}

  /**
   * @throws InvalidInputException when the body is missing or not a JSON object
   */
  public static JsonObject of(RoutingContext ctx) {
    try {
      JsonObject json = ctx.body().asJsonObject();
      if (json == null) throw new InvalidInputException(null, "the body must be a JSON object");
      return json;
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidInputException(null, "the body must be a JSON object: " + e.getMessage());
    }
  }
}
