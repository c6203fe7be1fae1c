-- A mix of reader queries: single words, several words, a phrase, an exclusion, mixed Latin/digits.
local queries = {
  "%E6%B5%8E%E5%8D%97",                                     -- 济南
  "%E5%9C%B0%E9%93%81+%E5%BC%80%E9%80%9A",                  -- 地铁 开通
  "%E6%96%B0%E8%83%BD%E6%BA%90+%E6%B1%BD%E8%BD%A6",         -- 新能源 汽车
  "%E6%89%8B%E6%9C%BA+5G",                                  -- 手机 5G
  "%22%E5%9B%BE%E4%B9%A6%E9%A6%86%22",                      -- "图书馆"
  "%E6%97%85%E6%B8%B8+-%E5%A4%9C%E5%B8%82",                 -- 旅游 -夜市
  "%E6%98%8E%E6%98%9F+%E7%94%B5%E5%BD%B1",                  -- 明星 电影
  "%E4%B8%AD%E5%9B%BD+%E5%86%9B%E4%BA%8B",                  -- 中国 军事
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/search?q=" .. queries[(i % #queries) + 1])
end
