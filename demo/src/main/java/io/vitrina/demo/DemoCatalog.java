package io.vitrina.demo;

import io.vitrina.demo.DemoTaxonomy.Brand;
import io.vitrina.demo.DemoTaxonomy.Category;
import io.vitrina.demo.DemoTaxonomy.Subcategory;
import io.vitrina.engine.catalog.Item;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The demo catalog and the per-subcategory "shelves" the shopper simulation browses.
 *
 * <p>Items of one subcategory get a Zipf-skewed popularity from their (random) position on the
 * shelf, so a few items are bestsellers and most are long tail — the shape popularity and trend
 * algorithms need to look meaningful.
 */
final class DemoCatalog {
  /**
   * The demo store's own pages and pictures, served by the Vitrina server with {@code --demo}
   * (root-relative, so they load from whatever host serves the demo, without internet).
   */
  static final String ITEM_PAGE = "/demo/item/";

  static final String ITEM_IMAGE = "/demo/images/";
  static final int CATALOG_AGE_DAYS = 180;
  static final double DISCOUNT_RATE = 0.15;
  static final double OUT_OF_STOCK_RATE = 0.05;

  /** Zipf exponent of popularity within a shelf: with ~80 items the top one draws ~20%. */
  private static final double ZIPF_EXPONENT = 1.0;

  private static final List<String> COLOURS =
      List.of("Black", "White", "Silver", "Blue", "Red", "Green", "Grey", "Gold", "Pink", "Beige");
  private static final String MODEL_LETTERS = "AEGKMNRSTVXZ";
  private static final int[] DISCOUNT_PERCENTS = {10, 15, 20, 25, 30, 40};

  private final List<Item> items;
  private final Map<String, Shelf> shelves; // by subcategory name, only non-empty ones
  private final Map<String, Subcategory> subcategoryOfItem;

  private DemoCatalog(
      List<Item> items, Map<String, Shelf> shelves, Map<String, Subcategory> bySku) {
    this.items = items;
    this.shelves = shelves;
    this.subcategoryOfItem = bySku;
  }

  List<Item> items() {
    return items;
  }

  /** The shelf of a subcategory, or null when the catalog is too small to have its items. */
  Shelf shelf(String subcategory) {
    return shelves.get(subcategory);
  }

  List<Shelf> shelves() {
    return List.copyOf(shelves.values());
  }

  Subcategory subcategoryOf(Item item) {
    return subcategoryOfItem.get(item.id());
  }

  static DemoCatalog generate(long seed, int count, Instant referenceTime) {
    if (count < 1) throw new IllegalArgumentException("the demo catalog needs at least one item");
    RandomGenerator rnd = new Random(seed);
    Map<String, Double> brandPriceFactor = brandPriceFactors(rnd);

    // Shuffled slots interleave subcategories, so sku numbers say nothing about the category.
    List<Subcategory> slots = allocate(count);
    Collections.shuffle(slots, new Random(rnd.nextLong()));

    List<Item> items = new ArrayList<>(count);
    Map<String, List<Item>> bySubcategory = new LinkedHashMap<>();
    Map<String, Subcategory> bySku = new HashMap<>();
    for (int i = 0; i < count; i++) {
      Subcategory sub = slots.get(i);
      Item item = item(i + 1, sub, rnd, brandPriceFactor, referenceTime);
      items.add(item);
      bySubcategory.computeIfAbsent(sub.name(), k -> new ArrayList<>()).add(item);
      bySku.put(item.id(), sub);
    }

    Map<String, Shelf> shelves = new LinkedHashMap<>();
    for (Subcategory sub : DemoTaxonomy.SUBCATEGORIES) {
      List<Item> onShelf = bySubcategory.get(sub.name());
      if (onShelf != null) shelves.put(sub.name(), Shelf.of(sub, onShelf));
    }
    return new DemoCatalog(List.copyOf(items), shelves, bySku);
  }

  /** Premium and budget brands: a brand shifts its whole price range by a fixed factor. */
  private static Map<String, Double> brandPriceFactors(RandomGenerator rnd) {
    Map<String, Double> factors = new HashMap<>();
    for (Brand brand : DemoTaxonomy.BRANDS) {
      factors.put(brand.name(), Math.exp(0.25 * DemoRandom.gaussian(rnd)));
    }
    return factors;
  }

