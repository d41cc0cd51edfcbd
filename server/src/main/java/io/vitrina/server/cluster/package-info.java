/**
 * Several nodes on one PostgreSQL, on PostgreSQL's own machinery. {@link
 * io.vitrina.server.cluster.Node} is this process's id (new at every start); {@link
 * io.vitrina.server.cluster.Wakeups} is the node's one LISTEN session, through which a node's
 * commit wakes the others' readers ({@code pg_notify(channel, node id)} inside the writing
 * statement); {@link io.vitrina.server.cluster.LogPosition} is the order every node reads a shared
 * log in: {@code (xid, id)} below the snapshot horizon.
 *
 * <p>To share a new log: give its table a {@code xid} column with the default {@code
 * pg_current_xact_id()::text::bigint} and an index on {@code (xid, id)}, notify a channel in the
 * statement that writes it, and read it like {@code events.EventTail} does: after a position, below
 * {@link io.vitrina.server.cluster.LogPosition#HORIZON}, woken by {@code Wakeups} and by a poll.
 *
 * <p>{@link io.vitrina.server.cluster.JobScheduler} runs the capabilities' jobs on every node or,
 * on a lease in PostgreSQL, once per cluster.
 */
package io.vitrina.server.cluster;
