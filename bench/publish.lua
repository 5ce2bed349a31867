-- wrk script of the publish phase (bench/publish.py): each connection asks for the paths given
-- after `--` in turn, and every response is counted in the second (os.time()) it arrived. After
-- wrk's report, done() prints one line: per-second {"<epoch second>": [answered, failed], ...},
-- where answered is a status under 400 and failed any other.

threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  for _, path in ipairs(args) do
    table.insert(requests, wrk.format(nil, path))
  end
  if #requests == 0 then
    requests[1] = wrk.format()
  end
  sent = 0
  answered = {}
  failed = {}
end

function request()
  sent = sent + 1
  return requests[sent % #requests + 1]
end

function response(status, headers, body)
  local second = os.time()
  if status < 400 then
    answered[second] = (answered[second] or 0) + 1
  else
    failed[second] = (failed[second] or 0) + 1
  end
end

function done(summary, latency, requests_)
  local totals, seconds = {}, {}
  for _, thread in ipairs(threads) do
    for column, name in ipairs({"answered", "failed"}) do
      for second, count in pairs(thread:get(name)) do
        if not totals[second] then
          totals[second] = {0, 0}
          table.insert(seconds, second)
        end
        totals[second][column] = totals[second][column] + count
      end
    end
  end
  table.sort(seconds)
  local items = {}
  for _, second in ipairs(seconds) do
    local total = totals[second]
    table.insert(items, string.format('"%d": [%d, %d]', second, total[1], total[2]))
  end
  io.write("per-second {" .. table.concat(items, ", ") .. "}\n")
end
