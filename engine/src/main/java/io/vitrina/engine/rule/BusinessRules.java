package io.vitrina.engine.rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.BooleanClause;

/**
 * What a store's merchandisers set on a block, on top of the rules every block honours: property
 * rules (only / never / boost, on values or numeric ranges), items pinned at fixed positions, a
 * per-request blacklist, diversity caps and dithering.
 *
 * @param properties filters, exclusions and boosts by item property
 * @param pins items shown at fixed places whatever the algorithm says (if in stock)
 * @param exclude item ids never to show in this block
 * @param maxPerBrand at most this many items of one brand, or null
 * @param maxPerCategory at most this many items of one leaf category, or null
 * @param dithering 0 for none, else ε above 1: each item's rank is perturbed by log-normal noise of
 *     width log ε (Dunning), so lower items get seen; the order is stable for a shopper and page
 *     over {@code Merchandiser.DITHER_PERIOD}
 * @param rotateAfter 0 for none, else items shown to the shopper this many times without a click
 *     sink below the rest of the block (out of it, when enough others qualify), so a block does not
 *     go stale
 */
public record BusinessRules(
    List<PropertyRule> properties,
    List<Pin> pins,
    List<String> exclude,
    Integer maxPerBrand,
    Integer maxPerCategory,
    double dithering,
    int rotateAfter) {
  public static final BusinessRules NONE =
      new BusinessRules(List.of(), List.of(), List.of(), null, null, 0, 0);

  /** Rules without rotation. */
  public BusinessRules(
      List<PropertyRule> properties,
      List<Pin> pins,
      List<String> exclude,
      Integer maxPerBrand,
      Integer maxPerCategory,
      double dithering) {
    this(properties, pins, exclude, maxPerBrand, maxPerCategory, dithering, 0);
  }

  /**
   * An item at a fixed place of the block.
   *
   * @param position 1 for the first place
   */
  public record Pin(String itemId, int position) {
    public Pin {
      if (itemId == null || itemId.isBlank()) throw new IllegalArgumentException("pin needs item");
      if (position < 1) throw new IllegalArgumentException("pin position starts at 1");
    }
  }

  public BusinessRules {
    properties = properties == null ? List.of() : List.copyOf(properties);
    pins = pins == null ? List.of() : List.copyOf(pins);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
    Map<String, String> problems =
        settingProblems(maxPerBrand, maxPerCategory, dithering, rotateAfter);
    if (!problems.isEmpty()) {
      Map.Entry<String, String> first = problems.entrySet().iterator().next();
      throw new IllegalArgumentException(first.getKey() + " " + first.getValue());
    }
  }

  /**
   * What is wrong with these settings, each by its name on the wire ({@code max_per_brand}, {@code
   * max_per_category}, {@code dithering}, {@code rotate_after}); empty when they are valid.
   */
  public static Map<String, String> settingProblems(
      Integer maxPerBrand, Integer maxPerCategory, double dithering, int rotateAfter) {
    Map<String, String> out = new LinkedHashMap<>();
    if (maxPerBrand != null && maxPerBrand < 1) out.put("max_per_brand", "must be at least 1");
    if (maxPerCategory != null && maxPerCategory < 1)
      out.put("max_per_category", "must be at least 1");
    if (dithering != 0 && !(dithering > 1 && dithering <= MAX_DITHERING))
      out.put("dithering", "must be 0 (off) or above 1, up to " + (int) MAX_DITHERING);
    if (rotateAfter < 0 || rotateAfter > MAX_ROTATE_AFTER)
      out.put("rotate_after", "must be 0 (off) to " + MAX_ROTATE_AFTER);
    return out;
  }

  /** The widest dithering: beyond it the order is noise. */
  public static final double MAX_DITHERING = 100;

  /** The most impressions before an unclicked item rotates out. */
  public static final int MAX_ROTATE_AFTER = 1000;

  /** These rules with {@code more} item ids blacklisted as well. */
  public BusinessRules withExclude(List<String> more) {
    if (more.isEmpty()) return this;
    List<String> all = new ArrayList<>(exclude);
    all.addAll(more);
    return new BusinessRules(
        properties, pins, all, maxPerBrand, maxPerCategory, dithering, rotateAfter);
  }

  /** The FILTER / MUST_NOT clauses of the filtering and excluding property rules. */
  public List<BooleanClause> clauses() {
    List<BooleanClause> out = new ArrayList<>();
    for (PropertyRule rule : properties) rule.clause().ifPresent(out::add);
    return out;
  }

  public List<PropertyRule> boosts() {
    return properties.stream().filter(PropertyRule::boosts).toList();
  }

  /** Whether the answer depends on who asks, beyond the algorithm: dithering or rotation. */
  public boolean dependsOnShopper() {
    return dithering > 0 || rotateAfter > 0;
  }

  public boolean diversifies() {
    return maxPerBrand != null || maxPerCategory != null;
  }
}
