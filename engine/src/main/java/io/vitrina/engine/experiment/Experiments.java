package io.vitrina.engine.experiment;

import java.util.Optional;

/** The experiments a node serves: the one running on a placement, if any. */
@FunctionalInterface
public interface Experiments {
  Experiments NONE = placement -> Optional.empty();

  /** The running experiment on {@code placement}; at most one runs on a placement. */
  Optional<Experiment> runningOn(Placement placement);
}
