-- availability.lua — wrk script: POST /v1/availability with the bare query of params.lua (20 participants, two
-- weeks; free/busy comes from the warm cache). Every answer should be 200.
--   SLOTWISE_BENCH_PARAMS=… wrk -t2 -c32 -d10s --latency -s bench/backend/availability.lua http://127.0.0.1:PORT/v1/availability
package.path = (os.getenv("SLOTWISE_BENCH_LUA_DIR") or "bench/backend") .. "/?.lua;" .. package.path
local common = require("wrk_common")

wrk.method = "POST"
wrk.body = common.params.availability_body
wrk.headers["Authorization"] = "Bearer " .. common.params.api_key
wrk.headers["Content-Type"] = "application/json"

local function expected(status) return status == 200 end

setup = common.setup
done = common.done
function response(status, headers, body) common.count(status, body, expected) end
