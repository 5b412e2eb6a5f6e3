-- A failed authentication of a source, from any node.
-- KEYS: the source's failures (sorted set by time), its lockout hash, the index of locked-out sources.
-- ARGV: now ms, a unique member for this failure, failures that lock out, window ms,
--       first lockout ms, longest lockout ms, the source's name.
-- {0} while under the limit; {lockouts so far, this lockout's ms} when this failure locked it out.
local now, max_failures, window = tonumber(ARGV[1]), tonumber(ARGV[3]), tonumber(ARGV[4])
local first, longest = tonumber(ARGV[5]), tonumber(ARGV[6])
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window - 1)
redis.call('PEXPIRE', KEYS[1], window)
-- a source is forgotten once it has been quiet for the longest lockout
if redis.call('PTTL', KEYS[2]) < longest then redis.call('PEXPIRE', KEYS[2], longest) end
if redis.call('ZCARD', KEYS[1]) < max_failures then return {0} end
redis.call('DEL', KEYS[1])
local lockouts = redis.call('HINCRBY', KEYS[2], 'lockouts', 1)
local lockout = first
for _ = 2, lockouts do
  if lockout >= longest then break end
  lockout = lockout * 2
end
if lockout > longest then lockout = longest end
redis.call('HSET', KEYS[2], 'until', now + lockout, 'refused', 0)
redis.call('PEXPIRE', KEYS[2], lockout + longest)
redis.call('ZADD', KEYS[3], now + lockout, ARGV[7])
return {lockouts, lockout}
