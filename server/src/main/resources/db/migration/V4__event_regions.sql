-- Where the shopper was, as the store names regions: geo_popular counts purchases per region.
ALTER TABLE events ADD COLUMN region text;
