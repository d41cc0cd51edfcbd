package io.vitrina.engine.campaign;

import java.util.regex.Pattern;

/**
 * A glob over a page's path: {@code *} stands for any run of characters within one path segment (no
 * {@code /}), {@code **} for any run across segments; everything else matches itself. The page's
 * query is not matched: {@code /demo/item/*} matches {@code /demo/item/42?ref=mail}.
 *
 * @param glob root-relative, as saved ({@code /demo/item/*})
 */
public record UrlPattern(String glob, Pattern regex) {
  /** The longest glob taken. */
  public static final int MAX_LENGTH = 500;

  private static final Pattern ALLOWED = Pattern.compile("/[A-Za-z0-9._~%!$&'()+,;=:@/*-]*");

  /** The pattern of {@code glob}, which {@link #problem} found well-formed. */
  public static UrlPattern of(String glob) {
    String problem = problem(glob);
    if (problem != null) throw new IllegalArgumentException(problem);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c != '*') {
        regex.append(Pattern.quote(String.valueOf(c)));
      } else if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else {
        regex.append("[^/]*");
      }
    }
    return new UrlPattern(glob, Pattern.compile(regex.toString()));
  }

  /** What is wrong with {@code glob} as a pattern, or null when nothing is. */
  public static String problem(String glob) {
    if (glob == null || glob.isEmpty()) return "must not be empty";
    if (glob.length() > MAX_LENGTH) return "is longer than " + MAX_LENGTH + " characters";
    if (!glob.startsWith("/"))
      return "must be a root-relative path such as /demo/item/*, was '" + glob + "'";
    if (glob.contains("***")) return "has '***'; use * (one segment) or ** (any segments)";
    if (!ALLOWED.matcher(glob).matches())
      return "may hold only a path's characters and * (no query, fragment or spaces), was '"
          + glob
          + "'";
    return null;
  }

  /** Whether the page at {@code url} (its path and query) is one this pattern names. */
  public boolean matches(String url) {
    if (url == null) return false;
    int query = url.indexOf('?');
    int fragment = url.indexOf('#');
    int end = query < 0 ? fragment : (fragment < 0 ? query : Math.min(query, fragment));
    return regex.matcher(end < 0 ? url : url.substring(0, end)).matches();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UrlPattern other && other.glob.equals(glob);
  }

  @Override
  public int hashCode() {
    return glob.hashCode();
  }
}
