package io.vitrina.server.http;

import io.vertx.core.json.JsonObject;

/**
 * A request the API answers with an error of its own choosing: the status, a stable code and a
 * message a person can act on, plus any fields the body should carry. Fail the routing context with
 * it, or throw it from a handler.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final transient JsonObject extra;
  private final Integer retryAfterSeconds;

  public ApiException(int status, String code, String message) {
    this(status, code, message, new JsonObject(), null);
  }

  public ApiException(int status, String code, String message, JsonObject extra) {
    this(status, code, message, extra, null);
  }

  private ApiException(
      int status, String code, String message, JsonObject extra, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 503 with a {@code Retry-After}: the service cannot take the request now, but will soon. */
  public static ApiException unavailable(String code, String message, int retryAfterSeconds) {
    return new ApiException(503, code, message, new JsonObject(), retryAfterSeconds);
  }

  /** Seconds for the {@code Retry-After} header, or null. */
  Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  /** The JSON body: the extra fields, then {@code error} and {@code message}. */
  JsonObject body() {
    return extra.copy().put("error", code).put("message", getMessage());
  }
}
