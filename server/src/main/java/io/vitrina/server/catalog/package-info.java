/**
 * The catalog capability: items in PostgreSQL ({@link io.vitrina.server.catalog.ItemStore}), and
 * writes through PostgreSQL then the index in one order ({@link
 * io.vitrina.server.catalog.CatalogService}, {@link io.vitrina.server.catalog.IndexedCatalog}).
 *
 * <p>A write is a list of {@link io.vitrina.server.catalog.ItemChange}s — whole items, or JSON
 * merge patches ({@link io.vitrina.server.catalog.ItemMerge}) — resolved against the stored items
 * ({@link io.vitrina.server.catalog.ResolvedWrite}): a re-sent item keeps its {@code created_at},
 * and only new and changed items are written, so a nightly feed that repeats the catalog costs
 * reads, not writes. Each write answers a {@link io.vitrina.server.catalog.WriteResult} and tells
 * the listeners of added ids. Streamed bulk loads ({@link io.vitrina.server.catalog.ItemsBulkLoad})
 * and YML feed imports add their chunks up ({@link io.vitrina.server.catalog.ImportTally}) and,
 * when read to their end, sweep the items they did not name ({@link
 * io.vitrina.server.catalog.FeedSweep}). Endpoints under {@code /v1/admin}: {@link
 * io.vitrina.server.catalog.CatalogHandler}.
 *
 * <p>Several nodes: every write logs the ids it changed ({@link
 * io.vitrina.server.catalog.CatalogChanges}) in its own statement, and every node's {@link
 * io.vitrina.server.catalog.CatalogTail} brings the other nodes' changes into its index, as
 * PostgreSQL holds the items then.
 */
package io.vitrina.server.catalog;
