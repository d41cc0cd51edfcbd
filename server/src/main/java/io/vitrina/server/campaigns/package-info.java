/**
 * Pop-up campaigns and content slots over HTTP: stored in PostgreSQL ({@link
 * io.vitrina.server.campaigns.CampaignStore}, validated when saved by {@link
 * io.vitrina.server.campaigns.CampaignJson} and {@link io.vitrina.server.campaigns.SlotJson}), held
 * in memory as one live configuration that every node reloads when any node saves it, and decided
 * for a page view by {@code GET /v1/decide} from memory alone ({@link
 * io.vitrina.server.campaigns.CampaignsCapability}), caps counted from each shopper's promotion
 * events, which every node applies.
 */
package io.vitrina.server.campaigns;
