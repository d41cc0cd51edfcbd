package io.vitrina.server.input;

import io.vertx.core.MultiMap;

/** Query parameters as handlers read them. */
public final class QueryParams {
  private QueryParams() {}

  /** The parameter's trimmed text, or null when it is absent or blank. */
  public static String text(MultiMap params, String name) {
    String value = params.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
