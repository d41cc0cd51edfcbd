package io.vitrina.engine.stats;

import java.util.Optional;

/**
 * What a comparison of two arms gives: an {@link Effect}, or the reason none can be computed yet.
 */
public sealed interface Outcome permits Effect, Outcome.NotComputable {

  /** The effect, when there is one. */
  default Optional<Effect> effect() {
    return this instanceof Effect effect ? Optional.of(effect) : Optional.empty();
  }

  /** Why two arms cannot be compared (yet). */
  enum Reason {
    /**
     * An arm has fewer than two units, or all its units have the same value (no one converted yet),
     * or the estimate's variance vanishes: there is no standard error to test with.
     */
    TOO_LITTLE_VARIANCE,
    /** A relative effect was asked for and the control's mean is 0, so no lift is defined. */
    ZERO_BASELINE,
    /**
     * A ratio whose denominator is 0 over an arm's units: the metric does not exist there (a
     * holdout's click-through rate, when it showed nothing).
     */
    NO_DENOMINATOR
  }

  /** No effect, for the given reason. */
  record NotComputable(Reason reason) implements Outcome {}
}
