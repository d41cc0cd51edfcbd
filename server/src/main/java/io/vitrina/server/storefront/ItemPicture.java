package io.vitrina.server.storefront;

import io.vitrina.engine.catalog.Item;
import java.util.List;
import java.util.Locale;

/**
 * The demo catalog's product pictures, drawn rather than downloaded (the demo runs offline): a
 * colour and a glyph from the item's department, a shade from its subcategory, and its brand and
 * short name as text.
 */
final class ItemPicture {
  private ItemPicture() {}

  /** A department's look: its background hue and its glyph (SVG shapes on a 100×100 grid). */
  private record Look(int hue, String glyph) {}

  private static final Look ELECTRONICS =
      new Look(
          212,
          "<rect x='32' y='14' width='36' height='64' rx='6'/>"
              + "<rect x='37' y='21' width='26' height='46' rx='2' fill='#fff' opacity='.35'/>"
              + "<circle cx='50' cy='72' r='2.5' fill='#fff'/>");
  private static final Look ACCESSORIES =
      new Look(
          262,
          "<rect x='40' y='12' width='20' height='22' rx='4'/>"
              + "<rect x='44' y='6' width='4' height='8'/><rect x='52' y='6' width='4' height='8'/>"
              + "<path d='M50 34 C50 56 30 52 30 72 S50 88 66 80' fill='none' stroke-width='6'"
              + " stroke-linecap='round'/>");
  private static final Look HOME =
      new Look(
          28,
          "<path d='M26 30 h40 v34 a14 14 0 0 1 -14 14 h-12 a14 14 0 0 1 -14 -14 z'/>"
              + "<path d='M66 38 h6 a10 10 0 0 1 0 20 h-6' fill='none' stroke-width='6'/>");
  private static final Look CLOTHING =
      new Look(
          340,
          "<path d='M36 16 L20 26 L12 44 L26 50 L30 42 L30 84 L70 84 L70 42 L74 50 L88 44 L80 26"
              + " L64 16 C60 24 40 24 36 16 Z'/>");
  private static final Look SPORTS =
      new Look(
          140,
          "<circle cx='28' cy='62' r='16' fill='none' stroke-width='6'/>"
              + "<circle cx='72' cy='62' r='16' fill='none' stroke-width='6'/>"
              + "<path d='M28 62 L44 36 L62 36 L72 62 M44 36 L52 62 L62 36 M40 28 h12' fill='none'"
              + " stroke-width='5' stroke-linejoin='round' stroke-linecap='round'/>");
  private static final Look BEAUTY =
      new Look(
          310,
          "<rect x='42' y='10' width='16' height='14' rx='2'/>"
              + "<rect x='30' y='26' width='40' height='58' rx='10'/>"
              + "<rect x='38' y='44' width='24' height='18' rx='3' fill='#fff' opacity='.35'/>");
  private static final Look TOYS =
      new Look(
          48,
          "<rect x='16' y='50' width='32' height='32' rx='4'/><rect x='52' y='50' width='32'"
              + " height='32' rx='4'/><rect x='34' y='16' width='32' height='32' rx='4'/>"
              + "<circle cx='50' cy='32' r='6' fill='#fff' opacity='.4'/>");
  private static final Look BOOKS =
      new Look(
          176,
          "<path d='M14 22 C30 16 42 18 50 26 C58 18 70 16 86 22 V80 C70 74 58 76 50 84 C42 76 30"
              + " 74 14 80 Z'/><path d='M50 26 V84' stroke='#fff' stroke-width='2' opacity='.5'/>");
  private static final Look OTHER =
      new Look(
          200,
          "<rect x='22' y='30' width='56' height='46' rx='4'/><path d='M22 30 L50 16 L78 30 Z'/>");