  /** Splits {@code count} items over subcategories by weight (largest remainder). */
  private static List<Subcategory> allocate(int count) {
    List<Subcategory> subs = DemoTaxonomy.SUBCATEGORIES;
    double totalWeight = subs.stream().mapToDouble(Subcategory::weight).sum();
    int[] counts = new int[subs.size()];
    double[] remainders = new double[subs.size()];
    int given = 0;
    for (int i = 0; i < subs.size(); i++) {
      double exact = count * subs.get(i).weight() / totalWeight;
      counts[i] = (int) exact;
      remainders[i] = exact - counts[i];
      given += counts[i];
    }
    while (given < count) {
      int best = 0;
      for (int i = 1; i < remainders.length; i++) if (remainders[i] > remainders[best]) best = i;
      counts[best]++;
      remainders[best] = -1;
      given++;
    }
    List<Subcategory> slots = new ArrayList<>(count);
    for (int i = 0; i < subs.size(); i++) slots.addAll(Collections.nCopies(counts[i], subs.get(i)));
    return slots;
  }

  private static Item item(
      int number,
      Subcategory sub,
      RandomGenerator rnd,
      Map<String, Double> brandPriceFactor,
      Instant referenceTime) {
    Category category = sub.category();
    String id = numbered("sku-", number, 5);
    Brand brand = pick(rnd, DemoTaxonomy.brandsOf(sub));
    String adjective = pick(rnd, category.adjectives());
    String noun = pick(rnd, sub.nouns());
    String model =
        MODEL_LETTERS.charAt(rnd.nextInt(MODEL_LETTERS.length())) + "" + rnd.nextInt(1, 100);
    String title = String.join(" ", brand.name(), model, adjective, noun);
    String description =
        article(adjective)
            + " "
            + lowerWords(adjective)
            + " "
            + lowerWords(noun)
            + " from "
            + brand.name()
            + ", "
            + pick(rnd, category.features())
            + ".";

    double price = price(sub, brandPriceFactor.get(brand.name()), rnd);
    Double oldPrice = rnd.nextDouble() < DISCOUNT_RATE ? oldPrice(price, rnd) : null;
    int stock = rnd.nextDouble() < OUT_OF_STOCK_RATE ? 0 : restock(rnd);
    Instant createdAt =
        referenceTime
            .minusSeconds(rnd.nextLong(Duration.ofDays(CATALOG_AGE_DAYS).toSeconds()))
            .truncatedTo(ChronoUnit.SECONDS);

    Map<String, String> attributes = new LinkedHashMap<>();
    if (category.coloured()) attributes.put("color", pick(rnd, COLOURS));
    attributes.put(category.attribute(), pick(rnd, category.attributeValues()));

    return new Item(
        id,
        title,
        description,
        ITEM_PAGE + id,
        ITEM_IMAGE + id + ".svg",
        sub.path(),
        brand.name(),
        price,
        oldPrice,
        stock,
        true, // listed; a sold-out item is stock 0, which the stock rule must hide
        tags(sub, rnd, oldPrice != null, createdAt, referenceTime),
        attributes,
        createdAt);
  }

  private static double price(Subcategory sub, double brandFactor, RandomGenerator rnd) {
    double raw =
        Math.exp(sub.logMid() + Math.log(brandFactor) + sub.logSpread() * DemoRandom.gaussian(rnd));
    return charmPrice(raw, sub.minPrice(), sub.maxPrice());
  }

  /** Rounds to a shop-like price ending in .99, kept inside the subcategory's range. */
  static double charmPrice(double raw, double min, double max) {
    double step = raw >= 100 ? 10 : 1;
    double whole = Math.round(raw / step) * step;
    whole = Math.min(Math.max(whole, min + step), max);
    return round2(whole - 0.01);
  }

  private static double oldPrice(double price, RandomGenerator rnd) {
    int percent = DISCOUNT_PERCENTS[rnd.nextInt(DISCOUNT_PERCENTS.length)];
    // ceil(...) - 0.01 stays above price because the mark-up is at least 11%.
    return round2(Math.ceil(price / (1 - percent / 100.0)) - 0.01);
  }

