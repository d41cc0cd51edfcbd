/**
 * The events capability: {@code POST /v1/events} ({@link io.vitrina.server.events.EventJson}: only
 * malformed events are refused; tokens the deployment did not sign are dropped), group commit to
 * PostgreSQL that stores a purchase once per transaction id ({@link
 * io.vitrina.server.events.EventLog}), the online update of the serving core with the new events
 * ({@link io.vitrina.server.events.EventIntake}) through the one reader of the shared log that
 * applies every node's events in one order ({@code EventTail}), the replay at start and profile
 * eviction.
 */
package io.vitrina.server.events;