  private static Look lookOf(String department) {
    String d = department == null ? "" : department.toLowerCase(Locale.ROOT);
    if (d.contains("electronic")) return ELECTRONICS;
    if (d.contains("accessor")) return ACCESSORIES;
    if (d.contains("home") || d.contains("kitchen")) return HOME;
    if (d.contains("cloth") || d.contains("fashion")) return CLOTHING;
    if (d.contains("sport") || d.contains("outdoor")) return SPORTS;
    if (d.contains("beauty")) return BEAUTY;
    if (d.contains("toy") || d.contains("game")) return TOYS;
    if (d.contains("book")) return BOOKS;
    return OTHER;
  }

  /** The file name of the demo's banner for its best customers (its home-hero slot). */
  static final String BEST_CUSTOMERS = "best-customers.svg";

  /** A wide banner picture: gift boxes on a warm gradient. */
  static String bestCustomersBanner() {
    return "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 800 300' width='800' height='300'"
        + " role='img' aria-label='Gifts for our best customers'>"
        + "<defs><linearGradient id='g' x1='0' y1='0' x2='1' y2='1'>"
        + "<stop offset='0' stop-color='hsl(28,90%,92%)'/>"
        + "<stop offset='1' stop-color='hsl(350,70%,86%)'/></linearGradient></defs>"
        + "<rect width='800' height='300' fill='url(#g)'/>"
        + "<g fill='hsl(350,55%,45%)'><rect x='300' y='120' width='120' height='110' rx='6'/>"
        + "<rect x='290' y='100' width='140' height='30' rx='6'/></g>"
        + "<g fill='hsl(28,80%,50%)'><rect x='440' y='150' width='80' height='80' rx='6'/>"
        + "<rect x='432' y='135' width='96' height='22' rx='5'/></g>"
        + "<g fill='#fff' opacity='.8'><rect x='354' y='100' width='12' height='130'/>"
        + "<rect x='474' y='135' width='10' height='95'/></g></svg>";
  }

  /** The picture of {@code item}: a square SVG document. */
  static String svg(Item item) {
    List<String> path = item.categories();
    Look look = lookOf(path.isEmpty() ? null : path.get(0));
    // The subcategory moves the hue a little, so that phones and laptops are told apart.
    int shade = Math.floorMod(String.valueOf(item.leafCategory()).hashCode(), 7) * 6 - 18;
    int hue = Math.floorMod(look.hue() + shade, 360);
    String brand = item.brand() == null ? "" : item.brand();
    String name = shortName(item);
    return "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 400 400' width='400' height='400'"
        + " role='img' aria-label='"
        + Html.escape(item.title())
        + "'>"
        + "<defs><linearGradient id='g' x1='0' y1='0' x2='1' y2='1'>"
        + "<stop offset='0' stop-color='hsl("
        + hue
        + ",70%,94%)'/><stop offset='1' stop-color='hsl("
        + hue
        + ",60%,84%)'/></linearGradient></defs>"
        + "<rect width='400' height='400' fill='url(#g)'/>"
        + "<g transform='translate(110 52) scale(1.8)' fill='hsl("
        + hue
        + ",45%,42%)' stroke='hsl("
        + hue
        + ",45%,42%)'>"
        + look.glyph()
        + "</g>"
        + "<text x='200' y='322' text-anchor='middle' font-family='system-ui,sans-serif'"
        + " font-size='22' font-weight='700' letter-spacing='2' fill='hsl("
        + hue
        + ",40%,30%)'>"
        + Html.escape(brand.toUpperCase(Locale.ROOT))
        + "</text>"
        + "<text x='200' y='354' text-anchor='middle' font-family='system-ui,sans-serif'"
        + " font-size='20' fill='hsl("
        + hue
        + ",30%,30%)'>"
        + Html.escape(name)
        + "</text></svg>";
  }

  /**
   * The title without its brand ("Lumio K23 Compact Smartphone" is "K23 Compact Smartphone"),
   * shortened to fit the picture.
   */
  static String shortName(Item item) {
    String title = item.title() == null ? "" : item.title().trim();
    String brand = item.brand();
    if (brand != null && !brand.isBlank() && title.startsWith(brand + " "))
      title = title.substring(brand.length() + 1);
    return title.length() <= 28 ? title : title.substring(0, 27).trim() + "…";
  }
}
