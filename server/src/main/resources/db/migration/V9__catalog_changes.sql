-- Every item written or deleted, one row each, in the statement that wrote it: how a node learns
-- the catalog writes that reached other nodes. Read like the event log, by the writing transaction
-- and then id, below the snapshot horizon; node is the node that wrote (a node skips its own, which
-- it indexed as it wrote them). The row says only which item changed: a reader takes the item as it
-- now is from items, so nodes converge to what PostgreSQL holds. Rows older than a day are pruned
-- (a node starting later loads items whole), by changed_at, whose BRIN index costs writes nothing.
CREATE TABLE catalog_changes (
  id          bigserial   PRIMARY KEY,
  xid         bigint      NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  store_id    text        NOT NULL DEFAULT 'default',
  node        text        NOT NULL,
  item_id     text        NOT NULL,
  deleted     boolean     NOT NULL DEFAULT false,
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalog_changes_log_order ON catalog_changes (xid, id);
CREATE INDEX catalog_changes_changed_at ON catalog_changes USING brin (changed_at);
