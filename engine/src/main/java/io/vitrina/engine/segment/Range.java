package io.vitrina.engine.segment;

/** Bounds a number must keep, each inclusive and optional (null: unbounded on that side). */
public record Range(Double atLeast, Double atMost) {
  public boolean contains(double value) {
    return (atLeast == null || value >= atLeast) && (atMost == null || value <= atMost);
  }
}
