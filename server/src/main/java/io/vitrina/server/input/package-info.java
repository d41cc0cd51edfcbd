/** Validation of JSON input that reports every problem of an entry at once, with its field path. */
package io.vitrina.server.input;
