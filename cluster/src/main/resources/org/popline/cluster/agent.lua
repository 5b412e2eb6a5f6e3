-- ARGV: op (register|unregister|ready|notready|callended), agent, queues csv, node, reason, wrap-up ms
local op, a, node = ARGV[1], ARGV[2], ARGV[4]
local k = akey(a)
redis.call('HSET', k, 'queues', ARGV[3])
local st, now = state(a), now_ms()
local function in_call() return st == 'RESERVED' or st == 'ON_CALL' end
-- ending wrap-up early completes the call, as in the in-memory Agent
if st == 'WRAP_UP' and (op == 'ready' or op == 'notready' or op == 'unregister') then complete_call(a, now) end
if op == 'register' then
  local old = field(a, 'home')
  if old and old ~= node then redis.call('SREM', P .. 'home:' .. old, a) end
  redis.call('HSET', k, 'home', node)
  redis.call('SADD', P .. 'home:' .. node, a)
  if st == 'LOGGED_OUT' then move(a, 'AVAILABLE', nil, now) else redis.call('HDEL', k, 'outAfter') end
elseif op == 'unregister' then
  if in_call() then redis.call('HSET', k, 'outAfter', '1')
  elseif st ~= 'LOGGED_OUT' then forget_call(a); move(a, 'LOGGED_OUT', nil, now) end
elseif op == 'ready' or op == 'notready' then
  local reason = op == 'notready' and ARGV[5] or nil
  if st == 'LOGGED_OUT' then return result('illegal', st) end
  if in_call() then
    if reason then redis.call('HSET', k, 'nrAfter', reason) else redis.call('HDEL', k, 'nrAfter') end
  elseif reason then
    forget_call(a); move(a, 'NOT_READY', reason, now)
  elseif st ~= 'AVAILABLE' then
    forget_call(a); move(a, 'AVAILABLE', nil, now)
  end
elseif op == 'callended' then
  if st ~= 'ON_CALL' then return result('illegal', st) end
  local wrap = tonumber(ARGV[6])
  if field(a, 'outAfter') or wrap <= 0 then
    complete_call(a, now)
    after_call(a, nil, now)
  else
    local owner = field(a, 'node')
    if owner then redis.call('SREM', P .. 'node-agents:' .. owner, a) end
    redis.call('HDEL', k, 'node')
    redis.call('ZADD', P .. 'timers', now + wrap, a)
    move(a, 'WRAP_UP', nil, now)
  end
end
return result('ok', state(a))
