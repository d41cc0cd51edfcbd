-- The store's rule segments: the JSON as saved (validated then), read by every node.
CREATE TABLE segments (
  store_id    text        NOT NULL DEFAULT 'default',
  id          text        NOT NULL,
  definition  jsonb       NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, id)
);

-- RFM thresholds a store set instead of its customers' quintiles: one row per store, or none.
CREATE TABLE rfm_scales (
  store_id    text        PRIMARY KEY DEFAULT 'default',
  scale       jsonb       NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
