package io.vitrina.server.events;

import io.vertx.core.Future;
import io.vitrina.engine.signal.Event;
import java.util.Collection;

/** Takes accepted events: durable first, then applied to the online state. */
public interface EventIntake {
  /**
   * Completes, on the caller's event loop, once every event is committed to PostgreSQL and the new
   * ones are applied (a purchase already stored under its transaction id is a duplicate: kept out);
   * fails with {@link EventLog.Overloaded} when too many wait for the database.
   */
  Future<EventLog.Appended> append(Collection<Event> events);
}
