package io.vitrina.engine.experiment;

import java.util.Optional;

/**
 * The experiments a node serves: the one running on a placement, if any, and where a placement
 * tells that it gave a shopper their arm.
 */
@FunctionalInterface
public interface Experiments {
  /** The running experiment on {@code placement}; at most one runs on a placement. */
  Optional<Experiment> runningOn(Placement placement);

  /**
   * A placement answered a shopper as their arm has it: the shopper's first such answer is their
   * exposure. Cheap when told again.
   */
  default void exposed(Exposure exposure) {}

  /** An answer given in an experiment. */
  record Exposure(Experiment experiment, Arm arm, String visitorId, String customerId) {}
}
