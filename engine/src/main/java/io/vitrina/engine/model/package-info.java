/**
 * Models built from stored events: indicators per {@link io.vitrina.engine.model.IndicatorSpec}
 * (log-likelihood co-occurrence and cross-occurrence between {@link
 * io.vitrina.engine.signal.Signal}s, {@link io.vitrina.engine.model.CooccurrenceIndicators}), live
 * decayed popularity, and the immutable {@link io.vitrina.engine.model.ModelSnapshot} the catalog
 * index serves.
 */
package io.vitrina.engine.model;
