/**
 * The rules every block honours (stock, exclusions, request filters), written into the Lucene query
 * in a shape that keeps dynamic pruning working. Business rules (boosts, pins, diversity) go here.
 */
package io.vitrina.engine.rule;
