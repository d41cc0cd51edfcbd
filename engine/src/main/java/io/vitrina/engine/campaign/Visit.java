package io.vitrina.engine.campaign;

import java.time.Instant;

/**
 * The page view a decision is for, as the browser script describes it.
 *
 * @param url the page's path and query, or null when not told
 * @param device the screen, or null when not told (device targeting then never matches)
 * @param sessionStart when the script's session began, or null when not told
 */
public record Visit(String url, Device device, Instant sessionStart) {}
