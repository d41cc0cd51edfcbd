/**
 * The models capability: builds from the events in PostgreSQL, swaps into the serving core, on a
 * schedule and on {@code POST /v1/admin/models/rebuild}. {@link
 * io.vitrina.server.models.ModelBuilds} announces each build's cut of the event log ({@code
 * ModelCuts}) and builds the cuts other nodes announce, so every node serves the same model
 * version.
 */
package io.vitrina.server.models;
