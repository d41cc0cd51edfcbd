/**
 * Shopper events as the API accepts them (GA4 names, {@link io.vitrina.engine.signal.EventType}),
 * the order a purchase or refund belongs to ({@link io.vitrina.engine.signal.Transaction}), what an
 * order and a refund are worth ({@link io.vitrina.engine.signal.OrderValue}, one rule for profiles,
 * models and experiment reports), the {@link io.vitrina.engine.signal.Signal}s models learn from,
 * and profile keys.
 */
package io.vitrina.engine.signal;
