-- wrk.lua, used by bench/load/run: after a run, prints one line starting with "result" with
-- the counts and latencies (microseconds) as key=value pairs. With WRK_PATHS=FILE in the
-- environment, every request asks for the next path of FILE (one a line), each thread
-- starting at its own share of the list, so that the same page is not asked twice until
-- the whole list has been walked. Pass the thread count after "--".
local paths_file = os.getenv("WRK_PATHS")
-- Every request comes as a browser's: the site counts browsers' reads of story pages for
-- "Most read" (a request without a User-Agent is not counted), and that count is part of
-- what the cached article costs.
wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
local threads_made = 0

function setup(thread)
  thread:set("thread_no", threads_made)
  threads_made = threads_made + 1
end

if paths_file and paths_file ~= "" then
  local paths = {}
  local next_i = 0

  function init(args)
    for line in io.lines(paths_file) do
      if line ~= "" then paths[#paths + 1] = line end
    end
    assert(#paths > 0, "no paths in " .. paths_file)
    local threads = tonumber(args[1]) or 1
    next_i = math.floor((thread_no or 0) * #paths / threads)
  end

  function request()
    next_i = next_i % #paths + 1
    return wrk.format("GET", paths[next_i])
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "result requests=%d duration_us=%d bytes=%d p50_us=%.0f p99_us=%.0f status=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout))
end
