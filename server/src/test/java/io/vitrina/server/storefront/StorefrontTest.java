package io.vitrina.server.storefront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.demo.DemoStore;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo store's pages over real HTTP, against a server started with {@code --demo}. */
class StorefrontTest {
  private static final String SCRIPT_TITLE = "<script>alert('title')</script> Phone";
  private static final String IMG_BRAND = "\"><img src=x onerror=alert(1)>";
  private static final String EVIL_CATEGORY = "Odd & <b>Bold</b>";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            "--demo", "--demo-items", "200", "--demo-visitors", "0", "--demo-days", "1");
    server.upsertItems(
        new JsonArray()
            .add(
                new JsonObject()
                    .put("id", "odd-1")
                    .put("title", SCRIPT_TITLE)
                    .put("description", "Fits <b>any</b> pocket & more")
                    .put("image", "javascript:alert(2)")
                    .put("brand", IMG_BRAND)
                    .put("categories", new JsonArray().add(EVIL_CATEGORY).add("Sub \" quoted"))
                    .put("price", 10.5)
                    .put("old_price", 21.0)
                    .put("stock", 3)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Response page(String path) {
    Response r = server.get(path);
    assertTrue(
        r.headers()
            .getOrDefault("content-type", java.util.List.of(""))
            .get(0)
            .startsWith("text/html"),
        path + " is a page");
    return r;
  }

  @Test
  void theHomePageHasTheHeroSlotTheHomeBlocksAndTheScriptEmbedded() {
    Response r = page("/demo/");
    assertEquals(200, r.status());
    String html = r.body();
    assertTrue(html.contains("<div class=\"hero\" data-vitrina-slot=\"home-hero\">"), html);
    for (String block : new String[] {"home-for-you", "home-trending", "home-new"})
      assertTrue(html.contains("data-vitrina-block=\"" + block + "\""), block);
    assertTrue(html.contains("siteKey:\"" + TestServer.SITE_KEY + "\", currency:"), html);
    assertTrue(html.contains("<script async src=\"/widgets/v1/vitrina.js\"></script>"));
    assertTrue(html.contains("href=\"/demo/category/electronics\""), "the departments are linked");
    assertTrue(html.contains("data-shop-cart-count"), "the header counts the cart");
    assertTrue(
        html.contains("value=\"" + DemoStore.DEMO_CUSTOMER_ID + "\""), "sign-in proposes one");
  }

  @Test
  void demoWithoutTheSlashIsSentToTheHomePage() {
    Response r = server.get("/demo");
    assertEquals(301, r.status());
    assertEquals("/demo/", r.headers().get("location").get(0));
  }

  @Test
  void anItemPageShowsTheItemEscapedWithItsBlocks() {
    Response r = page("/demo/item/odd-1");
    assertEquals(200, r.status());
    String html = r.body();
    assertTrue(html.contains("<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Phone</h1>"));
    assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), "the brand as text");
    assertFalse(html.contains("<script>alert"), html);
    assertFalse(html.contains("<img src=x"), html);
    assertFalse(html.contains("javascript:"), "an unsafe image URL is replaced");
    assertTrue(html.contains("src=\"/demo/images/odd-1.svg\""));
    assertTrue(html.contains("Fits &lt;b&gt;any&lt;/b&gt; pocket &amp; more"));
    assertTrue(html.contains("<span class=\"now\">$10.50</span> <s class=\"was\">$21.00</s>"));
    assertTrue(html.contains("data-shop-add data-item-id=\"odd-1\""), "an add-to-cart button");
    for (String block :
        new String[] {"item-bought-together", "item-accessories", "item-alternatives"})
      assertTrue(
          html.contains("data-vitrina-block=\"" + block + "\" data-item-id=\"odd-1\""), block);
  }

  @Test
  void aCategoryPageListsItsItemsPagedWithItsBlocks() {
    Response department = page("/demo/category/odd-b-bold-b");
    assertEquals(200, department.status(), department.body());
    String html = department.body();
    assertTrue(html.contains("<h1>Odd &amp; &lt;b&gt;Bold&lt;/b&gt;</h1>"), html);
    assertTrue(
        html.contains(
            "data-vitrina-block=\"category-top\" data-category=\"Odd &amp; &lt;b&gt;Bold&lt;/b&gt;\""));
    assertTrue(html.contains("data-vitrina-block=\"category-for-you\""));
    assertTrue(html.contains("data-item-id=\"odd-1\""), "the item is listed");
    assertTrue(html.contains("href=\"/demo/category/sub-quoted\">Sub &quot; quoted</a>"));

    Response electronics = page("/demo/category/electronics");
    assertEquals(200, electronics.status());
    int cards = count(electronics.body(), "<article class=\"card\"");
    assertTrue(cards > 0 && cards <= Pages.PAGE_SIZE, "one page of cards: " + cards);
    String second = page("/demo/category/electronics?page=2").body();
    assertFalse(second.contains(firstCard(electronics.body())), "page 2 lists other items");
  }

  @Test
  void theSearchPageShowsTheResultsAndItsBlocksWithTheQueryEscaped() {
    Response r = page("/demo/search?q=phone");
    assertEquals(200, r.status());
    assertTrue(r.body().contains("data-vitrina-block=\"search-results\" data-query=\"phone\""));
    assertTrue(r.body().contains("data-vitrina-block=\"search-led-to\" data-query=\"phone\""));
    assertTrue(count(r.body(), "<article class=\"card\"") > 0, "phones are found");

    String odd = page("/demo/search?q=%3Cscript%3Ex%3C%2Fscript%3E").body();
    assertFalse(odd.contains("<script>x"), odd);
    assertTrue(odd.contains("value=\"&lt;script&gt;x&lt;/script&gt;\""));
  }

  @Test
  void theCartAndCheckoutPagesHaveTheirSlotBlocksAndForm() {
    String cart = page("/demo/cart").body();
    assertTrue(cart.contains("data-vitrina-slot=\"cart-sidebar\""));
    assertTrue(cart.contains("data-vitrina-block=\"cart-complements\" data-cart=\"auto\""));
    assertTrue(cart.contains("data-vitrina-block=\"cart-left-behind\""));
    assertTrue(cart.contains("data-shop-cart-lines"));
    String checkout = page("/demo/checkout").body();
    assertTrue(checkout.contains("data-shop-checkout-form"));
    assertTrue(checkout.contains(">Place order</button>"));
    String thanks = page("/demo/thanks?order=%3Cb%3E1").body();
    assertTrue(thanks.contains("data-order-id=\"&lt;b&gt;1\""));
    assertTrue(thanks.contains("href=\"/admin/\""), "a link to the experiment report");
  }

  @Test
  void anUnknownItemOrCategoryIsANotFoundPageWithALinkHome() {
    for (String path : new String[] {"/demo/item/no-such-item", "/demo/category/no-such-aisle"}) {
      Response r = page(path);
      assertEquals(404, r.status(), path);
      assertTrue(r.body().contains("<a class=\"button\" href=\"/demo/\">"), path);
    }
  }

  @Test
  void aPictureIsAnSvgWithTheTitleEscaped() {
    Response r = server.get("/demo/images/odd-1.svg");
    assertEquals(200, r.status());
    assertTrue(r.headers().get("content-type").get(0).startsWith("image/svg+xml"));
    assertTrue(r.body().startsWith("<svg xmlns='http://www.w3.org/2000/svg'"));
    assertTrue(r.body().contains("&lt;script&gt;"));
    assertFalse(r.body().contains("<script"), r.body());
    assertEquals(404, server.get("/demo/images/no-such-item.svg").status());
    String demoItem = server.get("/v1/recommendations/popular?limit=1").itemIds().get(0);
    assertEquals(200, server.get("/demo/images/" + demoItem + ".svg").status());
  }

  @Test
  void theStoresScriptAndStyleSheetAreServed() {
    assertEquals(200, server.get("/demo/assets/shop.js").status());
    assertEquals(200, server.get("/demo/assets/shop.css").status());
  }

  private static int count(String html, String needle) {
    int n = 0;
    for (int at = html.indexOf(needle); at >= 0; at = html.indexOf(needle, at + 1)) n++;
    return n;
  }

  private static String firstCard(String html) {
    Matcher m = Pattern.compile("<article class=\"card\" data-item-id=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find());
    return "data-item-id=\"" + m.group(1) + "\"";
  }
}
