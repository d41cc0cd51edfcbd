package io.vitrina.server.storefront;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.SearchResults;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.storefront.Pages.Page;
import java.time.Clock;
import java.util.function.Function;

/**
 * The demo store at {@code /demo/} (with {@code --demo}): a shop a person can click through, its
 * pages rendered here from the catalog as a store's own backend renders them, and filled with
 * blocks, slots and pop-ups by the public script, as any store's are. Its cart lives in the browser
 * ({@code shop.js}); its pictures are drawn ({@link ItemPicture}).
 */
public final class StorefrontCapability implements Capability {
  /** Where the store's script and style sheet live in the jar. */
  static final String ASSETS = "storefront";

  /** No page is deeper than this: a listing's later pages are not worth a deep index read. */
  static final int MAX_PAGE = 40;

  private final ShopCatalog catalog;
  private final Pages pages;

  public StorefrontCapability(ShopCatalog catalog, String siteKey, String demoCustomer) {
    this.catalog = catalog;
    this.pages = new Pages(catalog, siteKey, demoCustomer);
  }

  /** The store over the serving index, searching with the engine's search. */
  public static StorefrontCapability over(
      CatalogIndex index,
      Function<RecommendationRequest, SearchResults> search,
      String siteKey,
      String demoCustomer) {
    return new StorefrontCapability(
        new IndexedShopCatalog(index, search, Clock.systemUTC()), siteKey, demoCustomer);
  }

  @Override
  public void routes(ApiRoutes routes) {
    // The route matches "/demo/" too: the home page is there, and "/demo" is sent to it (so that
    // the page is one address).
    routes.operations(HttpMethod.GET, "/demo").handler(this::home);
    routes
        .operations(HttpMethod.GET, "/demo/category/:id")
        .handler(ctx -> send(ctx, pages.category(ctx.pathParam("id"), pageNumber(ctx))));
    routes
        .operations(HttpMethod.GET, "/demo/item/:id")
        .handler(ctx -> send(ctx, pages.item(ctx.pathParam("id"))));
    routes
        .operations(HttpMethod.GET, "/demo/search")
        .handler(ctx -> send(ctx, pages.search(ctx.request().getParam("q"), pageNumber(ctx))));
    routes.operations(HttpMethod.GET, "/demo/cart").handler(ctx -> send(ctx, pages.cart()));
    routes.operations(HttpMethod.GET, "/demo/checkout").handler(ctx -> send(ctx, pages.checkout()));
    routes
        .operations(HttpMethod.GET, "/demo/thanks")
        .handler(ctx -> send(ctx, pages.thanks(ctx.request().getParam("order"))));
    routes.operations(HttpMethod.GET, "/demo/images/:file").handler(this::picture);
    routes
        .operations(HttpMethod.GET, "/demo/assets/*")
        .handler(StaticHandler.create(ASSETS).setMaxAgeSeconds(300));
  }

  private void home(RoutingContext ctx) {
    if (ctx.request().path().equals("/demo"))
      ctx.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, "/demo/").end();
    else send(ctx, pages.home());
  }

  private void picture(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    if (file.equals(ItemPicture.BEST_CUSTOMERS)) {
      sendPicture(ctx, ItemPicture.bestCustomersBanner());
      return;
    }
    var item =
        file.endsWith(".svg")
            ? catalog.item(file.substring(0, file.length() - ".svg".length()))
            : java.util.Optional.<io.vitrina.engine.catalog.Item>empty();
    if (item.isEmpty()) {
      send(ctx, pages.notFound("We could not find that picture", "No product has it."));
      return;
    }
    sendPicture(ctx, ItemPicture.svg(item.get()));
  }

  private static void sendPicture(RoutingContext ctx, String svg) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "image/svg+xml; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=3600")
        // A picture is an image, never a document that runs script.
        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(svg);
  }

  private static int pageNumber(RoutingContext ctx) {
    String page = ctx.request().getParam("page");
    if (page == null) return 1;
    try {
      return Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(page.trim())));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static void send(RoutingContext ctx, Page page) {
    ctx.response()
        .setStatusCode(page.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "same-origin")
        .end(page.html());
  }
}
