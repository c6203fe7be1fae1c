-- Comment posting as the JavaScript client does it: JSON with the antiforgery token (fetched once by the shell script,
-- with its cookie) and a body unique to each request, so duplicate detection passes. Every fifth post replies to the
-- tip of this thread's chain (its latest reply), so the thread grows long 盖楼 chains as well.
-- Environment: ARTICLE_ID, TOKEN, COOKIE.
local article = os.getenv("ARTICLE_ID")
local token = os.getenv("TOKEN")
local cookie = os.getenv("COOKIE")
local counter = 0
local tip = nil
local thread_id = 0

setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["RequestVerificationToken"] = token
wrk.headers["Cookie"] = cookie
wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

request = function()
  counter = counter + 1
  local reply = "null"
  if tip ~= nil and counter % 5 == 0 then
    reply = tip
  end
  local body = '{"nickname":"压测读者' .. (tid or 0) .. '","body":"第' .. (tid or 0) .. '-' .. counter ..
    '条跟贴：这篇报道写得很扎实，数据和现场都交代清楚了，希望后续继续跟进。","replyTo":' .. reply .. '}'
  return wrk.format(nil, "/api/v1/articles/" .. article .. "/comments", nil, body)
end

response = function(status, headers, body)
  local id = body:match('"id":(%d+)')
  if status == 201 and id and (tip == nil or body:match('"replyTo":%d')) then
    tip = id
  end
end
