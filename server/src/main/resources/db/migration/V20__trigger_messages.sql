-- Trigger messages: the outbox of every occasion a trigger rule used up, once per cluster. The key
-- (store, shopper, kind, occasion) makes a second node's or a restarted node's scan insert nothing
-- (INSERT ... ON CONFLICT DO NOTHING). A 'fired' row is a message to deliver: the pull endpoint
-- pages them by id, the webhook sender claims undelivered ones with FOR UPDATE SKIP LOCKED. A
-- 'suppressed' row is an occasion that lost to a higher-priority one: used up, never delivered. A
-- 'holdout' row is a message fired for a shopper in the kind's holdout: counted, never delivered.
CREATE TABLE trigger_messages (
  store_id text NOT NULL DEFAULT 'default',
  id bigserial NOT NULL,
  shopper text NOT NULL,
  kind text NOT NULL,
  occasion text NOT NULL,
  status text NOT NULL CHECK (status IN ('fired', 'suppressed', 'holdout')),
  visitor_id text,
  customer_id text,
  subject jsonb NOT NULL DEFAULT '{}',
  items jsonb NOT NULL DEFAULT '[]',
  fired_at timestamptz NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  delivered_at timestamptz,
  last_error text,
  PRIMARY KEY (store_id, id),
  UNIQUE (store_id, shopper, kind, occasion)
);

-- What the scan reads of each shopper's recent history (used-up occasions, caps).
CREATE INDEX trigger_messages_recent ON trigger_messages (store_id, fired_at);

-- What the webhook sender claims: fired, undelivered, due.
CREATE INDEX trigger_messages_undelivered ON trigger_messages (store_id, next_attempt_at)
  WHERE status = 'fired' AND delivered_at IS NULL;

-- A store's trigger settings as saved (only what differs from the defaults); read by each scan.
CREATE TABLE trigger_settings (
  store_id text NOT NULL DEFAULT 'default',
  settings jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id)
);
