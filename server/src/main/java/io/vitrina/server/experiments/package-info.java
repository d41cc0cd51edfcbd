/**
 * The experiments capability: the admin API under {@code /v1/admin/experiments} ({@link
 * io.vitrina.server.experiments.ExperimentsCapability}), experiments stored in PostgreSQL with a
 * version per change and one running experiment per placement ({@code ExperimentStore}), read and
 * written as JSON with every problem and its path ({@code ExperimentJson}), and live on every node.
 * Placements ask {@link io.vitrina.server.experiments.ExperimentsCapability#experiments()} which
 * experiment runs on them; the arm a shopper gets is the engine's {@code Assignment}.
 */
package io.vitrina.server.experiments;
