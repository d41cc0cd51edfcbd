package io.vitrina.engine.stats;

/** The scale an effect is reported on. */
public enum Scale {
  /**
   * Treatment minus control, in the metric's own unit (roubles per shopper, orders per shopper).
   */
  ABSOLUTE,
  /**
   * (Treatment − control) / |control|: the lift as a share of the control (0.05 is +5 %), its
   * variance by the delta method.
   */
  RELATIVE
}
