/**
 * The experiments dashboard, {@code /admin/}: {@link
 * io.vitrina.server.dashboard.DashboardCapability} serves the plain files of {@code
 * src/main/resources/dashboard} (no build step) with a self-only Content-Security-Policy. The page
 * does the rest in the browser: {@code dashboard.js} signs in with the admin key (kept in
 * sessionStorage, sent as {@code X-Admin-Key}), lists {@code GET /v1/admin/experiments} and draws
 * {@code GET /v1/admin/experiments/{id}/report}; {@code format.js} formats numbers, {@code plot.js}
 * draws the lift over time, {@code dom.js} builds elements (data always as text). A new view is a
 * function of {@code dashboard.js} that returns elements; the server side needs no change.
 */
package io.vitrina.server.dashboard;
