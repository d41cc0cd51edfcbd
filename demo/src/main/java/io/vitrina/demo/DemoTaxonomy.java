package io.vitrina.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo store's fixed assortment: categories, subcategories with their price ranges, brands tied
 * to a few subcategories, and which subcategories shoppers buy together.
 *
 * <p>It is data, not randomness: the generators draw from these tables, so the demo always has the
 * same shape and a README can name "Phones" or "Lumio" and be sure they exist.
 */
final class DemoTaxonomy {
  private DemoTaxonomy() {}

  /**
   * A top category.
   *
   * @param demand how many shoppers prefer it, relative to the others
   * @param attribute the name of the one category-specific item attribute (e.g. size)
   */
  record Category(
      String name,
      double demand,
      String attribute,
      List<String> attributeValues,
      List<String> adjectives,
      List<String> tags,
      List<String> features,
      boolean coloured) {}

  /**
   * A leaf category. Prices are drawn log-normally so that most items sit near the geometric middle
   * of {@code [minPrice, maxPrice]} and few at the ends, as in a real assortment.
   *
   * @param weight share of the assortment and of browsing, relative to other subcategories
   */
  record Subcategory(
      Category category,
      String name,
      double minPrice,
      double maxPrice,
      double weight,
      List<String> nouns) {

    List<String> path() {
      return List.of(category.name(), name);
    }

    /** Log of the geometric middle of the price range: the centre of the log-normal. */
    double logMid() {
      return (Math.log(minPrice) + Math.log(maxPrice)) / 2;
    }

    /** Log-price standard deviation: the range spans about ±2.25 of it. */
    double logSpread() {
      return (Math.log(maxPrice) - Math.log(minPrice)) / 4.5;
    }
  }

  record Brand(String name, List<String> subcategories) {}

  /**
   * Shoppers who buy an item of {@code anchor} add one of {@code complement} to the same order with
   * this probability — the structure that makes "also bought" worth showing.
   */
  record Complement(String anchor, String complement, double probability) {}

  private static final Category ELECTRONICS =
      new Category(
          "Electronics",
          1.6,
          "warranty",
          List.of("1 year", "2 years", "3 years"),
          List.of("Compact", "Ultra", "Slim", "Advanced", "Smart", "Essential"),
          List.of("wireless", "5g", "bluetooth", "usb-c", "fast-charging"),
          List.of(
              "with a bright, sharp display",
              "built for all-day battery life",
              "with fast and reliable performance",
              "designed to pair with your other devices"),
          true);
  private static final Category ACCESSORIES =
      new Category(
          "Accessories",
          0.8,
          "material",
          List.of("Silicone", "Leather", "Nylon", "Plastic", "Aluminium"),
          List.of("Durable", "Slim", "Rugged", "Premium", "Classic", "Everyday"),
          List.of("usb-c", "magnetic", "protective", "travel"),
          List.of(
              "made to fit and protect",
              "built to survive daily use",
              "a small upgrade you will use every day",
              "backed by a two-year replacement guarantee"),
          true);
  private static final Category HOME =
      new Category(
          "Home & Kitchen",
          1.0,
          "material",
          List.of("Stainless Steel", "Ceramic", "Cast Iron", "Glass", "Bamboo"),
          List.of("Classic", "Modern", "Professional", "Compact", "Elegant", "Everyday"),
          List.of("dishwasher-safe", "induction", "eco", "gift"),
          List.of(
              "made for everyday cooking",
              "easy to clean and built to last",
              "a favourite for slow weekend mornings"),
          true);
  private static final Category CLOTHING =
      new Category(
          "Clothing",
          1.4,
          "size",
          List.of("XS", "S", "M", "L", "XL"),
          List.of("Classic", "Relaxed", "Slim-Fit", "Vintage", "Organic", "Everyday"),
          List.of("cotton", "organic", "unisex", "stretch"),
          List.of(
              "cut for a comfortable everyday fit",
              "made from soft, breathable fabric",
              "easy to pair with the rest of your wardrobe"),
          true);
  private static final Category SPORTS =
      new Category(
          "Sports & Outdoors",
          0.9,
          "level",
          List.of("Beginner", "Intermediate", "Advanced"),
          List.of("Lightweight", "Rugged", "Trail", "Performance", "All-Season", "Compact"),
          List.of("waterproof", "lightweight", "outdoor", "beginner"),
          List.of(
              "built for long days outdoors",
              "light enough to take anywhere",
              "tested on trails and city streets"),
          true);
  private static final Category BEAUTY =
      new Category(
          "Beauty",
          0.8,
          "volume",
          List.of("30 ml", "50 ml", "100 ml", "250 ml"),
          List.of("Hydrating", "Gentle", "Radiant", "Nourishing", "Fresh", "Classic"),
          List.of("vegan", "cruelty-free", "sensitive-skin", "travel-size"),
          List.of(
              "made with gentle, skin-friendly ingredients",
              "for a fresh look that lasts all day",
              "dermatologically tested"),
          true);
  private static final Category TOYS =
      new Category(
          "Toys & Games",
          0.6,
          "age",
          List.of("3+", "6+", "8+", "12+"),
          List.of("Classic", "Creative", "Deluxe", "Family", "Junior", "Adventure"),
          List.of("family", "educational", "gift", "ages-6-plus"),
          List.of(
              "hours of fun for the whole family",
              "designed to spark creativity",
              "made from safe, durable materials"),
          true);
  private static final Category BOOKS =
      new Category(
          "Books",
          0.7,
          "format",
          List.of("Hardcover", "Paperback", "Audiobook"),
          List.of("Gripping", "Bestselling", "Illustrated", "Essential", "Classic", "Acclaimed"),
          List.of("bestseller", "award-winning", "gift", "new-release"),
          List.of(
              "a story readers could not put down",
              "packed with practical ideas",
              "beautifully illustrated throughout"),
          false);

