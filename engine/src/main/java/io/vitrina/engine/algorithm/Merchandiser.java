package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.profile.ProfileView;
import io.vitrina.engine.rule.BusinessRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Applies a block's {@link BusinessRules} around what the algorithms find: the blacklist and the
 * pinned items are kept out of their queries, diversity caps are checked per candidate, then the
 * block is dithered, items the shopper keeps ignoring sink, and the pins go in at their places.
 * Filters, exclusions and boosts by property are not here: they are clauses of every query ({@link
 * CatalogView}). One per request.
 */
final class Merchandiser {
  /** A dithered order stays the same for a shopper and page this long. */
  static final Duration DITHER_PERIOD = Duration.ofMinutes(10);

  /** Candidates asked per free slot while diversity caps drop some. */
  static final int DIVERSITY_OVERFETCH = 3;

  private final BusinessRules rules;
  private final ProfileView profile;
  private final List<Item> pinned = new ArrayList<>();
  private final Map<String, Integer> perBrand = new HashMap<>();
  private final Map<String, Integer> perCategory = new HashMap<>();

  Merchandiser(BusinessRules rules, ProfileView profile) {
    this.rules = rules;
    this.profile = profile;
  }

  /**
   * How many items to collect for a block of {@code limit}: with rotation, one more per item the
   * shopper keeps ignoring, so that those can sink out of the block.
   */
  int target(int limit) {
    if (rules.rotateAfter() == 0) return limit;
    long ignored =
        profile.shownUnclicked().values().stream().filter(n -> n >= rules.rotateAfter()).count();
    return limit + (int) Math.min(limit, ignored);
  }

  /**
   * Before any algorithm runs: the blacklist is excluded, and pinned items that may be shown (in
   * stock, under the rules, not excluded) are set aside and excluded from the queries.
   */
  void prepare(CatalogView catalog) {
    rules.exclude().forEach(catalog::exclude);
    for (BusinessRules.Pin pin : rules.pins()) {
      if (catalog.excluded().contains(pin.itemId())) continue;
      catalog.keepAllowed(List.of(pin.itemId()), 1).forEach(pinned::add);
      catalog.exclude(pin.itemId());
    }
    catalog.boost(rules.boosts());
  }

  /** How many candidates to ask an algorithm for, to fill {@code free} slots. */
  int toAsk(int free) {
    return rules.diversifies() ? free * DIVERSITY_OVERFETCH : free;
  }

  /** Whether the block may take {@code item} under the diversity caps; counts it if so. */
  boolean admit(Item item) {
    if (!rules.diversifies()) return true;
    String brand = Objects.requireNonNullElse(item.brand(), "");
    String category = Objects.requireNonNullElse(item.leafCategory(), "");
    if (rules.maxPerBrand() != null
        && !brand.isEmpty()
        && perBrand.getOrDefault(brand, 0) >= rules.maxPerBrand()) return false;
    if (rules.maxPerCategory() != null
        && !category.isEmpty()
        && perCategory.getOrDefault(category, 0) >= rules.maxPerCategory()) return false;
    perBrand.merge(brand, 1, Integer::sum);
    perCategory.merge(category, 1, Integer::sum);
    return true;
  }

  /**
   * After the algorithms: the ranking dithered and rotated (if asked), then the pins at their
   * places, and the request's page of it ({@code offset}, {@code limit}), saying what moved items
   * out of the order they were found in.
   */
  Recommendations finish(
      String algorithm, List<RecommendedItem> found, RecommendationRequest request, Instant now) {
    Set<Recommendations.Reordering> reordered = EnumSet.noneOf(Recommendations.Reordering.class);
    List<RecommendedItem> out = new ArrayList<>(found);
    if (rules.dithering() > 0) {
      out = dither(out, seed(request, now));
      if (!out.equals(found)) reordered.add(Recommendations.Reordering.DITHERING);
    }
    if (rules.rotateAfter() > 0) {
      List<RecommendedItem> rotated = rotate(out);
      if (!rotated.equals(out)) reordered.add(Recommendations.Reordering.ROTATION);
      out = rotated;
    }
    for (BusinessRules.Pin pin : rules.pins().stream().sorted(BY_POSITION).toList()) {
      for (Item item : pinned) {
        if (!item.id().equals(pin.itemId())) continue;
        RecommendedItem promoted = new RecommendedItem(item, 0, "promoted by the store", PINNED);
        out.add(Math.min(pin.position() - 1, out.size()), promoted);
        reordered.add(Recommendations.Reordering.PINS);
      }
    }
    int from = Math.min(request.offset(), out.size());
    int to = Math.min(request.depth(), out.size());
    return new Recommendations(algorithm, out.subList(from, to), reordered);
  }

  /** The {@code source} of a pinned item. */
  static final String PINNED = "pinned";

  private static final Comparator<BusinessRules.Pin> BY_POSITION =
      Comparator.comparingInt(BusinessRules.Pin::position);

  /** Items the shopper was shown {@code rotateAfter} times without a click go last, in order. */
  private List<RecommendedItem> rotate(List<RecommendedItem> block) {
    List<RecommendedItem> fresh = new ArrayList<>(block.size());
    List<RecommendedItem> ignored = new ArrayList<>();
    for (RecommendedItem item : block) {
      int shown = profile.shownUnclicked().getOrDefault(item.item().id(), 0);
      (shown >= rules.rotateAfter() ? ignored : fresh).add(item);
    }
    fresh.addAll(ignored);
    return fresh;
  }

  /**
   * Dunning's dithering: rank r becomes log r plus Gaussian noise of width log ε, re-sorted, so the
   * head mostly stays and the tail gets a chance.
   */
  private List<RecommendedItem> dither(List<RecommendedItem> block, long seed) {
    Random random = new Random(seed);
    double width = Math.log(rules.dithering());
    double[] keys = new double[block.size()];
    for (int rank = 0; rank < block.size(); rank++)
      keys[rank] = Math.log(rank + 1) + random.nextGaussian() * width;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < block.size(); i++) order.add(i);
    order.sort(Comparator.comparingDouble(i -> keys[i]));
    List<RecommendedItem> out = new ArrayList<>(block.size());
    for (int i : order) out.add(block.get(i));
    return out;
  }

  private static long seed(RecommendationRequest request, Instant now) {
    return Objects.hash(
        request.algorithm(),
        request.shopper(),
        request.page(),
        now.toEpochMilli() / DITHER_PERIOD.toMillis());
  }
}
