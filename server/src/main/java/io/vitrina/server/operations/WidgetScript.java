package io.vitrina.server.operations;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The browser script ({@code widgets-js/dist/vitrina.js}, bundled by the Maven build into the class
 * path folder {@code widgets}), read once and served from memory. The versioned path is cached for
 * a year (a new version gets a new path); the unversioned names for five minutes, so a shop that
 * embeds them picks up an upgrade soon. An ETag answers conditional requests with 304.
 */
final class WidgetScript {
  static final String RESOURCE = "widgets/vitrina.js";
  static final String VERSIONED = "public, max-age=31536000, immutable";
  static final String UNVERSIONED = "public, max-age=300";

  private final Buffer body;
  private final String etag;

  private WidgetScript(byte[] bytes) {
    this.body = Buffer.buffer(bytes);
    this.etag = "\"" + sha256(bytes).substring(0, 32) + "\"";
  }

  static WidgetScript load() {
    try (InputStream in = WidgetScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE
                + " is missing from the class path: the Maven build makes it (npm ci and npm run"
                + " build in widgets-js); build the server with mvn -pl server -am package");
      }
      return new WidgetScript(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void serve(RoutingContext ctx, String cacheControl) {
    var response =
        ctx.response()
            .putHeader("Content-Type", "text/javascript; charset=utf-8")
            .putHeader("Cache-Control", cacheControl)
            .putHeader("ETag", etag)
            .putHeader("X-Content-Type-Options", "nosniff");
    String match = ctx.request().getHeader("If-None-Match");
    if (match != null && (match.contains(etag) || match.trim().equals("*"))) {
      response.setStatusCode(304).end();
    } else {
      response.end(body);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
