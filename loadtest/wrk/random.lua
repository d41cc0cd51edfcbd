-- wrk script for ./vitrina loadtest ratio: each request asks for a random known demo visitor
-- and/or a random demo item, so that no single answer stays hot.
--   PATH_TEMPLATE  path with {visitor} and {item} placeholders
--   VISITORS, ITEMS  how many the demo store has (demo-visitor-0001.., sku-00001..)
--   SITE_KEY
local template = os.getenv("PATH_TEMPLATE")
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
  local path = template
  path = path:gsub("{visitor}", "demo-visitor-" .. pad(math.random(1, visitors), 4))
  path = path:gsub("{item}", "sku-" .. pad(math.random(1, items), 5))
  return wrk.format("GET", path, { ["X-Site-Key"] = site_key })
end
