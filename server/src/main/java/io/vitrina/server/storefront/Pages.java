package io.vitrina.server.storefront;

import static io.vitrina.server.storefront.Html.component;
import static io.vitrina.server.storefront.Html.escape;
import static io.vitrina.server.storefront.Html.price;

import io.vertx.core.json.Json;
import io.vitrina.engine.catalog.Item;
import io.vitrina.server.storefront.ShopCatalog.Category;
import io.vitrina.server.storefront.ShopCatalog.Department;
import io.vitrina.server.storefront.ShopCatalog.Listing;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo store's pages, rendered as a store's own backend renders them: HTML with the public
 * script embedded as a store embeds it, and the blocks and slots as {@code data-vitrina-block} and
 * {@code data-vitrina-slot} elements for the script to fill. Every catalog value is escaped.
 */
final class Pages {
  static final String STORE_NAME = "Vitrina Market";
  static final int PAGE_SIZE = 24;

  private final ShopCatalog catalog;
  private final String siteKey;
  private final String demoCustomer;

  /**
   * @param siteKey the store's public site key, for the script's {@code init}
   * @param demoCustomer the customer id the header's sign-in proposes
   */
  Pages(ShopCatalog catalog, String siteKey, String demoCustomer) {
    this.catalog = catalog;
    this.siteKey = siteKey;
    this.demoCustomer = demoCustomer;
  }

  /** A page's answer: its status and its HTML. */
  record Page(int status, String html) {}

  // ------------------------------------------------------------------ pages

  Page home() {
    List<Department> departments = catalog.departments();
    StringBuilder main = new StringBuilder();
    String first = departments.isEmpty() ? null : departments.get(0).category().slug();
    main.append("<div class=\"hero\" data-vitrina-slot=\"home-hero\">")
        .append("<div class=\"hero-text\"><p class=\"eyebrow\">New season</p>")
        .append("<h1>Everything for your week, delivered tomorrow</h1>")
        .append("<p>Free delivery on orders over $50 and free returns for 30 days.</p>");
    if (first != null)
      main.append("<a class=\"button\" href=\"/demo/category/")
          .append(component(first))
          .append("\">Shop now</a>");
    main.append("</div>").append(heroPictures(departments)).append("</div>");
    main.append("<section class=\"departments-grid\" aria-label=\"Shop by department\">")
        .append("<h2>Shop by department</h2><ul>");
    for (Department d : departments) {
      main.append("<li><a class=\"department-tile\" href=\"")
          .append(categoryHref(d.category()))
          .append("\"><span class=\"tile-name\">")
          .append(escape(d.category().name()))
          .append("</span><span class=\"tile-meta\">")
          .append(d.category().items())
          .append(d.category().items() == 1 ? " product" : " products")
          .append("</span>");
      for (Item top : catalog.category(d.category().name(), 0, 1).items())
        main.append("<img src=\"")
            .append(imageOf(top))
            .append("\" alt=\"\" width=\"68\" height=\"68\">");
      main.append("</a></li>");
    }
    main.append("</ul></section>");
    main.append(shelf("Picked for you", block("home-for-you", Map.of())));
    main.append(shelf("Trending now", block("home-trending", Map.of())));
    main.append(shelf("New in", block("home-new", Map.of())));
    return ok("home", STORE_NAME, "", main.toString());
  }

  Page category(String slug, int pageNumber) {
    Optional<Category> found = catalog.categoryBySlug(slug);
    if (found.isEmpty())
      return notFound("We could not find that category", "It may have moved or been renamed.");
    Category category = found.get();
    Listing listing = catalog.category(category.name(), offset(pageNumber), PAGE_SIZE);
    StringBuilder main = new StringBuilder();
    Optional<Department> department = catalog.departmentOf(category.name());
    main.append("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><a href=\"/demo/\">Home</a>");
    department
        .filter(d -> !d.category().equals(category))
        .ifPresent(
            d ->
                main.append(" <span>/</span> <a href=\"")
                    .append(categoryHref(d.category()))
                    .append("\">")
                    .append(escape(d.category().name()))
                    .append("</a>"));
    main.append("</nav>");
    main.append("<div class=\"listing-head\"><h1>")
        .append(escape(category.name()))
        .append("</h1><p class=\"count\">")
        .append(listing.total())
        .append(listing.total() == 1 ? " product" : " products")
        .append("</p></div>");
    department.ifPresent(d -> main.append(aisles(d, category)));
    Map<String, String> context = Map.of("data-category", category.name());
    main.append(shelf("Best sellers in " + category.name(), block("category-top", context)));
    main.append("<section class=\"listing\" aria-label=\"Products\">")
        .append(grid(listing.items()))
        .append(pager("/demo/category/" + component(slug) + "?", pageNumber, listing.total()))
        .append("</section>");
    main.append(shelf("For you in " + category.name(), block("category-for-you", context)));
    return ok(
        "category",
        category.name(),
        attribute("data-category", category.name()) + listAttribute(listing.items()),
        main.toString());
  }

