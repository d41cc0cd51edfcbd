-- YML feed items used to be stored with created_at 1970-01-01, which kept them out of
-- new_arrivals for good: date each from its last write, the nearest to its first import we know.
UPDATE items
SET data = jsonb_set(
  data,
  '{created_at}',
  to_jsonb(to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))
WHERE data->>'created_at' = '1970-01-01T00:00:00Z';
