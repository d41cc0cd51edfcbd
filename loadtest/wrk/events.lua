-- wrk script for ./vitrina loadtest ratio: POST /v1/events batches of BATCH view_item events of
-- random demo visitors and items (the items exist, so every event is accepted).
local batch = tonumber(os.getenv("BATCH") or "20")
local visitors = tonumber(os.getenv("VISITORS") or "3000")
local items = tonumber(os.getenv("ITEMS") or "3000")
local site_key = os.getenv("SITE_KEY") or "demo-site-key"

local function pad(n, width)
  local s = tostring(n)
  if #s < width then s = string.rep("0", width - #s) .. s end
  return s
end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or os.time())
end

request = function()
  local events = {}
  for i = 1, batch do
    events[i] = string.format('{"name":"view_item","visitor_id":"demo-visitor-%s","items":[{"item_id":"sku-%s"}]}',
      pad(math.random(1, visitors), 4), pad(math.random(1, items), 5))
  end
  local body = "[" .. table.concat(events, ",") .. "]"
  return wrk.format("POST", "/v1/events", { ["X-Site-Key"] = site_key, ["Content-Type"] = "application/json" }, body)
end

