/**
 * Blocks: what a store configures once and asks for by name on its pages. A {@link
 * io.vitrina.engine.block.Block} is an algorithm of the catalogue, a size and the merchandisers'
 * {@link io.vitrina.engine.rule.BusinessRules}; the page gives the context (shopper, item,
 * category, cart) at request time.
 */
package io.vitrina.engine.block;
