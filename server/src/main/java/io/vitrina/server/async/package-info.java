/** Vert.x future helpers shared by the capabilities. */
package io.vitrina.server.async;
