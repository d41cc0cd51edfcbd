/**
 * Health, readiness, metrics, the API description and the browser widgets; and what keeps the
 * service up under load: {@link io.vitrina.server.operations.ProfileBudget} (how many profiles the
 * heap holds), {@link io.vitrina.server.operations.MemoryGuard} (sheds profiles when the heap runs
 * short) and {@link io.vitrina.server.operations.Readiness} (each background capability's state,
 * which {@code /health} and {@code /ready} answer from).
 */
package io.vitrina.server.operations;
