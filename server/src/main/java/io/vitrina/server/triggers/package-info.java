/**
 * Trigger messages, server side: {@link io.vitrina.server.triggers.TriggersCapability} (the scan
 * job, once per cluster; the pull endpoint {@code GET /v1/admin/triggers/fired}; the webhook job,
 * on every node). The rules are the engine's ({@link io.vitrina.engine.trigger.TriggerRules}).
 *
 * <p>Once per occasion: {@code TriggerStore} keeps the outbox ({@code trigger_messages}, V20) whose
 * unique key (store, shopper, kind, occasion) makes a second scan of the same occasion (on another
 * node, after a restart) insert nothing. {@code TriggerScan} reads every profile with one catalog
 * searcher and asks the recommender for each fired message's items. {@code WebhookSender} claims
 * undelivered rows with {@code FOR UPDATE SKIP LOCKED}, signs and posts them, and marks a row
 * delivered only on a 2xx.
 *
 * <p>Marketing consent: the capability takes a {@code Predicate<String>} over the profile key
 * (always true until consent is recorded); the webhook sends nothing for a shopper it refuses.
 */
package io.vitrina.server.triggers;
