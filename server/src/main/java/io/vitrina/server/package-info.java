/**
 * The application: configuration ({@link io.vitrina.server.ServerConfig}), and {@link
 * io.vitrina.server.Vitrina}, which wires the capabilities and starts and stops them. Nothing in
 * the sub-packages depends on this package.
 */
package io.vitrina.server;
