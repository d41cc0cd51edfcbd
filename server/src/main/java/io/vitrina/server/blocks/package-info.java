/**
 * Named blocks over HTTP: stored in PostgreSQL ({@link io.vitrina.server.blocks.BlockStore}), held
 * in memory for serving as a live configuration that every node reloads when any node saves it,
 * managed with the admin API and asked for by pages ({@code GET /v1/blocks/{name}}).
 */
package io.vitrina.server.blocks;
