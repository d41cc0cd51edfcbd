-- Each arm's totals as they stood at regular times: what a report's lift over time is drawn from,
-- without reading the events behind it.
CREATE TABLE experiment_snapshots (
  store_id      text        NOT NULL DEFAULT 'default',
  experiment_id text        NOT NULL,
  phase         int         NOT NULL,
  arm           text        NOT NULL,
  taken_at      timestamptz NOT NULL,
  totals        jsonb       NOT NULL,
  PRIMARY KEY (store_id, experiment_id, phase, taken_at, arm)
);
