-- The store's rule segments: the JSON as saved (validated then), read by every node.
CREATE TABLE segments (
  store_id    text        NOT NULL DEFAULT 'default',
  id          text        NOT NULL,
  definition  jsonb       NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, id)
);
