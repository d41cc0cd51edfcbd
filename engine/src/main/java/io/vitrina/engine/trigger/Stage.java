package io.vitrina.engine.trigger;

/** How close to an order a trigger's shopper is: the earlier stage wins when several are due. */
public enum Stage {
  CART,
  VIEW,
  CATEGORY,
  SEARCH,
  OTHER
}
