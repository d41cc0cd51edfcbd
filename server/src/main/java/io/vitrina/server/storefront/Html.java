package io.vitrina.server.storefront;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Escaping for server-rendered pages: every value a page prints goes through one of these, so that
 * a catalog title such as {@code <img src=x onerror=alert(1)>} is shown as text, never run.
 */
final class Html {
  private Html() {}

  /**
   * Text for element content and for quoted attribute values (also valid XML, for the SVG
   * pictures): {@code & < > " '} as entities; null as empty.
   */
  static String escape(String text) {
    if (text == null) return "";
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String entity =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (entity == null) {
        if (out != null) out.append(c);
        continue;
      }
      if (out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
      out.append(entity);
    }
    return out == null ? text : out.toString();
  }

  /**
   * A catalog URL for an {@code href} or {@code src}, escaped: http(s) or root-relative only, else
   * {@code fallback} ({@code javascript:} and the like never reach a page).
   */
  static String url(String url, String fallback) {
    if (url == null) return escape(fallback);
    String lower = url.trim().toLowerCase(Locale.ROOT);
    boolean safe =
        lower.startsWith("https://")
            || lower.startsWith("http://")
            || (lower.startsWith("/") && !lower.startsWith("//") && !lower.startsWith("/\\"));
    return escape(safe ? url.trim() : fallback);
  }

  /** A value for a URL's path segment or query. */
  static String component(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** "$1,299.99". */
  static String price(double price) {
    return String.format(Locale.US, "$%,.2f", price);
  }
}
