-- wrk script: every request is a new person signing up for the same session.
-- Usage: wrk -s bench/signup.lua URL/api/v1/sessions/ID/registrations [-- NAME]
-- NAME keeps the people of wrk processes run at once apart.
local counter = 0
local run_name = ""
thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  run_name = args[1] or ""
  math.randomseed(os.time() + thread_id)
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"name":"Bench %d-%d","email":"bench-%s%d-%d-%d@example.dk"}',
    thread_id, counter, run_name, thread_id, counter, math.random(1, 1000000000))
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end


done = function(summary, latency, requests)
  io.write(string.format("signups: %d requests, p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
