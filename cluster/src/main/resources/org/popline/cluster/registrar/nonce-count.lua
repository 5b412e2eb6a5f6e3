-- KEYS: the nonce's count. ARGV: the count given, the nonce's lifetime in ms.
-- 1 when the count is higher than any seen with the nonce (and remembered), else 0.
local seen = redis.call('GET', KEYS[1])
if seen and tonumber(seen) >= tonumber(ARGV[1]) then return 0 end
if seen then
  redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
else
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
return 1
