-- ARGV: node, lease ms, reclaim (1: this node starts over, free what it held before).
-- Renews this node's lease, frees what nodes whose lease ran out held, ends wrap-ups that are due.
local node, now = ARGV[1], now_ms()
if ARGV[3] == '1' then free_node(node, now) end
redis.call('ZADD', P .. 'nodes', now + tonumber(ARGV[2]), node)
local freed = {}
for _, dead in ipairs(redis.call('ZRANGEBYSCORE', P .. 'nodes', '-inf', now, 'LIMIT', 0, 8)) do
  free_node(dead, now)
  freed[#freed + 1] = dead
end
for _, a in ipairs(redis.call('ZRANGEBYSCORE', P .. 'timers', '-inf', now, 'LIMIT', 0, 64)) do
  if state(a) == 'WRAP_UP' then complete_call(a, now); after_call(a, nil, now) else redis.call('ZREM', P .. 'timers', a) end
end
return result('ok', table.concat(freed, ','))
