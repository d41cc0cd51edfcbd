/**
 * The models capability: builds from the events in PostgreSQL, swaps into the serving core, on a
 * schedule and on {@code POST /v1/admin/models/rebuild}.
 */
package io.vitrina.server.models;
