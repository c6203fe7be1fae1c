-- Random article pages across the whole synthetic range, so the benchmark cannot ride on one hot row.
-- Synthetic article N has the canonical URL /article/N/synthetic-N.
local first = tonumber(os.getenv("FIRST_ID"))
local last = tonumber(os.getenv("LAST_ID"))
math.randomseed(20261124)

request = function()
  local id = math.random(first, last)
  return wrk.format("GET", "/article/" .. id .. "/synthetic-" .. id)
end
