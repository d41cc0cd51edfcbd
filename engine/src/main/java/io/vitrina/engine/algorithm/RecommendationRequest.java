package io.vitrina.engine.algorithm;

import io.vitrina.engine.rule.BusinessRules;
import io.vitrina.engine.rule.Filters;
import java.util.List;
import java.util.Objects;

/**
 * What a storefront asks: an algorithm, who asks, on which page, how many items from where in the
 * ranking, under which filters and merchandising rules, filled by which fallbacks. Built with
 * {@link #builder}.
 *
 * @param offset items of the ranking skipped before the {@code limit} returned (a search page's
 *     later pages), fallbacks included
 */
public record RecommendationRequest(
    String algorithm,
    Shopper shopper,
    PageContext page,
    int offset,
    int limit,
    Filters filters,
    BusinessRules rules,
    Fallback fallback) {
  public static final int MAX_LIMIT = 100;
  public static final int DEFAULT_LIMIT = 10;

  /** How deep a ranking may be paged: offset and limit together. */
  public static final int MAX_DEPTH = 1000;

  public RecommendationRequest {
    Objects.requireNonNull(algorithm, "algorithm");
    shopper = shopper == null ? Shopper.ANONYMOUS : shopper;
    page = page == null ? PageContext.NONE : page;
    filters = filters == null ? Filters.NONE : filters;
    rules = rules == null ? BusinessRules.NONE : rules;
    fallback = fallback == null ? Fallback.DEFAULT : fallback;
    if (limit < 1 || limit > MAX_LIMIT)
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
    if (offset < 0 || offset + limit > MAX_DEPTH)
      throw new IllegalArgumentException(
          "offset must be 0 or more, and offset + limit at most " + MAX_DEPTH + ", was " + offset);
  }

  /** How many items of the ranking the request reaches: the offset skipped and the limit shown. */
  public int depth() {
    return offset + limit;
  }

  public static Builder builder(String algorithm) {
    return new Builder(algorithm);
  }

  /**
   * This request with the page's category and the filter's categories replaced (by their spellings
   * in the catalog).
   */
  public RecommendationRequest withCategories(String pageCategory, List<String> filterCategories) {
    return new RecommendationRequest(
        algorithm,
        shopper,
        new PageContext(page.itemId(), pageCategory, page.query(), page.cart()),
        offset,
        limit,
        new Filters(filters.minPrice(), filters.maxPrice(), filterCategories, filters.brands()),
        rules,
        fallback);
  }

  /** This request as an anonymous shopper would make it: nothing of theirs personalizes it. */
  public RecommendationRequest anonymous() {
    return new RecommendationRequest(
        algorithm, Shopper.ANONYMOUS, page, offset, limit, filters, rules, fallback);
  }

  /** This request for the page of its ranking {@code offset} items down. */
  public RecommendationRequest withOffset(int offset) {
    return new RecommendationRequest(
        algorithm, shopper, page, offset, limit, filters, rules, fallback);
  }

  /**
   * Whether the request gives this kind of context. A known shopper gives a cart: the one their
   * events built, which algorithms read when the page sends none.
   */
  public boolean has(ContextKind kind) {
    return switch (kind) {
      case SHOPPER -> shopper.isKnown();
      case CART -> page.has(kind) || shopper.isKnown();
      default -> page.has(kind);
    };
  }

  /**
   * Named setters for a request, so that five ids of the same type cannot be swapped by position.
   */
  public static final class Builder {
    private final String algorithm;
    private String visitorId;
    private String customerId;
    private String itemId;
    private String category;
    private String query;
    private List<String> cart = List.of();
    private int offset;
    private int limit = DEFAULT_LIMIT;
    private Filters filters = Filters.NONE;
    private BusinessRules rules = BusinessRules.NONE;
    private Fallback fallback = Fallback.DEFAULT;

    private Builder(String algorithm) {
      this.algorithm = algorithm;
    }

    public Builder visitor(String visitorId) {
      this.visitorId = visitorId;
      return this;
    }

    public Builder customer(String customerId) {
      this.customerId = customerId;
      return this;
    }

    public Builder item(String itemId) {
      this.itemId = itemId;
      return this;
    }

    public Builder category(String category) {
      this.category = category;
      return this;
    }

    public Builder query(String query) {
      this.query = query;
      return this;
    }

    public Builder cart(List<String> cart) {
      this.cart = cart;
      return this;
    }

    public Builder offset(int offset) {
      this.offset = offset;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public Builder fallback(Fallback fallback) {
      this.fallback = fallback;
      return this;
    }

    public Builder filters(Filters filters) {
      this.filters = filters;
      return this;
    }

    public Builder rules(BusinessRules rules) {
      this.rules = rules;
      return this;
    }

    public RecommendationRequest build() {
      return new RecommendationRequest(
          algorithm,
          new Shopper(visitorId, customerId),
          new PageContext(itemId, category, query, cart),
          offset,
          limit,
          filters,
          rules,
          fallback);
    }
  }
}
