package io.vitrina.engine.catalog;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a store's YML (Yandex Market Language) product feed into {@link Item}s.
 *
 * <p>The feed is streamed with StAX: a feed of hundreds of thousands of offers never lives in
 * memory, only the category tree does (YML puts {@code <categories>} before {@code <offers>}, so
 * category paths can be resolved as offers stream by; categories declared after the offers are not
 * seen by them). Each offer is handed to the sink as soon as it is read.
 *
 * <p>A bad offer (no id, no usable price, no title) is reported to the problem consumer and
 * skipped; the rest of the feed is still read. Broken XML stops the read with a {@link
 * FeedFormatException} carrying the line and column; offers already handed to the sink stay handed.
 *
 * <p>YML has no standard element for the date an offer was added. An offer may carry one as {@code
 * <created_at>} (an ISO-8601 instant, an offset date-time, a date, or {@code yyyy-MM-dd HH:mm} in
 * UTC as the feed's own {@code date} attribute is written); an offer without one is handed on
 * undated, so that the importer can keep the date it gave the item when it first saw it.
 *
 * <p>Feeds are untrusted input: DTDs and external entities are disabled, so an XXE or
 * entity-expansion feed fails on its first entity reference instead of reading a local file or
 * exhausting memory. The parser is given the raw bytes so that it honours the encoding declared in
 * the XML prolog (Russian feeds are often windows-1251).
 */
public final class YmlFeedReader {

  /**
   * A good offer as an item. {@code dated} says whether the feed gave its {@code createdAt}; when
   * it did not, the item carries the {@code undated} instant the read was given.
   */
  public record FeedItem(Item item, boolean dated) {}

  /** An offer that was skipped, and why. {@code offerId} is null when the offer had none. */
  public record FeedProblem(String offerId, int offerIndex, int line, String message) {}

  /** What a read produced: categories known, offers handed to the sink, offers skipped. */
  public record Stats(int categories, int itemsRead, int offersSkipped) {}

  /** The feed is not well-formed XML, or not a YML feed at all. */
  public static final class FeedFormatException extends RuntimeException {
    private final int line;
    private final int column;

    public FeedFormatException(String message, int line, int column, Throwable cause) {
      super("feed is not readable at line " + line + ", column " + column + ": " + message, cause);
      this.line = line;
      this.column = column;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }
  }

  private static final String ROOT = "yml_catalog";
  private static final String VENDOR_MODEL = "vendor.model";

  private YmlFeedReader() {}

  /**
   * Streams the feed in {@code in} (the caller closes it), handing each good offer to {@code sink}
   * and each skipped one to {@code problems}.
   *
   * @param undated the {@code createdAt} of an item whose offer names no date (the caller's now)
   * @throws FeedFormatException when the XML is malformed or the root is not {@code yml_catalog}
   */
  public static Stats read(
      InputStream in, Instant undated, Consumer<FeedItem> sink, Consumer<FeedProblem> problems) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(undated, "undated");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(problems, "problems");
    XMLStreamReader xml = open(in);
    try {
      return new Pass(xml, undated, sink, problems).run();
    } catch (XMLStreamException e) {
      throw formatError(e);
    } finally {
      closeQuietly(xml);
    }
  }

  // ---------------------------------------------------------------- parser setup

  private static XMLStreamReader open(InputStream in) {
    try {
      return secureFactory().createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      throw formatError(e);
    }
  }

  /**
   * The JDK's own StAX implementation, locked down. {@code newDefaultFactory} rather than {@code
   * newFactory} so that whichever StAX jar a dependency drags onto the classpath cannot change the
   * security behaviour that the tests pin down.
   */
  private static XMLInputFactory secureFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    // Belt and braces: even if a DTD were processed, it may not be fetched from anywhere.
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  private static FeedFormatException formatError(XMLStreamException e) {
    Location at = e.getLocation();
    int line = at == null ? -1 : at.getLineNumber();
    int column = at == null ? -1 : at.getColumnNumber();
    return new FeedFormatException(parserMessage(e), line, column, e);
  }

  /** The JDK prefixes its messages with "ParseError at [row,col]:[..]"; we report those apart. */
  private static String parserMessage(XMLStreamException e) {
    String message = String.valueOf(e.getMessage());
    int start = message.indexOf("Message: ");
    return start >= 0 ? message.substring(start + "Message: ".length()).trim() : message;
  }

  private static void closeQuietly(XMLStreamReader xml) {
    try {
      xml.close();
    } catch (XMLStreamException ignored) {
      // Nothing to release beyond the parser's buffers; the caller owns the stream.
    }
  }

  // ---------------------------------------------------------------- one pass over a feed

  /** The state of one read: the category tree and the counters. */
  private static final class Pass {
    private final XMLStreamReader xml;
    private final Instant undated;
    private final Consumer<FeedItem> sink;
    private final Consumer<FeedProblem> problems;
    private final CategoryTree categories = new CategoryTree();
    private int offerIndex;
    private int itemsRead;
    private int skipped;

    Pass(
        XMLStreamReader xml,
        Instant undated,
        Consumer<FeedItem> sink,
        Consumer<FeedProblem> problems) {
      this.xml = xml;
      this.undated = undated;
      this.sink = sink;
      this.problems = problems;
    }

    Stats run() throws XMLStreamException {
      requireYmlRoot();
      while (xml.hasNext()) {
        if (xml.next() != XMLStreamConstants.START_ELEMENT) continue;
        switch (xml.getLocalName()) {
          case "categories" -> readCategories();
          case "offers" -> readOffers();
          default -> {} // shop name, currencies, delivery options...: not needed
        }
      }
      return new Stats(categories.size(), itemsRead, skipped);
    }

    /** An HTML error page or some other XML uploaded by mistake should fail loudly, not read 0. */
    private void requireYmlRoot() throws XMLStreamException {
      // Not nextTag(): that refuses the <!DOCTYPE yml_catalog SYSTEM "shops.dtd"> most feeds carry.
      while (xml.next() != XMLStreamConstants.START_ELEMENT) {}
      if (!ROOT.equals(xml.getLocalName())) {
        Location at = xml.getLocation();
        throw new FeedFormatException(
            "not a YML feed: root element is <" + xml.getLocalName() + ">, expected <" + ROOT + ">",
            at.getLineNumber(),
            at.getColumnNumber(),
            null);
      }
    }

    private void readCategories() throws XMLStreamException {
      while (nextChild()) {
        if ("category".equals(xml.getLocalName())) {
          String id = attribute("id");
          String parentId = attribute("parentId");
          String name = normalizeSpace(readText());
          if (id != null) categories.add(id, parentId, name);
        } else {
          readText();
        }
      }
    }

    private void readOffers() throws XMLStreamException {
      while (nextChild()) {
        if ("offer".equals(xml.getLocalName())) {
          readOffer();
        } else {
          readText();
        }
      }
    }

    private void readOffer() throws XMLStreamException {
      offerIndex++;
      int line = xml.getLocation().getLineNumber();
      RawOffer offer = new RawOffer(attribute("id"), attribute("type"), attribute("available"));
      while (nextChild()) {
        readOfferField(offer);
      }
      String problem = offer.problem();
      if (problem != null) {
        skipped++;
        problems.accept(new FeedProblem(offer.id, offerIndex, line, problem));
        return;
      }
      sink.accept(new FeedItem(offer.toItem(categories, undated), offer.createdAt != null));
      itemsRead++;
    }

    private void readOfferField(RawOffer offer) throws XMLStreamException {
      String element = xml.getLocalName();
      if ("param".equals(element)) {
        offer.addParam(attribute("name"), attribute("unit"), normalizeSpace(readText()));
        return;
      }
      String text = readText();
      switch (element) {
        case "name" -> offer.name = normalizeSpace(text);
        case "title" -> offer.altTitle = normalizeSpace(text);
        case "typePrefix" -> offer.typePrefix = normalizeSpace(text);
        case "vendor" -> offer.vendor = normalizeSpace(text);
        case "model" -> offer.model = normalizeSpace(text);
        case "url" -> offer.url = blankToNull(text);
        case "price" -> offer.price = blankToNull(text);
        case "oldprice" -> offer.oldPrice = blankToNull(text);
        case "categoryId" -> offer.categoryId = firstNonNull(offer.categoryId, blankToNull(text));
        case "picture" -> offer.picture = firstNonNull(offer.picture, blankToNull(text));
        case "description" -> offer.description = PlainText.of(text);
        case "created_at" -> offer.createdAt = firstNonNull(offer.createdAt, blankToNull(text));
        case "count", "stock_quantity", "quantity" ->
            offer.count = firstNonNull(offer.count, blankToNull(text));
        default -> {} // currencyId, delivery, sales_notes, barcode...: not part of an Item
      }
    }

    /**
     * Advances to the next child element of the element the reader is in. Returns false, with the
     * reader on the parent's end tag, when there are no more children.
     */
    private boolean nextChild() throws XMLStreamException {
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) return true;
        if (event == XMLStreamConstants.END_ELEMENT) return false;
      }
      return false;
    }

    /**
     * The text of the current element and all its descendants, leaving the reader on its end tag.
     * Unlike {@code getElementText} it tolerates child elements (XHTML pasted into a description,
     * delivery options), so an unexpected shape never aborts the whole feed.
     */
    private String readText() throws XMLStreamException {
      StringBuilder text = new StringBuilder();
      int depth = 1;
      while (depth > 0) {
        switch (xml.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            depth++;
            text.append(' '); // element boundaries separate words
          }
          case XMLStreamConstants.END_ELEMENT -> {
            depth--;
            if (depth > 0) text.append(' ');
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
              text.append(xml.getText());
          default -> {} // comments, processing instructions
        }
      }
      return text.toString();
    }

    private String attribute(String name) {
      return blankToNull(xml.getAttributeValue(null, name));
    }
  }

  // ---------------------------------------------------------------- one offer

  /** The raw fields of one {@code <offer>}, collected before validation. */
  private static final class RawOffer {
    final String id;
    final String type;
    final String availableFlag;
    String name;
    String altTitle;
    String typePrefix;
    String vendor;
    String model;
    String url;
    String price;
    String oldPrice;
    String categoryId;
    String picture;
    String description;
    String count;
    String createdAt;
    final Map<String, String> params = new LinkedHashMap<>();

    RawOffer(String id, String type, String availableFlag) {
      this.id = id;
      this.type = type;
      this.availableFlag = availableFlag;
    }

    /** Several params of one name (two colours, say) are kept together rather than overwritten. */
    void addParam(String paramName, String unit, String value) {
      if (paramName == null || value == null || value.isEmpty()) return;
      String withUnit = unit == null ? value : value + " " + unit.strip();
      params.merge(paramName.strip(), withUnit, (a, b) -> a + ", " + b);
    }

    /** Why this offer cannot become an item, or null when it can. */
    String problem() {
      if (id == null) return "offer has no id";
      if (price == null) return "offer has no price";
      Double amount = parseAmount(price);
      if (amount == null) return "price is not a number: \"" + price + "\"";
      if (amount <= 0) return "price must be positive: " + price;
      if (title().isEmpty()) return "offer has no name";
      if (createdAt != null && parseDate(createdAt) == null)
        return "created_at is not a date or an instant: \"" + createdAt + "\"";
      return null;
    }

    /** Only for an offer whose {@link #problem()} is null. */
    Item toItem(CategoryTree categories, Instant undated) {
      boolean available = isAvailable();
      double amount = parseAmount(price);
      return new Item(
          id,
          title(),
          description,
          url,
          picture,
          categories.pathOf(categoryId),
          vendor,
          amount,
          discountedFrom(amount),
          stock(available),
          available,
          List.of(),
          params,
          createdAt == null ? undated : parseDate(createdAt));
    }

    /**
     * vendor.model offers have no {@code <name>}: YML pieces the title together from type, vendor
     * and model. Other offer types (artist.title) name themselves with {@code <title>}.
     */
    private String title() {
      boolean composed = VENDOR_MODEL.equals(type) || name == null;
      if (composed && model != null) return joinWords(typePrefix, vendor, model);
      if (name != null) return name;
      return altTitle == null ? "" : altTitle;
    }

    /** A crossed-out price only makes sense above the current one; YML requires it too. */
    private Double discountedFrom(double amount) {
      Double old = oldPrice == null ? null : parseAmount(oldPrice);
      return old != null && old > amount ? old : null;
    }

    private boolean isAvailable() {
      if (availableFlag == null) return true;
      String flag = availableFlag.toLowerCase(Locale.ROOT);
      return !(flag.equals("false") || flag.equals("0") || flag.equals("no"));
    }

    /** Feeds without stock counts still need inStock() to follow the available flag. */
    private int stock(boolean available) {
      Double counted = count == null ? null : parseAmount(count);
      if (counted == null) return available ? 1 : 0;
      return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.floor(counted)));
    }
  }

  // ---------------------------------------------------------------- categories

  /** The shop's category tree, by id, with each id's root-to-leaf path of names cached. */
  private static final class CategoryTree {
    private record Category(String name, String parentId) {}

    private final Map<String, Category> byId = new HashMap<>();

    /** Hundreds of thousands of offers share a few hundred categories: resolve each path once. */
    private final Map<String, List<String>> paths = new HashMap<>();

    void add(String id, String parentId, String name) {
      byId.put(id, new Category(name, parentId));
      paths.clear();
    }

    int size() {
      return byId.size();
    }

    /**
     * Names from the root down to {@code leafId}. An unknown leaf gives an empty path; an unknown
     * parent or a parent cycle cuts the path where the chain breaks rather than failing the offer.
     */
    List<String> pathOf(String leafId) {
      if (leafId == null) return List.of();
      return paths.computeIfAbsent(leafId, this::resolve);
    }

    private List<String> resolve(String leafId) {
      List<String> names = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      String id = leafId;
      while (id != null && seen.add(id)) {
        Category category = byId.get(id);
        if (category == null) break;
        if (category.name() != null && !category.name().isEmpty()) names.add(0, category.name());
        id = category.parentId();
      }
      return List.copyOf(names);
    }
  }

  // ---------------------------------------------------------------- descriptions

  /**
   * Stores paste HTML into descriptions (usually in CDATA). Items are rendered later with escaping,
   * so markup would show up as literal tags: reduce it to plain text, keeping paragraph breaks.
   */
  private static final class PlainText {
    private static final Pattern INVISIBLE =
        Pattern.compile("(?is)<!--.*?-->|<(script|style)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern BLOCK_TAG =
        Pattern.compile("(?i)</?(p|div|br|li|ul|ol|tr|table|h[1-6]|blockquote|section)\\b[^>]*>");
    private static final Pattern ANY_TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY =
        Pattern.compile("&(#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED_ENTITIES =
        Map.ofEntries(
            Map.entry("nbsp", " "),
            Map.entry("amp", "&"),
            Map.entry("lt", "<"),
            Map.entry("gt", ">"),
            Map.entry("quot", "\""),
            Map.entry("apos", "'"),
            Map.entry("laquo", "«"),
            Map.entry("raquo", "»"),
            Map.entry("mdash", "—"),
            Map.entry("ndash", "–"),
            Map.entry("hellip", "…"),
            Map.entry("copy", "©"),
            Map.entry("reg", "®"),
            Map.entry("trade", "™"),
            Map.entry("deg", "°"),
            Map.entry("times", "×"));

    private PlainText() {}

    static String of(String html) {
      String text = INVISIBLE.matcher(html).replaceAll(" ");
      text = BLOCK_TAG.matcher(text).replaceAll("\n");
      text = ANY_TAG.matcher(text).replaceAll("");
      text = decodeEntities(text);
      return tidyLines(text);
    }

    /** Entities escaped inside CDATA survive the XML parser as text; decode the common ones. */
    private static String decodeEntities(String text) {
      Matcher m = ENTITY.matcher(text);
      StringBuilder out = new StringBuilder(text.length());
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(decodeEntity(m.group(1), m.group())));
      }
      m.appendTail(out);
      return out.toString();
    }

    private static String decodeEntity(String body, String original) {
      if (body.charAt(0) != '#')
        return NAMED_ENTITIES.getOrDefault(body.toLowerCase(Locale.ROOT), original);
      boolean hex = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
      int codePoint = Integer.parseInt(body.substring(hex ? 2 : 1), hex ? 16 : 10);
      return Character.isValidCodePoint(codePoint) && codePoint != 0
          ? Character.toString(codePoint)
          : original;
    }

    /** One space between words, no blank-line runs, no leading or trailing whitespace. */
    private static String tidyLines(String text) {
      StringBuilder out = new StringBuilder(text.length());
      for (String line : text.split("\\R")) {
        String tidy = normalizeSpace(line);
        if (tidy == null) continue;
        if (!out.isEmpty()) out.append('\n');
        out.append(tidy);
      }
      return out.toString();
    }
  }

  // ---------------------------------------------------------------- small helpers

  /**
   * A price or count. BigDecimal rather than Double.parseDouble, which would also accept "NaN",
   * "Infinity", "0x1p3" and "100d". A decimal comma and grouping spaces are tolerated because
   * hand-made feeds use them.
   */
  private static Double parseAmount(String raw) {
    String cleaned = raw.strip().replace('\u00A0', ' ').replace(" ", "").replace(',', '.');
    try {
      return new BigDecimal(cleaned).doubleValue();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static final DateTimeFormatter FEED_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

  /**
   * An offer's date: an ISO-8601 instant or offset date-time, a date (midnight UTC), or a date and
   * time in UTC written as the {@code yml_catalog date} attribute is; null when it is none of them.
   */
  private static Instant parseDate(String raw) {
    String text = raw.strip();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notOffset) {
      // the next forms
    }
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notDate) {
      // the next form
    }
    try {
      return LocalDateTime.parse(text, FEED_DATE_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Collapses whitespace runs (feeds wrap names over lines); null when nothing is left. */
  private static String normalizeSpace(String s) {
    if (s == null) return null;
    String collapsed = s.replace('\u00A0', ' ').replaceAll("\\s+", " ").strip();
    return collapsed.isEmpty() ? null : collapsed;
  }

  private static String blankToNull(String s) {
    if (s == null) return null;
    String stripped = s.strip();
    return stripped.isEmpty() ? null : stripped;
  }

  private static <T> T firstNonNull(T current, T candidate) {
    return current != null ? current : candidate;
  }

  private static String joinWords(String... words) {
    StringBuilder out = new StringBuilder();
    for (String word : words) {
      if (word == null) continue;
      if (!out.isEmpty()) out.append(' ');
      out.append(word);
    }
    return out.toString();
  }
}
