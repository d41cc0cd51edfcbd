/**
 * The catalog index: one Lucene document per {@link io.vitrina.engine.catalog.Item}, carrying the
 * item's fields and its demand in the current model ({@link io.vitrina.engine.catalog.ItemFields}),
 * refreshed in the background and swapped whole with each model ({@link
 * io.vitrina.engine.catalog.CatalogIndex}; its searchers carry the model, whose indicators stay in
 * memory, see {@link io.vitrina.engine.catalog.ModelSearchers}), a new item borrowing its
 * look-alikes' indicators, each with the look-alike that lent it, until the model has its own; and
 * the YML product-feed reader, which tells which offers the feed dated ({@link
 * io.vitrina.engine.catalog.YmlFeedReader}).
 */
package io.vitrina.engine.catalog;
