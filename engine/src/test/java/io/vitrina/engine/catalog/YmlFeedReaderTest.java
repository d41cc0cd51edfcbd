package io.vitrina.engine.catalog;

import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.engine.catalog.YmlFeedReader.FeedFormatException;
import io.vitrina.engine.catalog.YmlFeedReader.FeedProblem;
import io.vitrina.engine.catalog.YmlFeedReader.Stats;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YmlFeedReaderTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private final List<Item> items = new ArrayList<>();
  private final List<Boolean> dated = new ArrayList<>();
  private final List<FeedProblem> problems = new ArrayList<>();

  // ------------------------------------------------------------ mapping

  @Test
  void readsOffersWithCategoryPathFromParentChain() {
    Stats stats = readResource("yml/shop.xml");

    assertEquals(new Stats(4, 3, 0), stats);
    assertEquals(List.of(), problems);
    Item phone = item("phone-1");
    assertEquals(List.of("Электроника", "Телефоны", "Смартфоны"), phone.categories());
    assertEquals("Смартфон Acme X1 128 ГБ", phone.title(), "whitespace inside a name is collapsed");
    assertEquals("https://electromir.example/p/phone-1", phone.url());
    assertEquals(
        "https://electromir.example/img/phone-1-front.jpg", phone.image(), "first picture wins");
    assertEquals("Acme", phone.brand());
    assertEquals(19990.50, phone.price());
    assertEquals(24990.0, phone.oldPrice());
    assertEquals(5, phone.stock());
    assertTrue(phone.available());
    assertEquals(Map.of("Цвет", "Чёрный", "Память", "128 ГБ"), phone.attributes());
    assertEquals(List.of(), phone.tags());
  }

  @Test
  void readsFeedDeclaringTheShopsDtdWithoutFetchingIt() {
    // shop.xml starts with <!DOCTYPE yml_catalog SYSTEM "shops.dtd">, as most real feeds do;
    // there is no shops.dtd anywhere, so reading at all proves it was not fetched.
    readResource("yml/shop.xml");

    assertEquals(3, items.size());
  }

  @Test
  void vendorModelOfferGetsComposedTitle() {
    readResource("yml/shop.xml");

    Item ice = item("ice-3811");
    assertEquals("Мороженица Brand 3811", ice.title());
    assertEquals("Brand", ice.brand());
    assertEquals(List.of("Электроника"), ice.categories());
  }

  @Test
  void descriptionHtmlBecomesPlainText() {
    readResource("yml/shop.xml");

    assertEquals("Acme X1\nБыстрый и лёгкий.\nЦена & качество", item("phone-1").description());
  }

  @Test
  void paramUnitIsAppendedAndRepeatedParamsAreJoined() {
    read(
        feed(
            """
        <offer id="a"><price>1</price><name>Shirt</name>
          <param name="Цвет">Белый</param><param name="Цвет">Синий</param>
          <param name="Размер" unit="EU">42</param><param name="">ignored</param>
        </offer>"""));

    assertEquals(Map.of("Цвет", "Белый, Синий", "Размер", "42 EU"), items.get(0).attributes());
  }

  @Test
  void oldPriceIsDroppedWhenNotAboveThePrice() {
    readResource("yml/shop.xml");

    assertNull(item("boots-42").oldPrice(), "oldprice equal to price is no discount");
    assertNull(item("ice-3811").oldPrice(), "no oldprice at all");
  }

  @Test
  void stockComesFromCountElementsOrElseFromAvailability() {
    read(
        feed(
            """
        <offer id="counted"><price>1</price><name>n</name><count>7</count></offer>
        <offer id="stock-quantity"><price>1</price><name>n</name><stock_quantity>3</stock_quantity></offer>
        <offer id="quantity"><price>1</price><name>n</name><quantity>2</quantity></offer>
        <offer id="no-count"><price>1</price><name>n</name></offer>
        <offer id="unavailable" available="false"><price>1</price><name>n</name></offer>
        <offer id="garbage-count"><price>1</price><name>n</name><count>many</count></offer>"""));

    assertEquals(7, item("counted").stock());
    assertEquals(3, item("stock-quantity").stock());
    assertEquals(2, item("quantity").stock());
    assertEquals(1, item("no-count").stock(), "available without a count is in stock");
    assertEquals(0, item("unavailable").stock());
    assertFalse(item("unavailable").available());
    assertEquals(1, item("garbage-count").stock(), "an unreadable count falls back, not fails");
  }

  @Test
  void unknownOrCyclicCategoriesGiveAShortPathInsteadOfFailing() {
    read(
        """
        <yml_catalog><shop>
          <categories>
            <category id="1" parentId="2">Loop A</category>
            <category id="2" parentId="1">Loop B</category>
            <category id="3" parentId="404">Orphan</category>
          </categories>
          <offers>
            <offer id="cyclic"><price>1</price><name>n</name><categoryId>1</categoryId></offer>
            <offer id="orphan"><price>1</price><name>n</name><categoryId>3</categoryId></offer>
            <offer id="unknown"><price>1</price><name>n</name><categoryId>999</categoryId></offer>
            <offer id="none"><price>1</price><name>n</name></offer>
          </offers>
        </shop></yml_catalog>""");

    assertEquals(List.of("Loop B", "Loop A"), item("cyclic").categories());
    assertEquals(List.of("Orphan"), item("orphan").categories());
    assertEquals(List.of(), item("unknown").categories());
    assertEquals(List.of(), item("none").categories());
  }

  // ------------------------------------------------------------ bad offers

  @Test
  void skipsOfferWithoutPriceAndReportsIt() {
    Stats stats =
        read(
            feed(
                """
        <offer id="ok-1"><price>10</price><name>First</name></offer>
        <offer id="no-price"><name>Second</name></offer>
        <offer id="ok-2"><price>30</price><name>Third</name></offer>"""));

    assertEquals(List.of("ok-1", "ok-2"), ids());
    assertEquals(new Stats(0, 2, 1), stats);
    FeedProblem problem = problems.get(0);
    assertEquals("no-price", problem.offerId());
    assertEquals(2, problem.offerIndex());
    assertEquals(5, problem.line(), "the line of the <offer> tag");
    assertTrue(problem.message().contains("no price"), problem.message());
  }

  @Test
  void skipsOffersWithoutIdNameOrUsablePrice() {
    read(
        feed(
            """
        <offer><price>1</price><name>no id</name></offer>
        <offer id="no-name"><price>1</price></offer>
        <offer id="text-price"><price>дёшево</price><name>n</name></offer>
        <offer id="nan-price"><price>NaN</price><name>n</name></offer>
        <offer id="zero-price"><price>0</price><name>n</name></offer>
        <offer id="comma-price"><price>1 299,90</price><name>n</name></offer>"""));

    assertEquals(List.of("comma-price"), ids());
    assertEquals(1299.90, items.get(0).price(), "hand-made feeds write a decimal comma");
    assertEquals(5, problems.size());
    assertNull(problems.get(0).offerId());
    assertTrue(problems.get(0).message().contains("no id"));
    assertTrue(problems.get(1).message().contains("no name"));
    assertTrue(problems.get(2).message().contains("not a number"));
    assertTrue(problems.get(3).message().contains("not a number"));
    assertTrue(problems.get(4).message().contains("positive"));
  }

  // ------------------------------------------------------------ broken and hostile feeds

  @Test
  void malformedXmlReportsLineAndColumn() {
    String broken =
        feed(
            """
        <offer id="ok"><price>1</price><name>Fine</name></offer>
        <offer id="bad"><price>1</price><name>Unclosed</nam></offer>""");

    FeedFormatException e = assertThrows(FeedFormatException.class, () -> read(broken));

    assertEquals(5, e.line());
    assertTrue(e.column() > 0);
    assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    assertEquals(List.of("ok"), ids(), "offers read before the error stay read");
  }

  @Test
  void rejectsADocumentThatIsNotAYmlFeed() {
    FeedFormatException e =
        assertThrows(
            FeedFormatException.class, () -> read("<html><body>502 Bad Gateway</body></html>"));

    assertTrue(e.getMessage().contains("not a YML feed"), e.getMessage());
    assertEquals(1, e.line());
  }

  @Test
  void doesNotExpandExternalEntities(@TempDir Path dir) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-PASSWORD");
    String xxe =
        """
        <?xml version="1.0"?>
        <!DOCTYPE yml_catalog [<!ENTITY xxe SYSTEM "%s">]>
        <yml_catalog><shop><offers>
          <offer id="x"><price>1</price><name>&xxe;</name></offer>
        </offers></shop></yml_catalog>"""
            .formatted(secret.toUri());

    FeedFormatException e = assertThrows(FeedFormatException.class, () -> read(xxe));

    assertTrue(e.getMessage().contains("xxe"), e.getMessage());
    assertFalse(e.getMessage().contains("TOP-SECRET"));
    assertEquals(List.of(), items);
  }

  @Test
  void doesNotExpandBillionLaughs() {
    StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 10; i++) {
      String previous = "&lol" + (i - 1) + ";";
      entities
          .append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(previous.repeat(10))
          .append("\">");
    }
    String bomb =
        "<?xml version=\"1.0\"?><!DOCTYPE yml_catalog ["
            + entities
            + "]>"
            + "<yml_catalog><shop><offers><offer id=\"x\"><price>1</price><name>&lol10;</name></offer>"
            + "</offers></shop></yml_catalog>";

    // Fails fast on the undeclared entity rather than expanding 10^10 "lol"s.
    FeedFormatException e = assertThrows(FeedFormatException.class, () -> read(bomb));
    assertTrue(e.getMessage().contains("lol10"), e.getMessage());
    assertEquals(List.of(), items);
  }

  // ------------------------------------------------------------ dates

  @Test
  void offerWithoutADateIsUndatedAndCarriesTheReadersNowNot1970() {
    read(feed("<offer id=\"a\"><name>A</name><price>5</price></offer>"));

    assertEquals(NOW, item("a").createdAt());
    assertEquals(List.of(false), dated);
  }

  @Test
  void offerCreatedAtIsReadInTheFormsFeedsWriteDates() {
    read(
        feed(
            """
            <offer id="instant"><name>A</name><price>5</price><created_at>2025-03-01T08:30:00Z</created_at></offer>
            <offer id="offset"><name>B</name><price>5</price><created_at>2025-03-01T11:30+03:00</created_at></offer>
            <offer id="day"><name>C</name><price>5</price><created_at>2025-03-01</created_at></offer>
            <offer id="feed-style"><name>D</name><price>5</price><created_at>2025-03-01 08:30</created_at></offer>
            """));

    assertEquals(List.of(), problems);
    assertEquals(Instant.parse("2025-03-01T08:30:00Z"), item("instant").createdAt());
    assertEquals(Instant.parse("2025-03-01T08:30:00Z"), item("offset").createdAt());
    assertEquals(Instant.parse("2025-03-01T00:00:00Z"), item("day").createdAt());
    assertEquals(Instant.parse("2025-03-01T08:30:00Z"), item("feed-style").createdAt());
    assertEquals(List.of(true, true, true, true), dated);
  }

  @Test
  void offerWhoseCreatedAtIsNoDateIsSkippedWithTheReason() {
    Stats stats =
        read(
            feed(
                "<offer id=\"x\"><name>X</name><price>5</price><created_at>last Tuesday</created_at></offer>"));

    assertEquals(0, stats.itemsRead());
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).message().contains("created_at"), problems.toString());
  }

  // ------------------------------------------------------------ encoding

  @Test
  void readsWindows1251Feed() throws IOException {
    try (InputStream raw = resource("yml/shop-windows-1251.xml")) {
      byte[] bytes = raw.readAllBytes();
      // Guard the fixture itself: re-saved as UTF-8 it would no longer test anything.
      assertFalse(
          new String(bytes, StandardCharsets.UTF_8).contains("Чайник"),
          "fixture must stay windows-1251");
      YmlFeedReader.read(new ByteArrayInputStream(bytes), NOW, this::add, problems::add);
    }

    Item kettle = item("kettle-7");
    assertEquals("Чайник электрический «Самовар»", kettle.title());
    assertEquals("Ёлка", kettle.brand());
    assertEquals("Кипятит воду за 3 минуты", kettle.description());
    assertEquals(List.of("Бытовая техника", "Чайники"), kettle.categories());
    assertEquals(Map.of("Объём", "1,7 л"), kettle.attributes());
  }

  // ------------------------------------------------------------ helpers

  /** Wraps offers in a minimal feed; the first offer starts on line 4. */
  private static String feed(String offers) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <yml_catalog date="2026-11-20 12:00"><shop>
        <offers>
        %s
        </offers></shop></yml_catalog>"""
        .formatted(offers);
  }

  private Stats read(String xml) {
    return YmlFeedReader.read(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        NOW,
        this::add,
        problems::add);
  }

  private Stats readResource(String name) {
    try (InputStream in = resource(name)) {
      return YmlFeedReader.read(in, NOW, this::add, problems::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void add(YmlFeedReader.FeedItem read) {
    items.add(read.item());
    dated.add(read.dated());
  }

  private static InputStream resource(String name) {
    InputStream in = YmlFeedReaderTest.class.getClassLoader().getResourceAsStream(name);
    assertNotNull(in, "missing test resource " + name);
    return in;
  }

  private Item item(String id) {
    return items.stream()
        .filter(i -> i.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no item " + id + " in " + ids()));
  }

  private List<String> ids() {
    return items.stream().map(Item::id).toList();
  }
}
