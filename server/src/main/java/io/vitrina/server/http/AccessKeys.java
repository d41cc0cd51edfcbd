package io.vitrina.server.http;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The two keys of the API. The site key is public (it sits in every storefront page) and only tells
 * tenants' traffic apart; the admin key is a secret and guards everything under /v1/admin.
 */
final class AccessKeys {
  private final byte[] siteKey;
  private final byte[] adminKey;

  AccessKeys(String siteKey, String adminKey) {
    this.siteKey = siteKey.getBytes(StandardCharsets.UTF_8);
    this.adminKey = adminKey.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Header {@code X-Site-Key}, or {@code site_key} in the query for beacons, which cannot set
   * headers.
   */
  void requireSiteKey(RoutingContext ctx) {
    String given = ctx.request().getHeader("X-Site-Key");
    if (given == null) given = ctx.request().getParam("site_key");
    if (given == null) {
      ApiErrors.send(
          ctx,
          401,
          "missing_site_key",
          "send the site key in the X-Site-Key header or the site_key parameter");
    } else if (!matches(given, siteKey)) {
      ApiErrors.send(ctx, 403, "wrong_site_key", "the site key is not this store's");
    } else {
      ctx.next();
    }
  }

  /** Header {@code X-Admin-Key}, or {@code Authorization: Bearer <key>}. */
  void requireAdminKey(RoutingContext ctx) {
    String given = ctx.request().getHeader("X-Admin-Key");
    String authorization = ctx.request().getHeader("Authorization");
    if (given == null
        && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      given = authorization.substring(7).trim();
    }
    if (given == null) {
      ApiErrors.send(
          ctx,
          401,
          "missing_admin_key",
          "admin endpoints need the admin key in X-Admin-Key or Authorization: Bearer");
    } else if (!matches(given, adminKey)) {
      ApiErrors.send(ctx, 403, "wrong_admin_key", "the admin key is wrong");
    } else {
      ctx.next();
    }
  }

  /** Constant-time, so response timing does not reveal how much of a guess was right. */
  private static boolean matches(String given, byte[] expected) {
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected);
  }
}
