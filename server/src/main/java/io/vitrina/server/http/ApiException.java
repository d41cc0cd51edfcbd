package io.vitrina.server.http;

import io.vertx.core.json.JsonObject;

/**
 * A request the API answers with an error of its own choosing: the status, a stable code and a
 * message a person can act on. Fail the routing context with it, or throw it from a handler.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final Integer retryAfterSeconds;

  public ApiException(int status, String code, String message) {
    this(status, code, message, null);
  }

  private ApiException(int status, String code, String message, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 503 with a {@code Retry-After}: the service cannot take the request now, but will soon. */
  public static ApiException unavailable(String code, String message, int retryAfterSeconds) {
    return new ApiException(503, code, message, retryAfterSeconds);
  }

  /** Seconds for the {@code Retry-After} header, or null. */
  Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  /** The JSON body: {@code error} and {@code message}. */
  JsonObject body() {
    return new JsonObject().put("error", code).put("message", getMessage());
  }
}
