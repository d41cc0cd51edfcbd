-- wrk script for ./vitrina loadtest ratio. Each request names a random known demo visitor and/or
-- a random demo item, so that no single answer stays hot.
--   PATH_TEMPLATE  GET path with {visitor} and {item} placeholders; or, when BATCH is set,
--   BATCH          POST /v1/events with that many view_item events of random visitors and items
--   VISITORS, ITEMS  how many the demo store has (demo-visitor-0001.., sku-00001..)
--   ITEM_SKEW  0 (default): items drawn uniformly, so nearly every item-page answer is computed
--              cold; s > 0: item pages drawn by a power law (the item of demand rank r with weight
--              1/r^s, ranks a fixed shuffle of the items), as a storefront's item views are
--   SITE_KEY
local template = os.getenv("PATH_TEMPLATE")
local batch = tonumber(os.getenv("BATCH") or "0")
local visitors = tonumber(os.getenv("VISITORS") or "3000")
local items = tonumber(os.getenv("ITEMS") or "3000")
local site_key = os.getenv("SITE_KEY") or "demo-site-key"
local skew = tonumber(os.getenv("ITEM_SKEW") or "0")

local function pad(n, width)
  local s = tostring(n)
  if #s < width then s = string.rep("0", width - #s) .. s end
  return s
end

local function visitor() return "demo-visitor-" .. pad(math.random(1, visitors), 4) end
-- For a skewed draw: running weights by demand rank, and which item holds each rank.
local cumulative, ranked

local function skewed_index()
  local target = math.random() * cumulative[items]
  local low, high = 1, items
  while low < high do
    local mid = math.floor((low + high) / 2)
    if cumulative[mid] < target then low = mid + 1 else high = mid end
  end
  return ranked[low]
end

local function item()
  local n = skew > 0 and skewed_index() or math.random(1, items)
  return "sku-" .. pad(n, 5)
end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  if skew > 0 then
    math.randomseed(42) -- the same items are the best sellers in every run
    ranked, cumulative = {}, {}
    for i = 1, items do ranked[i] = i end
    for i = items, 2, -1 do
      local j = math.random(1, i)
      ranked[i], ranked[j] = ranked[j], ranked[i]
    end
    local sum = 0
    for r = 1, items do sum = sum + 1 / r ^ skew; cumulative[r] = sum end
  end
  math.randomseed(seed or os.time())
end

local function events()
  local lines = {}
  for i = 1, batch do
    lines[i] = string.format('{"name":"view_item","visitor_id":"%s","items":[{"item_id":"%s"}]}', visitor(), item())
  end
  local body = "[" .. table.concat(lines, ",") .. "]"
  return wrk.format("POST", "/v1/events", { ["X-Site-Key"] = site_key, ["Content-Type"] = "application/json" }, body)
end

request = function()
  if batch > 0 then return events() end
  local path = template:gsub("{visitor}", visitor):gsub("{item}", item)
  return wrk.format("GET", path, { ["X-Site-Key"] = site_key })
end
