/** Loads the generated demo store (module {@code vitrina-demo}) into an empty database at start. */
package io.vitrina.server.demo;
