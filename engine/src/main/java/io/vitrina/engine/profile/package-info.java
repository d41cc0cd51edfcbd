/**
 * Shopper profiles in memory: bounded recent views, cart, purchases and searches per shopper,
 * identity stitching from visitor to customer, eviction of idle shoppers. Derived from the event
 * stream, rebuilt at start. Compact, since a store keeps hundreds of thousands: item ids are ints
 * of one table per store ({@link io.vitrina.engine.profile.ItemIds}) kept in int-array recency
 * lists ({@link io.vitrina.engine.profile.ItemRecency}); a typical shopper costs about 1.2 KB
 * (ProfileMemoryTest).
 */
package io.vitrina.engine.profile;
