/**
 * The demo store, {@code /demo/}, served with {@code --demo}: {@link
 * io.vitrina.server.storefront.StorefrontCapability} routes its pages (home, category, item,
 * search, cart, checkout, thank-you), its drawn product pictures ({@code /demo/images/{id}.svg})
 * and its two files ({@code src/main/resources/storefront}: {@code shop.js}, the cart in
 * localStorage and the store's events sent through the public script's queue, and {@code
 * shop.css}). {@link io.vitrina.server.storefront.Pages} renders HTML the way a store's own backend
 * would, every value through {@link io.vitrina.server.storefront.Html}; it reads the catalog
 * through {@link io.vitrina.server.storefront.ShopCatalog} only, which {@link
 * io.vitrina.server.storefront.IndexedShopCatalog} answers from the serving index and the engine's
 * search. It knows nothing of blocks, slots or campaigns beyond their names on the page: the public
 * script fills them, as on any store.
 */
package io.vitrina.server.storefront;
