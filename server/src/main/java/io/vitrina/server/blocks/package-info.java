/**
 * Named blocks over HTTP: stored in PostgreSQL ({@link io.vitrina.server.blocks.BlockStore}), held
 * in memory for serving and reloaded on a timer so that every node sees every other's changes,
 * managed with the admin API and asked for by pages ({@code GET /v1/blocks/{name}}).
 */
package io.vitrina.server.blocks;
