package io.vitrina.server.storefront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesAScriptTitleIntoText() {
    assertEquals(
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;",
        Html.escape("<script>alert(\"x\")</script>"));
  }

  @Test
  void escapesQuotesSoThatAValueCannotLeaveItsAttribute() {
    assertEquals(
        "x&quot; onerror=&quot;alert(1)&quot; &#39;&amp;",
        Html.escape("x\" onerror=\"alert(1)\" '&"));
    assertEquals("&lt;img src=x onerror=alert(1)&gt;", Html.escape("<img src=x onerror=alert(1)>"));
  }

  @Test
  void leavesPlainTextAsItIsAndNullEmpty() {
    String plain = "Lumio K23 Smartphone, 128 GB";
    assertSame(plain, Html.escape(plain));
    assertEquals("", Html.escape(null));
  }

  @Test
  void keepsOnlyHttpAndRootRelativeUrls() {
    assertEquals("/demo/images/a.svg", Html.url("/demo/images/a.svg", "/x"));
    assertEquals(
        "https://cdn.example/a.jpg?w=1&amp;h=2",
        Html.url("https://cdn.example/a.jpg?w=1&h=2", "/x"));
    assertEquals("/x", Html.url("javascript:alert(1)", "/x"));
    assertEquals("/x", Html.url(" JavaScript:alert(1)", "/x"));
    assertEquals("/x", Html.url("//evil.example/a.png", "/x"));
    assertEquals("/x", Html.url("data:image/svg+xml,<svg onload=alert(1)>", "/x"));
    assertEquals("/x", Html.url(null, "/x"));
  }

  @Test
  void formatsPricesAsTheStoreShowsThem() {
    assertEquals("$1,299.99", Html.price(1299.99));
    assertEquals("$5.00", Html.price(5));
  }
}
