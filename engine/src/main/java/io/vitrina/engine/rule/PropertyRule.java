package io.vitrina.engine.rule;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.Query;

/**
 * A merchandiser's rule on an item property, with the Universal Recommender's bias: negative keeps
 * only the matching items, zero leaves them out, positive multiplies their score by the bias.
 * Unlike the Universal Recommender's, a rule may match a numeric range as well as values.
 *
 * @param property {@code category}, {@code brand}, {@code tag}, {@code price} or {@code
 *     attr.<name>}
 * @param values the values that match (any of them), or empty for a numeric range
 * @param min lowest matching number, inclusive, or null
 * @param max highest matching number, inclusive, or null
 */
public record PropertyRule(
    String property, List<String> values, Double min, Double max, double bias) {
  static final String ATTRIBUTE_PREFIX = "attr.";

  public PropertyRule {
    values = values == null ? List.of() : List.copyOf(values);
    if (property == null || !(KEYWORD_FIELDS.contains(property) || isAttribute(property)))
      throw new IllegalArgumentException(
          "property must be category, brand, tag, price or attr.<name>, was " + property);
    boolean range = min != null || max != null;
    if (values.isEmpty() == !range)
      throw new IllegalArgumentException("a rule matches either values or a min/max range");
    if (range && !(property.equals("price") || isAttribute(property)))
      throw new IllegalArgumentException(property + " has no numbers: match it by values");
    if (!range && property.equals("price"))
      throw new IllegalArgumentException("price is matched by a min/max range");
    if (min != null && max != null && min > max)
      throw new IllegalArgumentException("min " + min + " is above max " + max);
    if (!Double.isFinite(bias)) throw new IllegalArgumentException("bias must be a number");
  }

  private static final List<String> KEYWORD_FIELDS = List.of("category", "brand", "tag", "price");

  private static boolean isAttribute(String property) {
    return property.startsWith(ATTRIBUTE_PREFIX) && property.length() > ATTRIBUTE_PREFIX.length();
  }

  /** Keeps only matching items. */
  public boolean filters() {
    return bias < 0;
  }

  /** Leaves matching items out. */
  public boolean excludes() {
    return bias == 0;
  }

  /** Multiplies the score of matching items by {@link #bias}. */
  public boolean boosts() {
    return bias > 0;
  }

  /** The items the rule matches, as a query over the catalog index. */
  public Query matching() {
    if (!values.isEmpty()) {
      if (isAttribute(property)) {
        String name = property.substring(ATTRIBUTE_PREFIX.length());
        return Rules.anyOf(
            ItemFields.ATTRIBUTE,
            values.stream().map(v -> ItemFields.attributeTerm(name, v)).toList());
      }
      return Rules.anyOf(property, values);
    }
    String field =
        property.equals("price")
            ? ItemFields.PRICE
            : ItemFields.numericAttribute(property.substring(ATTRIBUTE_PREFIX.length()));
    return DoublePoint.newRangeQuery(
        field,
        min == null ? Double.NEGATIVE_INFINITY : min,
        max == null ? Double.POSITIVE_INFINITY : max);
  }

  /** The FILTER or MUST_NOT clause of a filtering or excluding rule; empty for a boost. */
  public Optional<BooleanClause> clause() {
    if (boosts()) return Optional.empty();
    return Optional.of(new BooleanClause(matching(), filters() ? Occur.FILTER : Occur.MUST_NOT));
  }

  /** Whether {@code item} matches, for ranking that is known before the index is asked. */
  public boolean matches(Item item) {
    if (values.isEmpty()) {
      Double number = property.equals("price") ? Double.valueOf(item.price()) : number(item);
      if (number == null) return false;
      return (min == null || number >= min) && (max == null || number <= max);
    }
    return switch (property) {
      case "category" -> item.categories().stream().anyMatch(values::contains);
      case "brand" -> item.brand() != null && values.contains(item.brand());
      case "tag" -> item.tags().stream().anyMatch(values::contains);
      default ->
          values.contains(item.attributes().get(property.substring(ATTRIBUTE_PREFIX.length())));
    };
  }

  private Double number(Item item) {
    String raw = item.attributes().get(property.substring(ATTRIBUTE_PREFIX.length()));
    if (raw == null) return null;
    try {
      return Double.parseDouble(raw.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
