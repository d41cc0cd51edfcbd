/**
 * The HTTP layer: the {@link io.vitrina.server.http.Capability} interface every capability
 * implements, {@link io.vitrina.server.http.ApiRoutes} (storefront, admin and operations
 * endpoints), the verticle, access keys, and the one mapping from exceptions to JSON errors ({@link
 * io.vitrina.server.http.ApiErrors}).
 */
package io.vitrina.server.http;
