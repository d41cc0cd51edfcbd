package io.vitrina.server.campaigns;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.campaign.Content;
import io.vitrina.engine.campaign.Device;
import io.vitrina.engine.campaign.Targeting;
import io.vitrina.engine.campaign.UrlPattern;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.Problem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The JSON of what campaigns and slots share, a content and a targeting, both ways. Reading adds
 * every problem, with its path, to the list it is given.
 */
final class Shapes {
  private Shapes() {}

  static final int MAX_TITLE = 200;
  static final int MAX_TEXT = 2_000;
  static final int MAX_LABEL = 100;
  static final int MAX_STRIP = 20;
  static final int DEFAULT_STRIP = 4;
  static final int MAX_URL_PATTERNS = 50;

  /**
   * What a saved campaign or slot may name, checked when it is saved; null reads as stored, without
   * the checks (a segment deleted since only stops matching).
   */
  record Known(Predicate<String> segment, Predicate<String> algorithm, Predicate<String> block) {}

  /** A content; {@code typed}: a slot's, which says its type. Null when it has problems. */
  static Content content(
      JsonObject json, String prefix, boolean typed, Known known, List<Problem> problems) {
    int before = problems.size();
    JsonFields f = new JsonFields(json, prefix, problems);
    Content.Type type = typed ? type(f) : null;
    String titleText = limited(f, "title", MAX_TITLE);
    String body = limited(f, "text", MAX_TEXT);
    String imageUrl = url(f, "image");
    Content.Cta cta = cta(f.object("cta"), prefix + "cta.", known != null, problems);
    Content.ItemStrip items = strip(f.object("items"), prefix + "items.", known, problems);
    if (known != null) f.refuseUnknown();
    // What the content shows, as sent: an empty one is said even when another field is wrong.
    boolean title = given(f, "title");
    boolean text = given(f, "text");
    boolean image = given(f, "image");
    boolean strip = given(f, "items");
    if (!title && !text && !image && !strip)
      problems.add(
          new Problem(
              -1, stripDot(prefix), "is empty: give it a title, a text, an image or items"));
    else if (type == Content.Type.BANNER && !image) f.problem("image", "is required for a banner");
    else if (type == Content.Type.TEXT && !title && !text)
      f.problem("text", "is required for a text (or a title)");
    else if (type == Content.Type.ITEMS && !strip) f.problem("items", "is required for items");
    return problems.size() > before
        ? null
        : new Content(type, titleText, body, imageUrl, cta, items);
  }

  private static boolean given(JsonFields f, String field) {
    Object value = f.value(field);
    return value != null && !(value instanceof String s && s.isBlank());
  }

  private static Content.Type type(JsonFields f) {
    String raw = f.text("type", true);
    if (raw == null) return null;
    for (Content.Type t : Content.Type.values()) if (t.wireName().equals(raw)) return t;
    f.problem("type", "must be banner, text or items, was '" + raw + "'");
    return null;
  }

  private static String limited(JsonFields f, String field, int max) {
    String s = f.text(field, false);
    if (s == null || s.isBlank()) return null;
    if (s.length() > max) {
      f.problem(field, "is longer than " + max + " characters");
      return null;
    }
    return s;
  }

  private static String url(JsonFields f, String field) {
    String url = f.text(field, false);
    if (url == null) return null;
    if (!Content.safeUrl(url)) {
      f.problem(
          field,
          "must be an http(s) URL or a root-relative path such as /demo/cart, was '" + url + "'");
      return null;
    }
    return url;
  }

  private static Content.Cta cta(
      JsonObject json, String prefix, boolean refuseUnknown, List<Problem> problems) {
    if (json == null) return null;
    JsonFields f = new JsonFields(json, prefix, problems);
    String label = f.text("label", true);
    if (label != null && label.length() > MAX_LABEL) {
      f.problem("label", "is longer than " + MAX_LABEL + " characters");
      label = null;
    }
    String url = url(f, "url");
    if (url == null && f.value("url") == null) f.problem("url", "is required");
    if (refuseUnknown) f.refuseUnknown();
    return label == null || label.isBlank() || url == null ? null : new Content.Cta(label, url);
  }

  private static Content.ItemStrip strip(
      JsonObject json, String prefix, Known known, List<Problem> problems) {
    if (json == null) return null;
    int before = problems.size();
    JsonFields f = new JsonFields(json, prefix, problems);
    String algorithm = f.term("algorithm");
    String block = f.id("block", false);
    Integer limit = f.integer("limit", false, 1);
    if (limit != null && limit > MAX_STRIP) f.problem("limit", "must be at most " + MAX_STRIP);
    if ((algorithm == null) == (block == null))
      f.problem(
          algorithm == null ? "algorithm" : "block",
          "needs one of algorithm (an algorithm's name) or block (a saved block's name)");
    else if (known != null && algorithm != null && !known.algorithm().test(algorithm))
      f.problem("algorithm", "unknown algorithm '" + algorithm + "'");
    else if (known != null && block != null && !known.block().test(block))
      f.problem("block", "no block named '" + block + "'; save the block first");
    if (known != null) f.refuseUnknown();
    if (problems.size() > before) return null;
    int size = limit != null ? limit : block != null ? 0 : DEFAULT_STRIP;
    return new Content.ItemStrip(algorithm, block, size);
  }

