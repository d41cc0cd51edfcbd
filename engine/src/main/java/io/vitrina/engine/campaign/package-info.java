/**
 * Pop-up campaigns and content slots, decided for one page view: a {@link
 * io.vitrina.engine.campaign.Campaign} (content, page triggers, {@link
 * io.vitrina.engine.campaign.Targeting}, {@link io.vitrina.engine.campaign.Caps}, priority, a
 * schedule), a {@link io.vitrina.engine.campaign.Slot} (a default content and targeted variants), a
 * shopper's {@link io.vitrina.engine.campaign.PromotionHistory} (what caps count, kept by {@link
 * io.vitrina.engine.campaign.PromotionHistories} from the shopper's promotion events) and {@link
 * io.vitrina.engine.campaign.Decisions}, the decision over those narrow inputs and the clock. Pure:
 * no HTTP, no SQL; the item strips a content asks for are the server's to fill.
 */
package io.vitrina.engine.campaign;