  static final List<Category> CATEGORIES =
      List.of(ELECTRONICS, ACCESSORIES, HOME, CLOTHING, SPORTS, BEAUTY, TOYS, BOOKS);

  static final List<Subcategory> SUBCATEGORIES =
      List.of(
          new Subcategory(ELECTRONICS, "Phones", 150, 1500, 1.2, List.of("Smartphone", "Phone")),
          new Subcategory(
              ELECTRONICS, "Laptops", 400, 2500, 1.0, List.of("Laptop", "Notebook", "Ultrabook")),
          new Subcategory(ELECTRONICS, "Tablets", 150, 1200, 0.6, List.of("Tablet", "Tab")),
          new Subcategory(
              ELECTRONICS, "Headphones", 20, 400, 1.0, List.of("Headphones", "Earbuds", "Headset")),
          new Subcategory(
              ELECTRONICS, "Smartwatches", 80, 600, 0.6, List.of("Smartwatch", "Fitness Watch")),
          new Subcategory(
              ACCESSORIES,
              "Phone Cases",
              8,
              50,
              1.4,
              List.of("Phone Case", "Folio Case", "Bumper Case")),
          new Subcategory(
              ACCESSORIES,
              "Chargers",
              10,
              70,
              0.8,
              List.of("Charger", "Fast Charger", "Wireless Charger")),
          new Subcategory(
              ACCESSORIES,
              "Cables",
              5,
              30,
              0.8,
              List.of("USB-C Cable", "Lightning Cable", "Charging Cable")),
          new Subcategory(
              ACCESSORIES,
              "Laptop Bags",
              25,
              160,
              0.6,
              List.of("Laptop Bag", "Laptop Backpack", "Laptop Sleeve")),
          new Subcategory(ACCESSORIES, "Mice", 10, 120, 0.6, List.of("Mouse", "Wireless Mouse")),
          new Subcategory(
              HOME,
              "Coffee Makers",
              30,
              600,
              0.8,
              List.of("Coffee Maker", "Espresso Machine", "Drip Brewer")),
          new Subcategory(HOME, "Mugs", 6, 40, 0.8, List.of("Mug", "Travel Mug", "Cup Set")),
          new Subcategory(
              HOME, "Cookware", 20, 300, 1.0, List.of("Frying Pan", "Saucepan", "Dutch Oven")),
          new Subcategory(
              HOME,
              "Kitchen Knives",
              15,
              250,
              0.7,
              List.of("Chef's Knife", "Knife Set", "Santoku Knife")),
          new Subcategory(CLOTHING, "T-Shirts", 10, 60, 1.2, List.of("T-Shirt", "Tee")),
          new Subcategory(CLOTHING, "Jeans", 30, 150, 1.0, List.of("Jeans", "Denim")),
          new Subcategory(
              CLOTHING, "Jackets", 50, 400, 0.9, List.of("Jacket", "Parka", "Windbreaker")),
          new Subcategory(CLOTHING, "Sneakers", 40, 250, 1.0, List.of("Sneakers", "Trainers")),
          new Subcategory(CLOTHING, "Socks", 5, 25, 0.6, List.of("Socks", "Sock Pack")),
          new Subcategory(
              SPORTS, "Running Shoes", 50, 220, 0.9, List.of("Running Shoes", "Trail Shoes")),
          new Subcategory(
              SPORTS, "Bicycles", 250, 3000, 0.6, List.of("Bicycle", "Mountain Bike", "City Bike")),
          new Subcategory(SPORTS, "Bike Helmets", 30, 200, 0.5, List.of("Bike Helmet", "Helmet")),
          new Subcategory(SPORTS, "Tents", 60, 700, 0.5, List.of("Tent", "Backpacking Tent")),
          new Subcategory(
              SPORTS, "Sleeping Bags", 30, 300, 0.5, List.of("Sleeping Bag", "Camping Quilt")),
          new Subcategory(
              BEAUTY, "Skincare", 8, 120, 1.0, List.of("Moisturizer", "Serum", "Cleanser")),
          new Subcategory(
              BEAUTY, "Makeup", 6, 60, 0.9, List.of("Lipstick", "Mascara", "Foundation")),
          new Subcategory(
              BEAUTY, "Fragrances", 25, 200, 0.6, List.of("Eau de Parfum", "Eau de Toilette")),
          new Subcategory(
              BEAUTY, "Hair Care", 5, 50, 0.7, List.of("Shampoo", "Conditioner", "Hair Mask")),
          new Subcategory(
              TOYS,
              "Board Games",
              15,
              90,
              0.7,
              List.of("Board Game", "Strategy Game", "Party Game")),
          new Subcategory(
              TOYS, "Building Sets", 10, 250, 0.8, List.of("Building Set", "Construction Kit")),
          new Subcategory(TOYS, "Puzzles", 8, 45, 0.5, List.of("Jigsaw Puzzle", "3D Puzzle")),
          new Subcategory(TOYS, "Dolls", 10, 80, 0.5, List.of("Doll", "Doll House")),
          new Subcategory(
              BOOKS, "Fiction", 8, 30, 1.0, List.of("Novel", "Thriller", "Short Story Collection")),
          new Subcategory(BOOKS, "Cookbooks", 12, 45, 0.5, List.of("Cookbook", "Recipe Book")),
          new Subcategory(
              BOOKS, "Business", 12, 50, 0.5, List.of("Business Book", "Leadership Guide")),
          new Subcategory(
              BOOKS, "Children's Books", 5, 25, 0.6, List.of("Picture Book", "Storybook")));

