-- What experiments count, kept as the events arrive so that a report never reads the events:
-- each exposed shopper's outcome (experiment_shoppers), the ids that find a shopper (the id they
-- were exposed under, and a customer or visitor id tied to it later: experiment_units), each arm's
-- totals per phase (experiment_totals), and how far into the event log the counting has come
-- (experiment_log_position, moved in the same transaction as what it counted, so that every event
-- counts once however the counting node stops).
CREATE TABLE experiment_shoppers (
  store_id      text  NOT NULL DEFAULT 'default',
  experiment_id text  NOT NULL,
  shopper       text  NOT NULL,
  arm           text  NOT NULL,
  phase         int   NOT NULL,
  outcome       jsonb NOT NULL,
  PRIMARY KEY (store_id, experiment_id, shopper)
);
CREATE TABLE experiment_units (
  store_id      text NOT NULL DEFAULT 'default',
  experiment_id text NOT NULL,
  unit          text NOT NULL,
  shopper       text NOT NULL,
  PRIMARY KEY (store_id, experiment_id, unit)
);
CREATE TABLE experiment_totals (
  store_id      text        NOT NULL DEFAULT 'default',
  experiment_id text        NOT NULL,
  phase         int         NOT NULL,
  arm           text        NOT NULL,
  totals        jsonb       NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, experiment_id, phase, arm)
);
-- Starts just before this migration's transaction: no exposure can be older.
CREATE TABLE experiment_log_position (
  store_id text   PRIMARY KEY,
  xid      bigint NOT NULL,
  id       bigint NOT NULL
);
INSERT INTO experiment_log_position VALUES ('default', pg_current_xact_id()::text::bigint, -1);
