-- wrk script of src/bench/load.sh: every connection cycles through the category feeds (RSS, Atom,
-- JSON Feed) and the partner API, so both are under load at once. Environment: SLUGS (space
-- separated), PARTNER_KEY. Counts answers per media type and status; wrk itself reports socket errors,
-- timeouts and "Non-2xx or 3xx responses".

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  counts = {}
  local slugs = {}
  for slug in string.gmatch(os.getenv("SLUGS") or "ai", "%S+") do
    table.insert(slugs, slug)
  end
  local partner = { ["Authorization"] = "Bearer " .. (os.getenv("PARTNER_KEY") or "") }
  for _, slug in ipairs(slugs) do
    for _, ext in ipairs({ "rss", "atom", "json" }) do
      table.insert(requests, wrk.format("GET", "/feeds/" .. slug .. "." .. ext))
    end
    -- As many partner calls as feed calls: half of all requests.
    for _, limit in ipairs({ "20", "50", "10" }) do
      table.insert(requests, wrk.format("GET", "/partner/v1/entries?category=" .. slug .. "&limit=" .. limit, partner))
    end
  end
  next_request = math.random(#requests)
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  -- Callbacks are per thread, not per connection: the answer's media type tells what was asked.
  local kind = headers["Content-Type"] or headers["content-type"] or "none"
  kind = string.gsub(kind, ";.*", "")
  local key = kind .. " " .. status
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for key, n in pairs(c) do
      total[key] = (total[key] or 0) + n
    end
  end
  local keys = {}
  for key in pairs(total) do
    table.insert(keys, key)
  end
  table.sort(keys)
  for _, key in ipairs(keys) do
    io.write(string.format("answers %s: %d\n", key, total[key]))
  end
  io.write(string.format("latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: connect %d, read %d, write %d, timeout %d, status %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
end
