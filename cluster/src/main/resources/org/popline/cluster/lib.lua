-- Shared by every ACD script (prepended). All keys carry the {acd} hash tag: one slot.
-- Every script returns {code, ...} then agent moves as groups of 5: agent, from, to, reason, call.
local P = '{acd}:'
local EV = {}
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function akey(a) return P .. 'agent:' .. a end
local function ckey(c) return P .. 'caller:' .. c end
local function split(s)
  local out = {}
  if s then for q in string.gmatch(s, '[^,]+') do out[#out + 1] = q end end
  return out
end
local function field(a, f) return redis.call('HGET', akey(a), f) end
local function state(a) return field(a, 'state') or 'LOGGED_OUT' end
local function move(a, to, reason, now)
  local k = akey(a)
  local from = state(a)
  redis.call('HSET', k, 'state', to, 'since', now)
  if reason then redis.call('HSET', k, 'reason', reason) else redis.call('HDEL', k, 'reason') end
  local avail = field(a, 'avail')
  for _, q in ipairs(split(field(a, 'queues'))) do
    if to == 'AVAILABLE' then
      avail = avail or tostring(now)
      redis.call('ZADD', P .. 'available:' .. q, avail, a)
    else
      redis.call('ZREM', P .. 'available:' .. q, a)
    end
  end
  if to == 'AVAILABLE' then
    redis.call('HSET', k, 'avail', avail)
    -- nodes holding callers match at once instead of at their next tick
    redis.call('PUBLISH', P .. 'wake', a)
  elseif to ~= 'RESERVED' then redis.call('HDEL', k, 'avail') end
  local call = (to == 'RESERVED' or to == 'ON_CALL' or to == 'WRAP_UP') and (field(a, 'call') or '') or ''
  for _, v in ipairs({a, from, to, reason or '', call}) do EV[#EV + 1] = v end
end
-- the call (offer, talk, wrap-up) is over for the agent: forget it and what was deferred until then
local function forget_call(a)
  local node = field(a, 'node')
  if node then redis.call('SREM', P .. 'node-agents:' .. node, a) end
  redis.call('HDEL', akey(a), 'call', 'queue', 'node', 'nrAfter', 'outAfter', 'wrapUntil', 'answeredAt')
  redis.call('ZREM', P .. 'timers', a)
end
-- where an agent goes once a call or an offer is over
local function after_call(a, missed, now)
  local out, nr = field(a, 'outAfter'), field(a, 'nrAfter')
  forget_call(a)
  if out then move(a, 'LOGGED_OUT', nil, now)
  elseif missed or nr then move(a, 'NOT_READY', missed or nr, now)
  else move(a, 'AVAILABLE', nil, now) end
end
-- the agent's call is complete (talk and wrap-up): its handle time joins the queue's recent ones,
-- as many as the in-memory ACD keeps (RecentHandleTimes.KEPT)
local function complete_call(a, now)
  local q, at = field(a, 'queue'), field(a, 'answeredAt')
  if q and at then
    redis.call('LPUSH', P .. 'handle:' .. q, now - tonumber(at))
    redis.call('LTRIM', P .. 'handle:' .. q, 0, 19)
  end
end
-- a caller nobody rings for waits: in the queue's set, or, kept for one agent (queue-to-agent), in
-- the queue's targeted set and that agent's set, so that they never hold up the queue's others
local function park(c, q, score)
  local only = redis.call('HGET', ckey(c), 'only')
  if only then
    redis.call('ZADD', P .. 'targeted:' .. q, score, c)
    redis.call('ZADD', P .. 'for:' .. only, score, c)
    redis.call('SADD', P .. 'wanted', only)
  else
    redis.call('ZADD', P .. 'waiting:' .. q, score, c)
  end
end
local function unpark(c, q)
  redis.call('ZREM', P .. 'waiting:' .. q, c)
  local only = redis.call('HGET', ckey(c), 'only')
  if only then
    redis.call('ZREM', P .. 'targeted:' .. q, c)
    redis.call('ZREM', P .. 'for:' .. only, c)
    if redis.call('ZCARD', P .. 'for:' .. only) == 0 then redis.call('SREM', P .. 'wanted', only) end
  end
end
local function drop_caller(c)
  local k = ckey(c)
  local q, node = redis.call('HGET', k, 'queue'), redis.call('HGET', k, 'node')
  if not q then return false end
  unpark(c, q)
  redis.call('ZREM', P .. 'offering:' .. q, c)
  if node then redis.call('SREM', P .. 'node-callers:' .. node, c) end
  redis.call('DEL', k)
  return true
end
-- a node is gone (lease out) or starts over: free what it held
local function free_node(node, now)
  for _, c in ipairs(redis.call('SMEMBERS', P .. 'node-callers:' .. node)) do drop_caller(c) end
  redis.call('DEL', P .. 'node-callers:' .. node)
  for _, a in ipairs(redis.call('SMEMBERS', P .. 'node-agents:' .. node)) do
    local st = state(a)
    if field(a, 'node') == node and (st == 'RESERVED' or st == 'ON_CALL') then after_call(a, nil, now) end
  end
  redis.call('DEL', P .. 'node-agents:' .. node)
  -- phones registered through that node cannot be reached any more
  for _, a in ipairs(redis.call('SMEMBERS', P .. 'home:' .. node)) do
    if field(a, 'home') == node and state(a) ~= 'LOGGED_OUT' and state(a) ~= 'RESERVED' and state(a) ~= 'ON_CALL' then
      forget_call(a)
      move(a, 'LOGGED_OUT', nil, now)
    end
  end
  redis.call('DEL', P .. 'home:' .. node)
  redis.call('ZREM', P .. 'nodes', node)
end
local function result(code, ...)
  local out = {code, ...}
  for _, v in ipairs(EV) do out[#out + 1] = v end
  return out
end
