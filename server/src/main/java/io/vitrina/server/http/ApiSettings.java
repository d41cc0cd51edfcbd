package io.vitrina.server.http;

import java.util.List;

/**
 * What the HTTP layer is told at start.
 *
 * @param corsOrigins origins allowed to call storefront endpoints from browsers, or {@code *}
 */
public record ApiSettings(
    String host, int port, String siteKey, String adminKey, List<String> corsOrigins) {
  public ApiSettings {
    corsOrigins = List.copyOf(corsOrigins);
  }
}
