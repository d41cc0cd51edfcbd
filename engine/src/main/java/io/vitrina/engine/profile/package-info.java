/**
 * Shopper profiles in memory: bounded recent views, cart, purchases and searches per shopper,
 * identity stitching from visitor to customer, eviction of idle shoppers. Derived from the event
 * stream, rebuilt at start.
 */
package io.vitrina.engine.profile;
