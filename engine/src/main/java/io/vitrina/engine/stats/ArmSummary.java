package io.vitrina.engine.stats;

/**
 * The summary statistics of one arm for one metric, built from sufficient statistics that add: the
 * summaries of two disjoint sets of units (two nodes, two days) {@link #plus(ArmSummary) merge}
 * into the summary of their union. This is the type to implement for a new metric type.
 *
 * <p>{@link TwoSidedTest#compare} asks the treatment arm for its {@link #differenceFrom difference}
 * from the control arm. The default treats the two arms' means as independent estimates ({@link
 * Difference#ofIndependentMeans}); a metric whose estimate needs both arms at once (CUPED pools its
 * coefficient across arms, {@link RegressionAdjusted}) overrides it.
 *
 * @param <S> the summary type itself, so that only summaries of the same type merge or compare
 */
public interface ArmSummary<S extends ArmSummary<S>> extends Summary {
  /** The summary of this arm's units and {@code other}'s together (they must not overlap). */
  S plus(S other);

  /** The moments of this arm's effect against {@code control} on the given scale. */
  default Difference differenceFrom(S control, Scale scale) {
    return Difference.ofIndependentMeans(control, this, scale);
  }
}
