-- The cuts of the event log models are built from: a node announces one, every node builds it,
-- so that all serve the same model version. Old rows are kept (a few a day); they say when models
-- were built and by which node.
CREATE TABLE model_cuts (
  store_id   text        NOT NULL DEFAULT 'default',
  version    bigserial,
  below_xid  bigint      NOT NULL,
  since      timestamptz NOT NULL,
  at         timestamptz NOT NULL DEFAULT now(),
  node       text        NOT NULL,
  PRIMARY KEY (store_id, version)
);
