-- Follow and unfollow one of 10,000 bench accounts in turn, as the reader whose cookie the script was given.
local n = 0
request = function()
  n = n + 1
  local slug = "bench-" .. (1 + (math.floor((n + 1) / 2) * 7919) % 10000)
  local method = (n % 2 == 1) and "POST" or "DELETE"
  return wrk.format(method, "/api/v1/sources/" .. slug .. "/follow", { ["Content-Length"] = "0" }, "")
end
