/**
 * PostgreSQL: embedded or external, the connection pool, versioned migrations, keyset paging. The
 * embedded one survives an unclean stop: the next start takes over the server a killed run left.
 */
package io.vitrina.server.db;
