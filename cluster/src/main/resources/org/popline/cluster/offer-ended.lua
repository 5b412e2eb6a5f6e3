-- ARGV: node, agent, call, outcome (answered | cancelled | a missed reason such as RONA)
local node, a, c, outcome = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local now = now_ms()
local mine = state(a) == 'RESERVED' and field(a, 'call') == c and field(a, 'node') == node
local q = redis.call('HGET', ckey(c), 'queue')
if q and redis.call('HGET', ckey(c), 'agent') == a then
  redis.call('HDEL', ckey(c), 'agent')
  if outcome == 'answered' then
    drop_caller(c)
  elseif redis.call('ZREM', P .. 'offering:' .. q, c) == 1 then
    -- back in their place: the score keeps priority and arrival
    redis.call('ZADD', P .. 'waiting:' .. q, redis.call('HGET', ckey(c), 'score'), c)
  end
end
if not mine then return result('lost') end
if outcome == 'answered' then
  redis.call('HINCRBY', akey(a), 'answered', 1)
  move(a, 'ON_CALL', nil, now)
else
  local missed = nil
  if outcome ~= 'cancelled' then missed = outcome; redis.call('HINCRBY', akey(a), 'missed', 1) end
  after_call(a, missed, now)
end
return result('ok')
