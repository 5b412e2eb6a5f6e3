-- ARGV: node, then for each queue: name, routing (LONGEST_AVAILABLE | ROUND_ROBIN | RING_ALL), its
-- agents in configuration order (csv). Offers the most urgent matchable caller of the cluster, when
-- that caller is held by this node (only its node can ring), as the in-memory Router would: to the
-- one agent a targeted caller waits for, else by the queue's routing. Only when no caller nobody
-- rings for can be matched do free agents of a ring-all queue join the ringing for its first caller.
local node = ARGV[1]
local queues, byName = {}, {}
for i = 2, #ARGV, 3 do
  local q = {name = ARGV[i], routing = ARGV[i + 1], staff = split(ARGV[i + 2])}
  queues[#queues + 1] = q
  byName[q.name] = q
end
local function free(q) return redis.call('ZCARD', P .. 'available:' .. q.name) > 0 end
local best, bestScore, bestQueue, bestOnly
local function consider(c, score, q, only)
  if not bestScore or score < bestScore then best, bestScore, bestQueue, bestOnly = c, score, q, only end
end
for _, q in ipairs(queues) do
  if free(q) then
    local head = redis.call('ZRANGE', P .. 'waiting:' .. q.name, 0, 0, 'WITHSCORES')
    if head[1] then consider(head[1], tonumber(head[2]), q, nil) end
  end
end
for _, a in ipairs(redis.call('SMEMBERS', P .. 'wanted')) do
  if state(a) == 'AVAILABLE' then
    local head = redis.call('ZRANGE', P .. 'for:' .. a, 0, 0, 'WITHSCORES')
    if head[1] then
      local qn = redis.call('HGET', ckey(head[1]), 'queue')
      consider(head[1], tonumber(head[2]), byName[qn] or {name = qn, routing = 'LONGEST_AVAILABLE', staff = {}}, a)
    end
  end
end
local joining = false
if not best then
  for _, q in ipairs(queues) do
    if q.routing == 'RING_ALL' and free(q) then
      -- bounded: targeted callers ringing their one agent are skipped, at most 8 of them
      local ringing = redis.call('ZRANGE', P .. 'offering:' .. q.name, 0, 8, 'WITHSCORES')
      for i = 1, #ringing, 2 do
        if not redis.call('HGET', ckey(ringing[i]), 'only') then
          consider(ringing[i], tonumber(ringing[i + 1]), q, nil)
          break
        end
      end
    end
  end
  joining = best ~= nil
end
if not best then return result('none') end
if redis.call('HGET', ckey(best), 'node') ~= node then return result('other') end
local q = bestQueue
-- round-robin: the first available agent after the one offered last, in configuration order
local function next_in_turn()
  local n, start = #q.staff, 1
  local last = redis.call('GET', P .. 'turn:' .. q.name)
  for i, a in ipairs(q.staff) do
    if a == last then start = i % n + 1 end
  end
  for i = 0, n - 1 do
    local a = q.staff[(start - 1 + i) % n + 1]
    if redis.call('ZSCORE', P .. 'available:' .. q.name, a) then return a end
  end
  return redis.call('ZRANGE', P .. 'available:' .. q.name, 0, 0)[1]
end
local picked
if bestOnly then
  picked = {bestOnly}
elseif q.routing == 'RING_ALL' then
  picked = redis.call('ZRANGE', P .. 'available:' .. q.name, 0, -1)
elseif q.routing == 'ROUND_ROBIN' then
  picked = {next_in_turn()}
else
  picked = {redis.call('ZRANGE', P .. 'available:' .. q.name, 0, 0)[1]}
end
if q.routing == 'ROUND_ROBIN' then redis.call('SET', P .. 'turn:' .. q.name, picked[#picked]) end
local now = now_ms()
if not joining then
  unpark(best, q.name)
  redis.call('ZADD', P .. 'offering:' .. q.name, bestScore, best)
end
local ringers = split(redis.call('HGET', ckey(best), 'agents'))
for _, a in ipairs(picked) do
  ringers[#ringers + 1] = a
  redis.call('HSET', akey(a), 'call', best, 'queue', q.name, 'node', node)
  redis.call('HINCRBY', akey(a), 'offered', 1)
  redis.call('SADD', P .. 'node-agents:' .. node, a)
  move(a, 'RESERVED', nil, now)
end
redis.call('HSET', ckey(best), 'agents', table.concat(ringers, ','))
return result('offer', best, table.concat(picked, ','))