  Page item(String id) {
    Optional<Item> found = catalog.item(id);
    if (found.isEmpty())
      return notFound(
          "We could not find that product", "It may be sold out for good or no longer listed.");
    Item item = found.get();
    StringBuilder main = new StringBuilder();
    main.append("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><a href=\"/demo/\">Home</a>");
    for (String name : item.categories()) {
      main.append(" <span>/</span> ");
      catalog
          .categoryBySlug(ShopCatalog.slug(name))
          .ifPresentOrElse(
              c ->
                  main.append("<a href=\"")
                      .append(categoryHref(c))
                      .append("\">")
                      .append(escape(name))
                      .append("</a>"),
              () -> main.append(escape(name)));
    }
    main.append("</nav>");
    main.append("<article class=\"product\"><div class=\"product-picture\"><img src=\"")
        .append(imageOf(item))
        .append("\" alt=\"")
        .append(escape(item.title()))
        .append("\" width=\"400\" height=\"400\"></div><div class=\"product-info\">");
    if (item.brand() != null && !item.brand().isBlank())
      main.append("<p class=\"brand\">").append(escape(item.brand())).append("</p>");
    main.append("<h1>").append(escape(item.title())).append("</h1>");
    main.append("<p class=\"price big\">").append(prices(item));
    if (item.onSale())
      main.append(" <span class=\"badge sale\">Save ")
          .append(Math.round(100 * (1 - item.price() / item.oldPrice())))
          .append("%</span>");
    main.append("</p>");
    main.append(
        item.inStock()
            ? "<p class=\"stock in\">In stock — delivered tomorrow</p>"
            : "<p class=\"stock out\">Sold out</p>");
    main.append("<button type=\"button\" class=\"button add-to-cart\" data-shop-add")
        .append(attribute("data-item-id", item.id()))
        .append(attribute("data-title", item.title()))
        .append(attribute("data-price", Double.toString(item.price())))
        .append(escapedAttribute("data-image", imageOf(item)))
        .append(item.inStock() ? ">Add to cart" : " disabled>Sold out")
        .append("</button><p class=\"added\" data-shop-added hidden role=\"status\">Added to your")
        .append(" cart. <a href=\"/demo/cart\">View cart</a></p>");
    if (!item.description().isBlank())
      main.append("<p class=\"description\">").append(escape(item.description())).append("</p>");
    if (!item.attributes().isEmpty()) {
      main.append("<dl class=\"attributes\">");
      item.attributes()
          .forEach(
              (name, value) ->
                  main.append("<dt>")
                      .append(escape(name))
                      .append("</dt><dd>")
                      .append(escape(value))
                      .append("</dd>"));
      main.append("</dl>");
    }
    main.append("</div></article>");
    Map<String, String> context = Map.of("data-item-id", item.id());
    main.append(shelf("Frequently bought together", block("item-bought-together", context)));
    main.append(shelf("Goes well with it", block("item-accessories", context)));
    main.append(shelf("You might also like", block("item-alternatives", context)));
    return ok(
        "item",
        item.title(),
        attribute("data-item-id", item.id())
            + attribute("data-price", Double.toString(item.price())),
        main.toString());
  }

  Page search(String query, int pageNumber) {
    String q = query == null ? "" : query.trim();
    StringBuilder main = new StringBuilder();
    if (q.isEmpty()) {
      main.append("<div class=\"listing-head\"><h1>Search</h1></div>")
          .append("<p class=\"empty\">Type what you are looking for in the search box above.</p>");
      return ok("search", "Search", "", main.toString(), q);
    }
    Listing listing = catalog.search(q, offset(pageNumber), PAGE_SIZE);
    main.append("<div class=\"listing-head\"><h1>Results for “")
        .append(escape(q))
        .append("”</h1><p class=\"count\">")
        .append(listing.total())
        .append(listing.total() == 1 ? " product" : " products")
        .append("</p></div>");
    Map<String, String> context = Map.of("data-query", q);
    main.append(shelf("Best matches for you", block("search-results", context)));
    if (listing.total() == 0)
      main.append("<p class=\"empty\">Nothing matches “")
          .append(escape(q))
          .append("”. Check the spelling, or try one of these:</p>");
    main.append("<section class=\"listing\" aria-label=\"Search results\">")
        .append(grid(listing.items()))
        .append(pager("/demo/search?q=" + component(q) + "&amp;", pageNumber, listing.total()))
        .append("</section>");
    main.append(shelf("Shoppers who searched this bought", block("search-led-to", context)));
    return ok(
        "search",
        "Results for " + q,
        attribute("data-query", q) + listAttribute(listing.items()),
        main.toString(),
        q);
  }

