/** PostgreSQL: embedded or external, the connection pool, versioned migrations, keyset paging. */
package io.vitrina.server.db;
