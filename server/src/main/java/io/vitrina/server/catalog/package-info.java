/**
 * The catalog capability: items in PostgreSQL ({@link io.vitrina.server.catalog.ItemStore}), writes
 * through PostgreSQL then the index in one order ({@link
 * io.vitrina.server.catalog.CatalogService}), streamed bulk upserts and YML feed imports under
 * {@code /v1/admin}.
 */
package io.vitrina.server.catalog;
