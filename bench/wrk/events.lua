-- Reader beacons as browsers send them: a real user agent, a visitor cookie after the first answer, one view of a
-- random article per request. Run with Tidings__Trending__AddressBurst / AddressPerSecond raised, since every wrk
-- connection comes from one address.
local first = tonumber(os.getenv("FIRST_ID") or "1")
local last = tonumber(os.getenv("LAST_ID") or "141")
math.randomseed(20261125)
wrk.method = "POST"
wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"

request = function()
  local id = math.random(first, last)
  return wrk.format(nil, "/api/v1/events", nil, '[{"type":"view","articleId":' .. id .. '}]')
end