  Page cart() {
    String main =
        "<div class=\"listing-head\"><h1>Your cart</h1></div><div class=\"cart-layout\">"
            + "<section class=\"cart-lines\" aria-label=\"Cart\" data-shop-cart-lines>"
            + "<p class=\"empty\">Your cart is empty. <a href=\"/demo/\">Continue shopping</a></p>"
            + "</section><aside class=\"summary\"><h2>Order summary</h2>"
            + "<p class=\"total-line\"><span>Subtotal</span><strong data-shop-cart-total>$0.00"
            + "</strong></p><p class=\"total-line muted\"><span>Delivery</span><span>Free</span></p>"
            + "<a class=\"button wide\" href=\"/demo/checkout\" data-shop-checkout>Checkout</a>"
            + "<div class=\"sidebar-slot\" data-vitrina-slot=\"cart-sidebar\"><p class=\"note\">"
            + "Free returns within 30 days. Secure payment.</p></div></aside></div>"
            + shelf("Complete your order", block("cart-complements", Map.of("data-cart", "auto")))
            + shelf("Still thinking about these?", block("cart-left-behind", Map.of()));
    return ok("cart", "Your cart", "", main);
  }

  Page checkout() {
    String main =
        "<div class=\"listing-head\"><h1>Checkout</h1></div><div class=\"cart-layout\">"
            + "<form class=\"checkout-form\" action=\"/demo/thanks\" method=\"get\""
            + " data-shop-checkout-form><fieldset><legend>Delivery</legend>"
            + field("name", "Full name", "text", "name", "Alex Morgan")
            + field("email", "Email", "email", "email", "alex@example.com")
            + field("address", "Address", "text", "street-address", "12 Market Street")
            + "<div class=\"two\">"
            + field("city", "City", "text", "address-level2", "Springfield")
            + field("postcode", "Postcode", "text", "postal-code", "12345")
            + "</div></fieldset><fieldset><legend>Payment</legend>"
            + field("card", "Card number (demo: any digits)", "text", "off", "4242 4242 4242 4242")
            + "</fieldset><button class=\"button wide\" type=\"submit\" data-shop-place-order>"
            + "Place order</button></form><aside class=\"summary\"><h2>Your order</h2>"
            + "<div data-shop-order-lines><p class=\"empty\">Your cart is empty.</p></div>"
            + "<p class=\"total-line\"><span>Total</span><strong data-shop-cart-total>$0.00"
            + "</strong></p></aside></div>";
    return ok("checkout", "Checkout", "", main);
  }

  Page thanks(String order) {
    String number = order == null || order.isBlank() ? "" : order.trim();
    String main =
        "<section class=\"thanks\"><h1>Thank you for your order!</h1>"
            + (number.isEmpty()
                ? ""
                : "<p>Your order number is <strong data-shop-order-id>"
                    + escape(number)
                    + "</strong>. A confirmation is on its way to your inbox.</p>")
            + "<div class=\"order-lines\" data-shop-placed-order></div>"
            + "<p class=\"next\"><a class=\"button\" href=\"/demo/\">Continue shopping</a> "
            + "<a class=\"button secondary\" href=\"/admin/\">See the experiment report</a></p>"
            + "<p class=\"note\">The report on /admin/ (sign in with the admin key) shows what the"
            + " blocks and pop-ups of this store earn against their holdouts.</p></section>";
    return ok("thanks", "Thank you", attribute("data-order-id", number), main);
  }

  Page notFound(String title, String text) {
    String main =
        "<section class=\"not-found\"><h1>"
            + escape(title)
            + "</h1><p>"
            + escape(text)
            + "</p><p><a class=\"button\" href=\"/demo/\">Back to the home page</a></p></section>";
    return new Page(404, layout("not-found", title, "", main, ""));
  }

  // ------------------------------------------------------------------ parts

  private Page ok(String kind, String title, String attributes, String main) {
    return ok(kind, title, attributes, main, "");
  }

  private Page ok(String kind, String title, String attributes, String main, String query) {
    return new Page(200, layout(kind, title, attributes, main, query));
  }

