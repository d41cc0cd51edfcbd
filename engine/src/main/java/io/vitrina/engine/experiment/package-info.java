/**
 * Experiments: an {@link io.vitrina.engine.experiment.Experiment} on a {@link
 * io.vitrina.engine.experiment.Placement} (a named block today) splits its traffic between {@link
 * io.vitrina.engine.experiment.Arm}s — a holdout, the placement as saved, or another configuration
 * of the block — and goes through draft, running, paused, stopped, with a new {@link
 * io.vitrina.engine.experiment.Phase} whenever its weights or traffic share change.
 *
 * <p>Entry points: {@link io.vitrina.engine.experiment.Assignment#arm} (which arm a shopper is in:
 * a hash, no state), {@link io.vitrina.engine.experiment.Experiment#problems} (validation), {@link
 * io.vitrina.engine.experiment.Experiment#edited} and the lifecycle methods, and {@link
 * io.vitrina.engine.experiment.Experiments} (what a node serves). {@link
 * io.vitrina.engine.experiment.GlobalHoldout} is the experiment on every placement that holds a
 * share of shoppers out of all personalization; its rule (answer as for an anonymous shopper, in no
 * block experiment) is there. The statistics of the reports are {@code io.vitrina.engine.stats}.
 *
 * <p>A new kind of placement (a pop-up campaign, a trigger kind) is a new {@link
 * io.vitrina.engine.experiment.Placement.Kind} and, if its arms show something other than a block,
 * a new {@link io.vitrina.engine.experiment.Arm.Treatment}.
 */
package io.vitrina.engine.experiment;
