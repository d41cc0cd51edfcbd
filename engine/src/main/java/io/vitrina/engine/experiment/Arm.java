package io.vitrina.engine.experiment;

import io.vitrina.engine.block.Block;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One arm of an experiment: what its shoppers get at the placement, and its share of the
 * experiment's traffic.
 *
 * @param key how reports and tokens name the arm ({@code control}, {@code personal})
 * @param weight relative to the other arms' weights
 */
public record Arm(String key, double weight, Treatment treatment) {
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** What an arm's shoppers get. */
  public sealed interface Treatment {}

  /** Nothing shown: the request answers an empty list, with a token, so exposure still counts. */
  public record Holdout() implements Treatment {}

  /** The placement as it is saved (the block as its admin configured it). */
  public record AsSaved() implements Treatment {}

  /** Another configuration of the block: its algorithm, size, rules and fallbacks. */
  public record Configured(Block block) implements Treatment {
    public Configured {
      Objects.requireNonNull(block, "block");
    }
  }

  public Arm {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(treatment, "treatment");
  }

  public boolean holdout() {
    return treatment instanceof Holdout;
  }

  /** Whether {@code key} may name an arm: 1-64 lower-case letters, digits, _ or -. */
  public static boolean validKey(String key) {
    return key != null && KEY.matcher(key).matches();
  }
}
