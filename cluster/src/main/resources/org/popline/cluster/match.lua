-- ARGV: node, queues csv. Offers the most urgent matchable caller of the cluster to the longest
-- available agent of its queue, when that caller is held by this node (only its node can ring).
local node = ARGV[1]
local best, bestScore, bestQueue
for _, q in ipairs(split(ARGV[2])) do
  if redis.call('ZCARD', P .. 'available:' .. q) > 0 then
    local head = redis.call('ZRANGE', P .. 'waiting:' .. q, 0, 0, 'WITHSCORES')
    if head[1] and (not bestScore or tonumber(head[2]) < bestScore) then
      best, bestScore, bestQueue = head[1], tonumber(head[2]), q
    end
  end
end
if not best then return result('none') end
if redis.call('HGET', ckey(best), 'node') ~= node then return result('other') end
local a = redis.call('ZRANGE', P .. 'available:' .. bestQueue, 0, 0)[1]
local now = now_ms()
redis.call('ZREM', P .. 'waiting:' .. bestQueue, best)
redis.call('ZADD', P .. 'offering:' .. bestQueue, bestScore, best)
redis.call('HSET', ckey(best), 'agent', a)
redis.call('HSET', akey(a), 'call', best, 'queue', bestQueue, 'node', node)
redis.call('HINCRBY', akey(a), 'offered', 1)
redis.call('SADD', P .. 'node-agents:' .. node, a)
move(a, 'RESERVED', nil, now)
return result('offer', best, a)
