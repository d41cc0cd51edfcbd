/**
 * Segments over HTTP ({@link io.vitrina.server.segments.SegmentsCapability}): every segment with
 * its count and members, the store's rule segments saved in PostgreSQL ({@link
 * io.vitrina.server.segments.SegmentStore}, live on every node) and read from JSON with every
 * problem at once ({@link io.vitrina.server.segments.SegmentJson}). Membership is this node's, kept
 * by the engine's {@code LiveSegments}: each applied event notes its shopper, a worker places the
 * noted ones every 250 ms, and a scan on every node places everyone (docs/SEGMENTS.md). A shopper's
 * segments are a section of their profile export ({@code exported(keys)}).
 */
package io.vitrina.server.segments;
