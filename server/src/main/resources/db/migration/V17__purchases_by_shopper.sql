-- A shopper's purchases by their visitor or customer id and time: the experiments read, for every
-- exposure they count, the revenue of the shopper's 14 days before it (CUPED's covariate). Without
-- these, each page of exposures compared every exposure with every purchase ever stored.
CREATE INDEX events_purchases_by_visitor ON events (store_id, visitor_id, occurred_at)
  WHERE name = 'purchase';
CREATE INDEX events_purchases_by_customer ON events (store_id, customer_id, occurred_at)
  WHERE name = 'purchase';
