/**
 * Shopper profiles in memory: bounded recent views, cart, purchases and searches per shopper, their
 * orders, identity stitching from visitor to customer, eviction of idle shoppers. Derived from the
 * event stream, rebuilt at start. Compact, since a store keeps hundreds of thousands: item ids are
 * ints of one table per store ({@link io.vitrina.engine.profile.ItemIds}) kept in int-array recency
 * lists ({@link io.vitrina.engine.profile.ItemRecency}); a typical shopper costs about 1.4 KB
 * (ProfileMemoryTest).
 *
 * <p>Orders: {@link io.vitrina.engine.profile.OrderHistory} is the one rule of what an order is (a
 * purchase event, the same transaction id once, worth {@link io.vitrina.engine.signal.OrderValue})
 * and keeps how many, the first and latest dates, revenue net of refunds and the latest {@value
 * io.vitrina.engine.profile.OrderHistory#MAX_RECENT} orders with their dates and values (about 80
 * bytes for one order); a profile shows them as {@link io.vitrina.engine.profile.Orders}, with the
 * shopper's own usual interval between orders. {@link io.vitrina.engine.segment.Lifecycle} reads
 * them, and a model build counts each buyer's orders with the same class, so {@code
 * segment_popular}'s segments mean the same at training and at request time. At stitching the
 * orders merge, an order both held counting once.
 *
 * <p>Consent: {@link io.vitrina.engine.profile.Consent} (personalization, marketing, each with when
 * it was chosen; never chosen is allowed) from {@code consent} events, kept by the store apart from
 * the profiles (no eviction forgets a refusal) and merged at stitching, the later choice winning.
 * Erasure: {@code ProfileStore.forget} (by keys) and {@code forgetMatching} (by a test of the key)
 * drop a shopper's profile, aliases, consent and awaited lines.
 *
 * <p>To keep something new per shopper: a field of {@link io.vitrina.engine.profile.Profile} set in
 * {@code apply}, merged in {@code absorb}, copied out in {@code view}; measure it with
 * ProfileMemoryTest.
 */
package io.vitrina.engine.profile;
