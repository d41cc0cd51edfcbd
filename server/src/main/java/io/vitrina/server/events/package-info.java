/**
 * The events capability: {@code POST /v1/events}, group commit to PostgreSQL ({@link
 * io.vitrina.server.events.EventLog}), the online update of the serving core ({@link
 * io.vitrina.server.events.EventIntake}), the replay at start and profile eviction.
 */
package io.vitrina.server.events;
