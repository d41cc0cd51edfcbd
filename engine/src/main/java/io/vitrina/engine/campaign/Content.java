package io.vitrina.engine.campaign;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a pop-up or a slot shows. Every text is plain text (the script inserts it as text); every
 * URL is http(s) or root-relative.
 *
 * @param type what a slot's content is; null for a campaign's, which may have any of the fields
 * @param title a heading, or null
 * @param text a paragraph, or null
 * @param image an image URL, or null
 * @param cta the call to action, or null
 * @param items a strip of items, or null
 */
public record Content(
    Type type, String title, String text, String image, Cta cta, ItemStrip items) {
  /** A slot's kind of content. */
  public enum Type {
    /** Image, title, text and a call to action. */
    BANNER,
    /** Title, text and a call to action. */
    TEXT,
    /** A title and a strip of items. */
    ITEMS;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A call to action: a button's label and where it leads. */
  public record Cta(String label, String url) {}

  /**
   * The items a content carries, from an algorithm or a saved block, for the page's shopper and
   * context.
   *
   * @param algorithm the algorithm's name, or null when a block is named
   * @param block the saved block's name, or null when an algorithm is named
   * @param limit how many items at most (for a block, its own size when 0)
   */
  public record ItemStrip(String algorithm, String block, int limit) {}

  private static final Pattern ABSOLUTE = Pattern.compile("https?://[^\\s/?#]+[^\\s]*");

  /** Whether {@code url} may be shown: an http(s) URL or a root-relative path, no spaces. */
  public static boolean safeUrl(String url) {
    if (url == null || url.isEmpty() || url.length() > 2_000) return false;
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://"))
      return ABSOLUTE.matcher(url).matches();
    // "//host" is another origin, not a path of this one; browsers read "/\host" as "//host".
    return url.startsWith("/")
        && !url.startsWith("//")
        && url.indexOf('\\') < 0
        && url.chars().noneMatch(c -> c <= ' ');
  }

  /**
   * Whether its item strip is all it shows (an items slot, or a pop-up without title, text or
   * image): with no items it shows nothing, and is passed over.
   */
  public boolean itemsAlone() {
    return items != null && (type == Type.ITEMS || (blank(title) && blank(text) && blank(image)));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