  static final List<Brand> BRANDS =
      List.of(
          new Brand("Lumio", List.of("Phones", "Tablets", "Smartwatches")),
          new Brand("Novatek", List.of("Phones", "Laptops", "Tablets")),
          new Brand("Pixelon", List.of("Phones", "Smartwatches")),
          new Brand("Zentro", List.of("Laptops", "Tablets")),
          new Brand("Voltix", List.of("Laptops", "Mice")),
          new Brand("Arcwave", List.of("Headphones", "Smartwatches")),
          new Brand("Sonara", List.of("Headphones")),
          new Brand("Gripster", List.of("Phone Cases", "Laptop Bags")),
          new Brand("Shellguard", List.of("Phone Cases")),
          new Brand("Ampere Lab", List.of("Chargers", "Cables")),
          new Brand("Linkwire", List.of("Cables", "Chargers", "Mice")),
          new Brand("Carrywell", List.of("Laptop Bags")),
          new Brand("Clickpoint", List.of("Mice")),
          new Brand("Brewhaus", List.of("Coffee Makers", "Mugs")),
          new Brand("Kitchara", List.of("Coffee Makers", "Mugs", "Cookware")),
          new Brand("Ironleaf", List.of("Cookware", "Kitchen Knives")),
          new Brand("Bladeworks", List.of("Kitchen Knives")),
          new Brand("Clayform", List.of("Mugs")),
          new Brand("Northline", List.of("Jackets", "T-Shirts")),
          new Brand("Denimco", List.of("Jeans", "Jackets")),
          new Brand("Urbanthread", List.of("T-Shirts", "Jeans", "Socks")),
          new Brand("Stridewell", List.of("Sneakers", "Socks", "Running Shoes")),
          new Brand("Softstep", List.of("Sneakers", "Socks")),
          new Brand("Kestrel", List.of("Jackets", "Tents", "Sleeping Bags")),
          new Brand("Trailmark", List.of("Tents", "Sleeping Bags", "Running Shoes")),
          new Brand("Apexrun", List.of("Running Shoes")),
          new Brand("Velocita", List.of("Bicycles", "Bike Helmets")),
          new Brand("Pedalon", List.of("Bicycles")),
          new Brand("Shieldcap", List.of("Bike Helmets")),
          new Brand("Botanica", List.of("Skincare", "Hair Care")),
          new Brand("Velvetique", List.of("Makeup", "Fragrances")),
          new Brand("Aurelle", List.of("Fragrances", "Skincare")),
          new Brand("Purely", List.of("Skincare", "Hair Care", "Makeup")),
          new Brand("Brickton", List.of("Building Sets")),
          new Brand("Playforge", List.of("Board Games", "Puzzles")),
          new Brand("Puzzlewood", List.of("Puzzles", "Board Games")),
          new Brand("Tinytown", List.of("Dolls", "Building Sets")),
          new Brand("Dollyday", List.of("Dolls")),
          new Brand("Inkwell Press", List.of("Fiction", "Children's Books")),
          new Brand("Harbor House", List.of("Fiction", "Business", "Cookbooks")),
          new Brand("Saffron Books", List.of("Cookbooks", "Children's Books")),
          new Brand("Ledger & Co", List.of("Business")));

