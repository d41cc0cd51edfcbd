package io.vitrina.engine.experiment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stretch of an experiment with one traffic share and one set of weights: a change of either
 * starts a new phase, so that a ratio check never compares shoppers assigned under different
 * weights.
 *
 * @param number 1 for the first phase
 * @param weights the arms' weights in this phase, in the experiment's arm order
 */
public record Phase(int number, Instant started, double share, List<Double> weights) {
  public Phase {
    Objects.requireNonNull(started, "started");
    weights = List.copyOf(weights);
  }
}
