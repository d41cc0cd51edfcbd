/**
 * Attribution: the token a response carries so that clicks and orders can be credited to the block
 * and algorithm that showed the item. Experiment arms and incremental-revenue statistics belong
 * here.
 */
package io.vitrina.engine.attribution;
