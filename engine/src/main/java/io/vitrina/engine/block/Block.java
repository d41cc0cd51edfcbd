package io.vitrina.engine.block;

import io.vitrina.engine.algorithm.Algorithm;
import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.engine.algorithm.Fallback;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.rule.BusinessRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named block: an algorithm of the catalogue, how many items, the merchandisers' rules, and what
 * fills it when the algorithm finds too few.
 *
 * @param name how pages ask for it ({@code GET /v1/blocks/{name}})
 * @param description what it is for, for the people who manage blocks
 * @param limit items shown, unless the page asks for fewer or more
 * @param fallback unless the page asks for another
 */
public record Block(
    String name,
    String algorithm,
    String description,
    int limit,
    BusinessRules rules,
    Fallback fallback) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public Block {
    Objects.requireNonNull(algorithm, "algorithm");
    description = description == null ? "" : description;
    rules = rules == null ? BusinessRules.NONE : rules;
    fallback = fallback == null ? Fallback.DEFAULT : fallback;
  }

  /** A block filled by its algorithm's default fallbacks. */
  public Block(String name, String algorithm, String description, int limit, BusinessRules rules) {
    this(name, algorithm, description, limit, rules, Fallback.DEFAULT);
  }

  /** Whether {@code name} may name a block: 1-64 lower-case letters, digits, _ or -. */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** One thing wrong with a block, and which field it is in. */
  public record Problem(String field, String message) {}

  /**
   * What is wrong with this block for {@code catalogue}: an unknown algorithm or fallback, a size
   * out of range, a pin beyond the block.
   */
  public List<Problem> problems(AlgorithmCatalog catalogue) {
    List<Problem> out = new ArrayList<>();
    if (!validName(name))
      out.add(new Problem("name", "must be 1-64 lower-case letters, digits, _ or -"));
    if (catalogue.get(algorithm).isEmpty()) {
      out.add(
          new Problem(
              "algorithm",
              "unknown algorithm '"
                  + algorithm
                  + "'; available: "
                  + String.join(", ", catalogue.all().stream().map(Algorithm::name).toList())));
    }
    List<String> fallbacks = fallback.named();
    for (int i = 0; i < fallbacks.size(); i++) {
      if (catalogue.get(fallbacks.get(i)).isEmpty())
        out.add(new Problem("fallback[" + i + "]", "unknown algorithm '" + fallbacks.get(i) + "'"));
    }
    if (limit < 1 || limit > RecommendationRequest.MAX_LIMIT)
      out.add(
          new Problem(
              "limit",
              "must be between 1 and " + RecommendationRequest.MAX_LIMIT + ", was " + limit));
    for (int i = 0; i < rules.pins().size(); i++) {
      if (rules.pins().get(i).position() > limit)
        out.add(
            new Problem("pins[" + i + "].position", "is beyond the block's " + limit + " items"));
    }
    return out;
  }
}
