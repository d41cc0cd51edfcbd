/** Health, readiness, metrics, the API description and the browser widgets. */
package io.vitrina.server.operations;
