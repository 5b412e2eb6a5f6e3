-- KEYS: the source's lockout hash. ARGV: now ms. 1 (and counted as refused) while locked out, else 0.
local locked_until = redis.call('HGET', KEYS[1], 'until')
if not locked_until or tonumber(locked_until) <= tonumber(ARGV[1]) then return 0 end
redis.call('HINCRBY', KEYS[1], 'refused', 1)
return 1