  private static String stripDot(String prefix) {
    return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  /** A targeting, or {@link Targeting#EVERYONE} when absent (or when it has problems). */
  static Targeting targeting(JsonObject json, String prefix, Known known, List<Problem> problems) {
    if (json == null) return Targeting.EVERYONE;
    int before = problems.size();
    JsonFields f = new JsonFields(json, prefix, problems);
    List<String> segments = f.strings("segments");
    if (known != null)
      for (int i = 0; i < segments.size(); i++)
        if (!known.segment().test(segments.get(i)))
          f.problem("segments[" + i + "]", "no segment '" + segments.get(i) + "'");
    List<String> globs = f.strings("urls");
    if (globs.size() > MAX_URL_PATTERNS)
      f.problem("urls", "has " + globs.size() + " patterns; at most " + MAX_URL_PATTERNS);
    List<UrlPattern> urls = new ArrayList<>();
    for (int i = 0; i < globs.size(); i++) {
      String problem = UrlPattern.problem(globs.get(i));
      if (problem != null) f.problem("urls[" + i + "]", problem);
      else urls.add(UrlPattern.of(globs.get(i)));
    }
    List<String> deviceNames = f.strings("devices");
    Set<Device> devices = EnumSet.noneOf(Device.class);
    for (int i = 0; i < deviceNames.size(); i++) {
      Device d = Device.fromWireName(deviceNames.get(i)).orElse(null);
      if (d == null)
        f.problem(
            "devices[" + i + "]",
            "must be desktop, mobile or tablet, was '" + deviceNames.get(i) + "'");
      else devices.add(d);
    }
    Targeting.VisitorKind visitor = visitor(f);
    Targeting.Cart cart = cart(f.object("cart"), prefix + "cart.", known != null, problems);
    if (known != null) f.refuseUnknown();
    if (problems.size() > before) return Targeting.EVERYONE;
    return new Targeting(segments, urls, devices, visitor, cart);
  }

  private static Targeting.Cart cart(
      JsonObject json, String prefix, boolean refuseUnknown, List<Problem> problems) {
    if (json == null) return Targeting.Cart.ANY;
    JsonFields f = new JsonFields(json, prefix, problems);
    Integer minItems = f.integer("min_items", false, 0);
    Double min = f.number("min_value", false, 0);
    Double max = f.number("max_value", false, 0);
    if (min != null && max != null && min > max)
      f.problem("max_value", "must be at least min_value (" + min + "), was " + max);
    if (refuseUnknown) f.refuseUnknown();
    return new Targeting.Cart(minItems, min, max);
  }

  private static Targeting.VisitorKind visitor(JsonFields f) {
    String raw = f.text("visitor", false);
    if (raw == null) return Targeting.VisitorKind.ANY;
    for (Targeting.VisitorKind k : Targeting.VisitorKind.values())
      if (k.wireName().equals(raw)) return k;
    f.problem("visitor", "must be any, new or returning, was '" + raw + "'");
    return Targeting.VisitorKind.ANY;
  }

  static JsonObject toJson(Content content) {
    JsonObject json = new JsonObject();
    if (content.type() != null) json.put("type", content.type().wireName());
    if (content.title() != null) json.put("title", content.title());
    if (content.text() != null) json.put("text", content.text());
    if (content.image() != null) json.put("image", content.image());
    if (content.cta() != null)
      json.put(
          "cta",
          new JsonObject().put("label", content.cta().label()).put("url", content.cta().url()));
    Content.ItemStrip strip = content.items();
    if (strip != null) {
      JsonObject items = new JsonObject();
      if (strip.algorithm() != null) items.put("algorithm", strip.algorithm());
      if (strip.block() != null) items.put("block", strip.block());
      if (strip.limit() > 0) items.put("limit", strip.limit());
      json.put("items", items);
    }
    return json;
  }

  static JsonObject toJson(Targeting targeting) {
    JsonObject json = new JsonObject();
    if (!targeting.segments().isEmpty()) json.put("segments", new JsonArray(targeting.segments()));
    if (!targeting.urls().isEmpty())
      json.put("urls", new JsonArray(targeting.urls().stream().map(UrlPattern::glob).toList()));
    if (!targeting.devices().isEmpty())
      json.put(
          "devices",
          new JsonArray(targeting.devices().stream().sorted().map(Device::wireName).toList()));
    if (targeting.visitor() != Targeting.VisitorKind.ANY)
      json.put("visitor", targeting.visitor().wireName());
    Targeting.Cart cart = targeting.cart();
    if (!cart.equals(Targeting.Cart.ANY)) {
      JsonObject c = new JsonObject();
      if (cart.minItems() != null) c.put("min_items", cart.minItems());
      if (cart.minValue() != null) c.put("min_value", cart.minValue());
      if (cart.maxValue() != null) c.put("max_value", cart.maxValue());
      json.put("cart", c);
    }
    return json;
  }
}
