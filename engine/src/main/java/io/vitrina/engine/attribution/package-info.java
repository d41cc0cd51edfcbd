/**
 * Attribution: the token a response carries so that clicks and orders can be credited to the block
 * and algorithm that showed the item ({@link io.vitrina.engine.attribution.AttributionToken}),
 * signed by the deployment ({@link io.vitrina.engine.attribution.TokenSigner}) so that only what
 * this service showed is ever credited. Experiments and their arms are {@code
 * io.vitrina.engine.experiment}; the statistics of incremental effects {@code
 * io.vitrina.engine.stats}.
 */
package io.vitrina.engine.attribution;