  private String layout(String kind, String title, String attributes, String main, String query) {
    StringBuilder html = new StringBuilder(8192);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(escape(title.equals(STORE_NAME) ? title : title + " · " + STORE_NAME))
        .append("</title><link rel=\"stylesheet\" href=\"/demo/assets/shop.css\">")
        // The public script embedded as any store embeds it; the site key is public.
        .append("<script>window.vitrina=window.vitrina||[];vitrina.push(['init',{endpoint:'',")
        .append(" siteKey:")
        .append(Json.encode(siteKey).replace("<", "\\u003c"))
        .append(", currency:'USD', locale:'en-US'}]);</script>")
        .append("<script async src=\"/widgets/v1/vitrina.js\"></script>")
        .append("<script defer src=\"/demo/assets/shop.js\"></script>")
        .append("</head><body")
        .append(attribute("data-page", kind))
        .append(attribute("data-demo-customer", demoCustomer))
        .append(attributes)
        .append(">");
    header(html, query);
    html.append("<main class=\"page\">").append(main).append("</main>");
    html.append("<footer class=\"site-footer\"><div class=\"footer-inner\"><p><strong>")
        .append(STORE_NAME)
        .append("</strong> — a demo store of Vitrina. Prices, products and orders are made up.</p>")
        .append("<p><a href=\"/demo/\">Home</a> · <a href=\"/demo/cart\">Cart</a> · ")
        .append("<a href=\"/admin/\">Experiment reports</a></p></div></footer></body></html>");
    return html.toString();
  }

  private void header(StringBuilder html, String query) {
    html.append("<header class=\"site-header\"><div class=\"bar\">")
        .append("<a class=\"logo\" href=\"/demo/\"><span class=\"logo-mark\">V</span>")
        .append(STORE_NAME)
        .append("</a><form class=\"search\" action=\"/demo/search\" role=\"search\">")
        .append("<input type=\"search\" name=\"q\" placeholder=\"Search products and brands\"")
        .append(" aria-label=\"Search products\"")
        .append(attribute("value", query))
        .append("><button type=\"submit\">Search</button></form>")
        .append(
            "<div class=\"account\"><span class=\"signed-in\" data-shop-signed-in hidden></span>")
        .append("<button type=\"button\" class=\"link\" data-shop-sign-in>Sign in</button>")
        .append("<form class=\"sign-in-form\" data-shop-sign-in-form hidden>")
        .append("<label for=\"customer-id\">Customer id</label><input id=\"customer-id\"")
        .append(" name=\"customer\" required")
        .append(attribute("value", demoCustomer))
        .append("><button type=\"submit\" class=\"button small\">Sign in</button></form></div>")
        .append("<a class=\"cart-link\" href=\"/demo/cart\" aria-label=\"Cart\">")
        .append(CART_ICON)
        .append("<span class=\"cart-count\" data-shop-cart-count>0</span></a></div>")
        .append("<nav class=\"nav\" aria-label=\"Departments\"><div class=\"nav-inner\">");
    for (Department d : catalog.departments())
      html.append("<a href=\"")
          .append(categoryHref(d.category()))
          .append("\">")
          .append(escape(d.category().name()))
          .append("</a>");
    html.append("</div></nav></header>");
  }

  private static final String CART_ICON =
      "<svg viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" aria-hidden=\"true\"><path"
          + " d=\"M3 4h2l2.4 10.2a2 2 0 0 0 2 1.5h7.7a2 2 0 0 0 1.9-1.4L21 8H6.2\" fill=\"none\""
          + " stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\""
          + " stroke-linejoin=\"round\"/><circle cx=\"10\" cy=\"20\" r=\"1.6\""
          + " fill=\"currentColor\"/><circle cx=\"17\" cy=\"20\" r=\"1.6\""
          + " fill=\"currentColor\"/></svg>";

  /** The best seller of each of the first three departments, beside the home page's banner. */
  private String heroPictures(List<Department> departments) {
    StringBuilder out = new StringBuilder("<div class=\"hero-pictures\" aria-hidden=\"true\">");
    for (Department d : departments.subList(0, Math.min(3, departments.size())))
      for (Item item : catalog.category(d.category().name(), 0, 1).items())
        out.append("<img src=\"")
            .append(imageOf(item))
            .append("\" alt=\"\" width=\"400\" height=\"400\">");
    return out.append("</div>").toString();
  }

  private static String aisles(Department department, Category current) {
    if (department.aisles().isEmpty()) return "";
    StringBuilder out = new StringBuilder("<nav class=\"aisles\" aria-label=\"Subcategories\">");
    chip(out, department.category(), "All " + department.category().name(), current);
    for (Category aisle : department.aisles()) chip(out, aisle, aisle.name(), current);
    return out.append("</nav>").toString();
  }

