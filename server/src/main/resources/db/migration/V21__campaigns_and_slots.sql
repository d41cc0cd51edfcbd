-- Pop-up campaigns and content slots as the store saved them (our JSON shapes, see CampaignJson
-- and SlotJson; validated when saved), read whole by every node.
CREATE TABLE campaigns (
  store_id    text        NOT NULL DEFAULT 'default',
  id          text        NOT NULL,
  definition  jsonb       NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, id)
);

CREATE TABLE slots (
  store_id    text        NOT NULL DEFAULT 'default',
  name        text        NOT NULL,
  definition  jsonb       NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, name)
);
