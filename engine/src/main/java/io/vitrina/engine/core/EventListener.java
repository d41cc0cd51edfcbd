package io.vitrina.engine.core;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.Origin;

/**
 * Told of every event the core applies, after the profiles and popularity have it: where
 * attribution, segments and triggers attach without editing the core. Called on the thread that
 * applies the event (an event loop in the server): keep it short and non-blocking.
 */
@FunctionalInterface
public interface EventListener {
  void applied(Event event, Origin origin);
}
