package io.vitrina.server.catalog;

/**
 * Which stored items a listing asks for: those after {@code after} in id order (null for the first
 * page), at most {@code limit}, under {@code category} at any level of their path (without regard
 * to case; null for any), and in stock or not as {@code Item.inStock} says (null for both).
 */
public record ItemQuery(String after, int limit, String category, Boolean inStock) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1_000;

  public ItemQuery {
    if (limit < 1 || limit > MAX_LIMIT)
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
  }
}
