package io.vitrina.engine.catalog;

/** Names of the fields of an item document in the catalog index. */
public final class ItemFields {
  private ItemFields() {}

  public static final String ID = "id";
  public static final String TITLE = "title";
  public static final String DESCRIPTION = "description";
  public static final String URL = "url";
  public static final String IMAGE = "image";

  /**
   * Every element of the category path, so that a parent category finds its children's items;
   * stored in path order.
   */
  public static final String CATEGORY = "category";

  public static final String BRAND = "brand";
  public static final String PRICE = "price";
  public static final String OLD_PRICE = "old_price";
  public static final String STOCK = "stock";
  public static final String AVAILABLE = "available";

  /** "1" when {@link Item#inStock()}; the stock rule filters on it. */
  public static final String IN_STOCK = "in_stock";

  /** "1" when the item is discounted (an old price above the price). */
  public static final String ON_SALE = "on_sale";

  public static final String TAG = "tag";

  /**
   * Searchable text (title, brand, categories, tags, description), stemmed: Russian stems for
   * Cyrillic words, English for the others.
   */
  public static final String SEARCH_STEMMED = "search_stemmed";

  /**
   * Title, brand, categories and tags as plain lower-case words, for exact and fuzzy matches (the
   * description is left out: a typo matched there is mostly noise).
   */
  public static final String SEARCH_PLAIN = "search_plain";

  /** Attributes as name, U+001F, value: one term and stored value each (names may hold '='). */
  public static final String ATTRIBUTE = "attr";

  /** The term of an attribute in {@link #ATTRIBUTE}. */
  public static String attributeTerm(String name, String value) {
    return name + '\u001F' + value;
  }

  /** Prefix of the points of attributes whose values are numbers, so rules can match ranges. */
  public static final String NUMERIC_ATTRIBUTE_PREFIX = "num.";

  /** The points field of a numeric attribute. */
  public static String numericAttribute(String name) {
    return NUMERIC_ATTRIBUTE_PREFIX + name;
  }

  /** Epoch milliseconds; points and doc values too, so blocks can sort by it (newest first). */
  public static final String CREATED_AT = "created_at";

  /** Prefix of the model's indicator fields: {@code ind_<indicator name>} (see IndicatorSpec). */
  public static final String INDICATOR_PREFIX = "ind_";

  /** {@code FeatureField} holding model features such as {@link #POPULARITY}. */
  public static final String FEATURES = "features";

  public static final String POPULARITY = "popularity";

  /** Rising demand, a feature only items that trend have (see {@code Trend}). */
  public static final String TREND = "trend";

  /** The field holding the indicator of that name. */
  public static String indicator(String name) {
    return INDICATOR_PREFIX + name;
  }
}
