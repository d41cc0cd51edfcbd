/**
 * Several nodes on one database: this process's {@link io.vitrina.server.cluster.Node} id, its one
 * listening session ({@link io.vitrina.server.cluster.Wakeups}), the order every node reads a
 * shared log in ({@link io.vitrina.server.cluster.LogPosition}), and the {@link
 * io.vitrina.server.cluster.JobScheduler} that runs the capabilities' jobs on every node or, on a
 * lease in PostgreSQL, once per cluster.
 */
package io.vitrina.server.cluster;