  private static void chip(StringBuilder out, Category category, String label, Category current) {
    out.append("<a class=\"chip")
        .append(category.equals(current) ? " current\" aria-current=\"page" : "")
        .append("\" href=\"")
        .append(categoryHref(category))
        .append("\">")
        .append(escape(label))
        .append("</a>");
  }

  /** A titled row for a block: hidden by the style sheet while the block is empty. */
  private static String shelf(String title, String block) {
    return "<section class=\"shelf\"><h2>" + escape(title) + "</h2>" + block + "</section>";
  }

  private static String block(String name, Map<String, String> context) {
    StringBuilder out =
        new StringBuilder("<div class=\"block\"").append(attribute("data-vitrina-block", name));
    context.forEach((key, value) -> out.append(attribute(key, value)));
    return out.append(attribute("data-limit", "4")).append("></div>").toString();
  }

  private static String grid(List<Item> items) {
    StringBuilder out = new StringBuilder("<ul class=\"grid\">");
    // The first rows are on screen at once: only the later ones wait to be scrolled to.
    for (int i = 0; i < items.size(); i++)
      out.append("<li>").append(card(items.get(i), i >= 8)).append("</li>");
    return out.append("</ul>").toString();
  }

  static String card(Item item, boolean lazy) {
    StringBuilder out =
        new StringBuilder("<article class=\"card\"")
            .append(attribute("data-item-id", item.id()))
            .append("><a href=\"")
            .append(itemHref(item))
            .append("\"><img src=\"")
            .append(imageOf(item))
            .append("\" alt=\"\" width=\"400\" height=\"400\"")
            .append(lazy ? " loading=\"lazy\"><h3>" : "><h3>")
            .append(escape(item.title()))
            .append("</h3></a>");
    if (item.brand() != null && !item.brand().isBlank())
      out.append("<p class=\"brand\">").append(escape(item.brand())).append("</p>");
    out.append("<p class=\"price\">").append(prices(item)).append("</p>");
    if (!item.inStock()) out.append("<p class=\"stock out\">Sold out</p>");
    return out.append("</article>").toString();
  }

  private static String prices(Item item) {
    String now = "<span class=\"now\">" + escape(price(item.price())) + "</span>";
    return item.onSale()
        ? now + " <s class=\"was\">" + escape(price(item.oldPrice())) + "</s>"
        : now;
  }

  private static String pager(String base, int pageNumber, long total) {
    long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    if (pages == 1) return "";
    StringBuilder out = new StringBuilder("<nav class=\"pager\" aria-label=\"Pages\">");
    if (pageNumber > 1)
      out.append("<a rel=\"prev\" href=\"")
          .append(base)
          .append("page=")
          .append(pageNumber - 1)
          .append("\">← Previous</a>");
    out.append("<span>Page ").append(pageNumber).append(" of ").append(pages).append("</span>");
    if (pageNumber < pages)
      out.append("<a rel=\"next\" href=\"")
          .append(base)
          .append("page=")
          .append(pageNumber + 1)
          .append("\">Next →</a>");
    return out.append("</nav>").toString();
  }

  private static String field(
      String name, String label, String type, String autocomplete, String example) {
    return "<label class=\"field\"><span>"
        + escape(label)
        + "</span><input required"
        + attribute("name", name)
        + attribute("type", type)
        + attribute("autocomplete", autocomplete)
        + attribute("value", example)
        + "></label>";
  }

  /** The item ids a listing shows, for the store script's {@code view_item_list}. */
  private static String listAttribute(List<Item> items) {
    return attribute("data-list", String.join(",", items.stream().map(Item::id).toList()));
  }

  private static int offset(int pageNumber) {
    return (pageNumber - 1) * PAGE_SIZE;
  }

  static String categoryHref(Category category) {
    return "/demo/category/" + component(category.slug());
  }

  static String itemHref(Item item) {
    return "/demo/item/" + component(item.id());
  }

  static String pictureHref(Item item) {
    return "/demo/images/" + component(item.id()) + ".svg";
  }

  private static String imageOf(Item item) {
    return Html.url(item.image(), pictureHref(item));
  }

  /** {@code name="value"} with a leading space, the value escaped. */
  static String attribute(String name, String value) {
    return escapedAttribute(name, escape(value));
  }

  private static String escapedAttribute(String name, String escaped) {
    return " " + name + "=\"" + escaped + "\"";
  }
}
