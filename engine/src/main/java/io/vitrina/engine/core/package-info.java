/**
 * The serving core: {@link io.vitrina.engine.core.ServingCore} holds one store's online state
 * (catalog index, profiles, popularity, model) and is the single way the server, the offline
 * evaluation and the benchmarks apply events, build and swap models and recommend. {@link
 * io.vitrina.engine.core.EventListener}s attach further online state (attribution, segments,
 * triggers) to the event stream without editing the core.
 */
package io.vitrina.engine.core;
