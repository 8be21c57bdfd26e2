-- booking.lua — wrk script: POST /v1/interviews, every request a different (interviewer, day, 30-minute slot) inside
-- working hours on the booking days of params.lua, each with its own Idempotency-Key, so that no two conflict.
-- Request i (counted over all wrk threads) books interviewer i mod 20, then the next slot of the day, then the next
-- day. Every answer should be 201; past 20 × 16 × 120 requests the slots repeat and answers turn into 409.
package.path = (os.getenv("SLOTWISE_BENCH_LUA_DIR") or "bench/backend") .. "/?.lua;" .. package.path
local common = require("wrk_common")
local params = common.params

local headers = {
  ["Authorization"] = "Bearer " .. params.api_key,
  ["Content-Type"] = "application/json",
}
local sent = 0  -- per thread

local function expected(status) return status == 201 end

setup = common.setup
done = common.done
function response(status, headers, body) common.count(status, body, expected) end

function request()
  local index = sent * common.threads + thread_index
  sent = sent + 1
  local people = #params.interviewers
  local person = index % people
  local slot = math.floor(index / people)
  local day = math.floor(slot / params.slots_per_day) % #params.day_starts[1]
  local start = params.day_starts[person + 1][day + 1] + (slot % params.slots_per_day) * 1800
  headers["Idempotency-Key"] = params.run_id .. "-" .. thread_index .. "-" .. sent
  local body = string.format(params.booking_template, common.iso(start), common.iso(start + 1800),
                             params.interviewers[person + 1])
  return wrk.format("POST", "/v1/interviews", headers, body)
end
