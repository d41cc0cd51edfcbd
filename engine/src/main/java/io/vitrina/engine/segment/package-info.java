/**
 * Segments of shoppers over their profiles: who a store can target, count and export.
 *
 * <ul>
 *   <li>{@link io.vitrina.engine.segment.Lifecycle}: every shopper's stage as a customer (never
 *       bought, new, active, loyal, at risk, lapsed) by documented rules over their orders and
 *       their own interval between orders; {@code segment_popular} serves its best sellers.
 *   <li>RFM: {@link io.vitrina.engine.segment.RfmScale} scores recency, frequency and monetary
 *       value 1–5 by the quintiles of the store's customers (or thresholds the store sets) into an
 *       {@link io.vitrina.engine.segment.RfmScore}, and {@link io.vitrina.engine.segment.RfmGroup}
 *       names the group of the R–F grid.
 *   <li>{@link io.vitrina.engine.segment.SegmentRule}: a store's segment, conditions ({@link
 *       io.vitrina.engine.segment.Condition}) over attributes and behaviour.
 *   <li>{@link io.vitrina.engine.segment.Segments} is one moment's set of all three; {@link
 *       io.vitrina.engine.segment.LiveSegments} keeps it and the {@link
 *       io.vitrina.engine.segment.Membership} current as events arrive and at each scan.
 * </ul>
 *
 * <p>To add a condition: a record implementing {@link io.vitrina.engine.segment.Condition}, its
 * JSON in the server's {@code SegmentJson}, a test in ConditionTest, and a line in
 * docs/SEGMENTS.md.
 */
package io.vitrina.engine.segment;
