-- conflict.lua — wrk script: POST /v1/interviews for ONE slot (params.conflict_start, 30 minutes, one interviewer)
-- again and again with a new Idempotency-Key each time: the first is 201, every other one 409 slot_taken. Measures
-- how fast the server turns conflicting bookings away.
package.path = (os.getenv("SLOTWISE_BENCH_LUA_DIR") or "bench/backend") .. "/?.lua;" .. package.path
local common = require("wrk_common")
local params = common.params

local headers = {
  ["Authorization"] = "Bearer " .. params.api_key,
  ["Content-Type"] = "application/json",
}
local body = string.format(params.booking_template, common.iso(params.conflict_start),
                           common.iso(params.conflict_start + 1800), params.conflict_interviewer)
local sent = 0

local function expected(status) return status == 201 or status == 409 end

setup = common.setup
done = common.done
function response(status, headers, body) common.count(status, body, expected) end

function request()
  sent = sent + 1
  headers["Idempotency-Key"] = params.run_id .. "-conflict-" .. thread_index .. "-" .. sent
  return wrk.format("POST", "/v1/interviews", headers, body)
end
