/**
 * The HTTP layer: the {@link io.vitrina.server.http.Capability} interface every capability
 * implements, {@link io.vitrina.server.http.ApiRoutes} (storefront, admin and operations
 * endpoints), the verticle, access keys, and the one mapping from exceptions to JSON errors ({@link
 * io.vitrina.server.http.ApiErrors}). A capability's periodic work is a {@link
 * io.vitrina.server.http.Job}; a job that scans every profile steps a {@link
 * io.vitrina.server.http.JobPace} so that it yields to requests, and background work runs through
 * {@link io.vitrina.server.http.LowPriority} on pools of its own, at the lowest priority.
 */
package io.vitrina.server.http;