  /** Ordered by anchor, most likely complement first: a capped order keeps the likeliest ones. */
  static final List<Complement> COMPLEMENTS =
      List.of(
          new Complement("Phones", "Phone Cases", 0.55),
          new Complement("Phones", "Chargers", 0.40),
          new Complement("Phones", "Cables", 0.20),
          new Complement("Tablets", "Chargers", 0.30),
          new Complement("Tablets", "Cables", 0.20),
          new Complement("Smartwatches", "Chargers", 0.25),
          new Complement("Laptops", "Mice", 0.45),
          new Complement("Laptops", "Laptop Bags", 0.40),
          new Complement("Coffee Makers", "Mugs", 0.45),
          new Complement("Cookware", "Kitchen Knives", 0.30),
          new Complement("Jeans", "T-Shirts", 0.35),
          new Complement("Sneakers", "Socks", 0.40),
          new Complement("Running Shoes", "Socks", 0.35),
          new Complement("Bicycles", "Bike Helmets", 0.55),
          new Complement("Tents", "Sleeping Bags", 0.50),
          new Complement("Makeup", "Skincare", 0.25),
          new Complement("Cookbooks", "Cookware", 0.20),
          new Complement("Board Games", "Puzzles", 0.15));

  private static final Map<String, Subcategory> SUBCATEGORY_BY_NAME = new LinkedHashMap<>();
  private static final Map<String, List<Brand>> BRANDS_BY_SUBCATEGORY = new LinkedHashMap<>();
  private static final Map<String, List<Complement>> COMPLEMENTS_BY_ANCHOR = new LinkedHashMap<>();

  static {
    for (Subcategory sub : SUBCATEGORIES) {
      SUBCATEGORY_BY_NAME.put(sub.name(), sub);
      BRANDS_BY_SUBCATEGORY.put(sub.name(), new ArrayList<>());
    }
    for (Brand brand : BRANDS) {
      for (String sub : brand.subcategories()) {
        requireSubcategory(sub, "brand " + brand.name());
        BRANDS_BY_SUBCATEGORY.get(sub).add(brand);
      }
    }
    for (Complement c : COMPLEMENTS) {
      requireSubcategory(c.anchor(), "complement anchor");
      requireSubcategory(c.complement(), "complement");
      COMPLEMENTS_BY_ANCHOR.computeIfAbsent(c.anchor(), k -> new ArrayList<>()).add(c);
    }
    // A subcategory with a single brand would make brand-based recommendations trivial.
    BRANDS_BY_SUBCATEGORY.forEach(
        (sub, brands) -> {
          if (brands.size() < 2) {
            throw new IllegalStateException("demo subcategory " + sub + " needs two brands");
          }
        });
  }

  private static Subcategory requireSubcategory(String name, String where) {
    Subcategory sub = SUBCATEGORY_BY_NAME.get(name);
    if (sub == null) throw new IllegalStateException(where + " names unknown subcategory " + name);
    return sub;
  }

  static Subcategory subcategory(String name) {
    return SUBCATEGORY_BY_NAME.get(name);
  }

  static List<Brand> brandsOf(Subcategory sub) {
    return BRANDS_BY_SUBCATEGORY.get(sub.name());
  }

  static List<Complement> complementsOf(Subcategory sub) {
    return COMPLEMENTS_BY_ANCHOR.getOrDefault(sub.name(), List.of());
  }
}
