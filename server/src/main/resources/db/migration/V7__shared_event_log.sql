-- Several nodes on one database read the event log in one order: by the writing transaction, then
-- by id (an id is drawn before its commit, so ids alone are not an order a reader can tail). Rows
-- stored before this migration all get its transaction's id. node is the node that accepted the
-- event, so that its reader knows its own (null for rows stored before).
ALTER TABLE events
  ADD COLUMN xid  bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  ADD COLUMN node text;
CREATE INDEX events_log_order ON events (xid, id);