  /** Mostly a few dozen units, sometimes hundreds. */
  private static int restock(RandomGenerator rnd) {
    return 1 + (int) Math.min(499, -40 * Math.log(1 - rnd.nextDouble()));
  }

  private static List<String> tags(
      Subcategory sub, RandomGenerator rnd, boolean discounted, Instant createdAt, Instant ref) {
    Set<String> tags = new LinkedHashSet<>();
    tags.add(sub.name().toLowerCase(Locale.ROOT).replace("'", "").replace(' ', '-'));
    int extra = 1 + rnd.nextInt(2);
    for (int i = 0; i < extra; i++) tags.add(pick(rnd, sub.category().tags()));
    if (discounted) tags.add("sale");
    if (createdAt.isAfter(ref.minus(Duration.ofDays(30)))) tags.add("new");
    return List.copyOf(tags);
  }

  private static <T> T pick(RandomGenerator rnd, List<T> values) {
    return values.get(rnd.nextInt(values.size()));
  }

  private static String article(String word) {
    return "AEIOU".indexOf(Character.toUpperCase(word.charAt(0))) >= 0 ? "An" : "A";
  }

  /** "Eau de Parfum" reads "eau de parfum" mid-sentence, but "USB-C" and "T-Shirt" keep case. */
  private static String lowerWords(String words) {
    StringBuilder out = new StringBuilder();
    for (String word : words.split(" ")) {
      if (!out.isEmpty()) out.append(' ');
      int capitals = 0;
      for (int i = 0; i < word.length(); i++) if (Character.isUpperCase(word.charAt(i))) capitals++;
      out.append(capitals > 1 ? word : word.toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  /**
   * {@code prefix} and the number zero-padded to {@code width} digits. Hand-rolled because {@code
   * String.format} dominated a cold start: ids are made for every item and visitor.
   */
  static String numbered(String prefix, int number, int width) {
    String digits = Integer.toString(number);
    return digits.length() >= width
        ? prefix + digits
        : prefix + "0".repeat(width - digits.length()) + digits;
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /**
   * The items of one subcategory in popularity order, with cumulative Zipf weights to sample from.
   */
  record Shelf(Subcategory subcategory, List<Item> items, double[] cumulative) {

    static Shelf of(Subcategory sub, List<Item> items) {
      double[] cumulative = new double[items.size()];
      double sum = 0;
      for (int rank = 0; rank < items.size(); rank++) {
        sum += 1 / Math.pow(rank + 1, ZIPF_EXPONENT);
        cumulative[rank] = sum;
      }
      return new Shelf(sub, List.copyOf(items), cumulative);
    }

    /**
     * Draws an item by popularity that existed at {@code at} and that {@code wanted} accepts; a
     * price-sensitive shopper turns down items above the shelf's typical price more often. Gives up
     * (null) after a few tries rather than scanning: callers simply skip the step.
     */
    Item pick(RandomGenerator rnd, double priceSensitivity, Instant at, Predicate<Item> wanted) {
      for (int attempt = 0; attempt < 16; attempt++) {
        Item item = items.get(index(rnd.nextDouble() * cumulative[cumulative.length - 1]));
        if (item.createdAt().isAfter(at) || !wanted.test(item)) continue;
        if (rnd.nextDouble() < affordability(item, priceSensitivity)) return item;
      }
      return null;
    }

    /**
     * The item of this shelf made to go with {@code anchor} (of another shelf): fixed for the
     * catalog, spread over the whole shelf.
     */
    Item companionOf(Item anchor) {
      long mixed = DemoRandom.mix(anchor.id().hashCode(), subcategory.name().hashCode());
      return items.get((int) Math.floorMod(mixed, (long) items.size()));
    }

    private double affordability(Item item, double priceSensitivity) {
      double z = (Math.log(item.price()) - subcategory.logMid()) / subcategory.logSpread();
      return z <= 0 ? 1 : Math.exp(-priceSensitivity * z);
    }

    /** First rank whose cumulative weight exceeds {@code u}. */
    private int index(double u) {
      int lo = 0;
      int hi = cumulative.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    }
  }
}
