-- A stitch (a visitor id seen with a customer id) is stamped with its transaction, as the event
-- revealing it is: a model build reads the identities as of its cut of the log, so every node
-- building that cut, later or not, stitches the same shoppers. Rows stored before this migration get
-- its transaction's id, as the events did in V7.
ALTER TABLE identities
  ADD COLUMN xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);
