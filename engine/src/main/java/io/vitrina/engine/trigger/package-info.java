/**
 * Trigger messages: which of the fifteen {@link io.vitrina.engine.trigger.TriggerKind}s is due for
 * a shopper, and which one fires. Pure: a profile view, what was sent, the catalog's facts and the
 * time come in.
 *
 * <p>Entry points: {@link io.vitrina.engine.trigger.TriggerRules#decide} (the one rule: due
 * occasions not used up, kind caps, priority, shopper cap) over a {@link
 * io.vitrina.engine.profile.ProfileView} (its {@link io.vitrina.engine.profile.Moments} say when
 * the shopper last carted, viewed, searched, signed up), a {@link io.vitrina.engine.trigger.Sent}
 * (the shopper's used-up occasions and last messages, from the server's outbox) and {@link
 * io.vitrina.engine.trigger.CatalogFacts}. {@link io.vitrina.engine.trigger.TriggerSettings} holds
 * a store's settings, defaults in one place, {@code problems()} every mistake at once.
 *
 * <p>To add a kind: a constant in {@link io.vitrina.engine.trigger.TriggerKind} at its place in the
 * priority order (with its stage, algorithm, delay, window and conditions), its case in {@code
 * TriggerRules.dueOf}, a test in TriggerRulesTest and its section in docs/TRIGGERS.md.
 */
package io.vitrina.engine.trigger;
