/**
 * Models built from stored events: indicators per {@link io.vitrina.engine.model.IndicatorSpec}
 * (log-likelihood co-occurrence and cross-occurrence between {@link
 * io.vitrina.engine.signal.Signal}s, {@link io.vitrina.engine.model.CooccurrenceIndicators}), live
 * decayed popularity, and the immutable {@link io.vitrina.engine.model.ModelSnapshot} the catalog
 * index serves. {@link io.vitrina.engine.model.ReverseIndicators} turns a snapshot's indicator
 * lists around (per item, the items holding it) for the history sums of {@code personal} and the
 * item pages' holders (the indicators are not written into the catalog's documents); {@link
 * io.vitrina.engine.model.ItemVectors} holds the factor model.
 */
package io.vitrina.engine.model;
