/**
 * Shopper events as the API accepts them (GA4 names, {@link io.vitrina.engine.signal.EventType}),
 * the order a purchase or refund belongs to ({@link io.vitrina.engine.signal.Transaction}), the
 * {@link io.vitrina.engine.signal.Signal}s models learn from, and profile keys.
 */
package io.vitrina.engine.signal;
