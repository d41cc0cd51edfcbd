package io.vitrina.engine.model;

import io.vitrina.engine.signal.Signal;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One indicator the model build computes: for every item acted on by the {@code primary} signal,
 * the items whose {@code secondary} signal by the same shoppers is significant. Same signal on both
 * sides is co-occurrence ("also viewed"); different signals are a cross-occurrence ("viewed, then
 * bought"), as in the Universal Recommender. The list of specs drives the build, the index fields
 * ({@code ind_<name>}) and the queries that read them.
 *
 * @param name the indicator's name, also the suffix of its index field
 */
public record IndicatorSpec(
    String name, Signal primary, Signal secondary, CooccurrenceIndicators.Settings settings) {
  /** Items co-viewed with this one. */
  public static final String VIEW = "view";

  /** Items co-bought with this one. */
  public static final String BUY = "buy";

  /**
   * For a bought item, the items its buyers viewed: asked the other way round (which items hold
   * this one as an indicator), what viewers of an item went on to buy.
   */
  public static final String VIEW_BUY = "view_buy";

  /**
   * For an item shoppers clicked, carted or bought, the texts they searched: asked the other way
   * round, what a search led to.
   */
  public static final String SEARCH_BUY = "search_buy";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  public IndicatorSpec {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(secondary, "secondary");
    Objects.requireNonNull(settings, "settings");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "indicator name must be 1-32 lower-case letters, digits or _, was " + name);
    }
  }

  /**
   * The indicators the standard algorithms read: views × views, purchases × purchases and purchases
   * × views.
   */
  public static List<IndicatorSpec> standard(CooccurrenceIndicators.Settings settings) {
    return List.of(
        new IndicatorSpec(VIEW, Signal.VIEW, Signal.VIEW, settings),
        new IndicatorSpec(BUY, Signal.BUY, Signal.BUY, settings),
        new IndicatorSpec(VIEW_BUY, Signal.BUY, Signal.VIEW, crossOccurrence(settings)),
        new IndicatorSpec(SEARCH_BUY, Signal.ENGAGE, Signal.SEARCH, crossOccurrence(settings)));
  }

  /**
   * The item blocks that read cross-occurrences show 10-20 items and no personal query reads them:
   * 20 indicators per item and 100 secondary items per shopper keep their share of a build small
   * (at 1M events, 100k items, both specs at the co-occurrence settings added ~0.5 s to the build
   * and ~1 s to the swap).
   */
  static CooccurrenceIndicators.Settings crossOccurrence(CooccurrenceIndicators.Settings settings) {
    return new CooccurrenceIndicators.Settings(
        Math.min(settings.maxItemsPerShopper(), 100),
        Math.min(settings.maxIndicatorsPerItem(), 20),
        settings.minLlr(),
        settings.minCooccurrences(),
        settings.seed());
  }

  public static List<IndicatorSpec> standard() {
    return standard(CooccurrenceIndicators.Settings.DEFAULT);
  }
}
