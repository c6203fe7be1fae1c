-- Readers for the soak run: mostly random articles over the synthetic range (the long tail that misses every cache),
-- then the home page, channel lists, search and the hot list, roughly as a portal's traffic splits.
local first = tonumber(os.getenv("FIRST_ID"))
local last = tonumber(os.getenv("LAST_ID"))
local channels = { "news", "finance", "sports", "tech", "local", "edu" }
-- Percent-encoded: a request line carries ASCII only (港口, 高铁, 天气, 医保, 学校, 足球).
local words = { "%E6%B8%AF%E5%8F%A3", "%E9%AB%98%E9%93%81", "%E5%A4%A9%E6%B0%94", "%E5%8C%BB%E4%BF%9D", "%E5%AD%A6%E6%A0%A1", "%E8%B6%B3%E7%90%83" }
math.randomseed(20261204)

request = function()
  local r = math.random(100)
  if r <= 70 then
    local id = math.random(first, last)
    return wrk.format("GET", "/article/" .. id .. "/synthetic-" .. id)
  elseif r <= 80 then
    return wrk.format("GET", "/")
  elseif r <= 90 then
    return wrk.format("GET", "/channel/" .. channels[math.random(#channels)])
  elseif r <= 97 then
    return wrk.format("GET", "/search?q=" .. words[math.random(#words)])
  else
    return wrk.format("GET", "/hot")
  end
end
