-- wrk script for ./vitrina loadtest ratio. Each request names a random known demo visitor and/or
-- a random demo item, so that no single answer stays hot.
--   PATH_TEMPLATE  GET path with {visitor} and {item} placeholders; or, when BATCH is set,
--   BATCH          POST /v1/events with that many view_item events of random visitors and items
--   VISITORS, ITEMS  how many the demo store has (demo-visitor-0001.., sku-00001..)
--   SITE_KEY
local template = os.getenv("PATH_TEMPLATE")
local batch = tonumber(os.getenv("BATCH") or "0")
local visitors = tonumber(os.getenv("VISITORS") or "3000")
local items = tonumber(os.getenv("ITEMS") or "3000")
local site_key = os.getenv("SITE_KEY") or "demo-site-key"

local function pad(n, width)
  local s = tostring(n)
  if #s < width then s = string.rep("0", width - #s) .. s end
  return s
end

local function visitor() return "demo-visitor-" .. pad(math.random(1, visitors), 4) end
local function item() return "sku-" .. pad(math.random(1, items), 5) end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
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
