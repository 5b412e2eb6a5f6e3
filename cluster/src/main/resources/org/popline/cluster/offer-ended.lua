-- ARGV: node, agent, call, outcome (answered | cancelled | a missed reason such as RONA).
-- The first answer takes the caller; other agents still ringing for them (ring-all) stay RESERVED
-- until their node reports their offer withdrawn (cancelled).
local node, a, c, outcome = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local now = now_ms()
local mine = state(a) == 'RESERVED' and field(a, 'call') == c and field(a, 'node') == node
local k = ckey(c)
local q = redis.call('HGET', k, 'queue')
if q then
  local rest, had = {}, false
  for _, r in ipairs(split(redis.call('HGET', k, 'agents'))) do
    if r == a then had = true else rest[#rest + 1] = r end
  end
  if had and outcome == 'answered' then
    drop_caller(c)
  elseif had then
    if #rest > 0 then
      redis.call('HSET', k, 'agents', table.concat(rest, ','))
    else
      redis.call('HDEL', k, 'agents')
      -- back in their place: the score keeps priority and arrival
      if redis.call('ZREM', P .. 'offering:' .. q, c) == 1 then park(c, q, redis.call('HGET', k, 'score')) end
    end
  end
end
if not mine then return result('lost') end
if outcome == 'answered' then
  redis.call('HINCRBY', akey(a), 'answered', 1)
  redis.call('HSET', akey(a), 'answeredAt', now)
  move(a, 'ON_CALL', nil, now)
else
  local missed = nil
  if outcome ~= 'cancelled' then missed = outcome; redis.call('HINCRBY', akey(a), 'missed', 1) end
  after_call(a, missed, now)
end
return result('ok')
