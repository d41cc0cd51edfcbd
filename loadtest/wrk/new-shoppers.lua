-- wrk script: new shoppers posting their events at full speed, as a store's first busy day would.
-- Each request is one new visitor's session of 21 events (three lists seen, a dozen item views,
-- a search, two carts, a purchase, two page views) in one POST /v1/events batch. Each thread stops
-- sending after SHOPPERS / threads shoppers (wrk itself exits at -d: give it enough), e.g.
--   SHOPPERS=250000 wrk -t1 -c16 -d900s -s loadtest/wrk/new-shoppers.lua http://127.0.0.1:8080
--   SHOPPERS  new shoppers in all (default 250000)
--   THREADS   wrk's -t, to share SHOPPERS between threads (default 1)
--   ITEMS     items of the demo store (sku-00001..; default 3000)
--   SITE_KEY, RUN  a tag making this run's visitor ids new (default: the time)
local shoppers = tonumber(os.getenv("SHOPPERS") or "250000")
local threads = tonumber(os.getenv("THREADS") or "1")
local items = tonumber(os.getenv("ITEMS") or "3000")
local site_key = os.getenv("SITE_KEY") or "demo-site-key"
local run = os.getenv("RUN") or tostring(os.time())
local counter = 0

function setup(thread)
  thread:set("id", tostring(math.random(1, 1000000000)))
end

function init(args)
  math.randomseed(tonumber(id))
  quota = math.floor(shoppers / threads)
end

local function item()
  return string.format("sku-%05d", math.random(1, items))
end

local function ev(name, visitor, ids, extra)
  local lines = {}
  for i, it in ipairs(ids) do lines[i] = '{"item_id":"' .. it .. '"}' end
  return string.format('{"name":"%s","visitor_id":"%s","items":[%s]%s}', name, visitor,
    table.concat(lines, ","), extra or "")
end

request = function()
  counter = counter + 1
  local visitor = "new-" .. run .. "-" .. id .. "-" .. counter
  local viewed = {}
  for i = 1, 8 do viewed[i] = item() end
  local events = {}
  for l = 1, 3 do
    local shown = {}
    for i = 1, 8 do shown[i] = item() end
    events[#events + 1] = ev("view_item_list", visitor, shown)
  end
  for v = 1, 12 do
    events[#events + 1] = ev(v % 6 == 0 and "select_item" or "view_item", visitor, { viewed[(v - 1) % 8 + 1] })
  end
  events[#events + 1] = string.format('{"name":"search","visitor_id":"%s","search_term":"winter jacket"}', visitor)
  events[#events + 1] = ev("add_to_cart", visitor, { viewed[2] })
  events[#events + 1] = ev("add_to_cart", visitor, { viewed[3] })
  events[#events + 1] = ev("purchase", visitor, { viewed[2] }, ',"transaction_id":"t-' .. visitor .. '"')
  events[#events + 1] = string.format('{"name":"page_view","visitor_id":"%s"}', visitor)
  events[#events + 1] = string.format('{"name":"page_view","visitor_id":"%s"}', visitor)
  return wrk.format("POST", "/v1/events",
    { ["X-Site-Key"] = site_key, ["Content-Type"] = "application/json" },
    "[" .. table.concat(events, ",") .. "]")
end

response = function(status, headers, body)
  if status ~= 202 then io.write("status " .. status .. ": " .. body:sub(1, 200) .. "\n") end
  if counter >= quota then wrk.thread:stop() end
end
