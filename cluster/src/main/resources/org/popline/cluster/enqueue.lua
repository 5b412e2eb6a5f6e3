-- ARGV: node, call, queue, priority, max size, ani, the one agent who may take the call ('' for any)
local node, c, q, only = ARGV[1], ARGV[2], ARGV[3], ARGV[7]
if redis.call('EXISTS', ckey(c)) == 1 then return result('dup', redis.call('HGET', ckey(c), 'queue')) end
local held = redis.call('ZCARD', P .. 'waiting:' .. q) + redis.call('ZCARD', P .. 'offering:' .. q)
  + redis.call('ZCARD', P .. 'targeted:' .. q)
if held >= tonumber(ARGV[5]) then return result('full') end
-- higher priority first, then arrival: exact in a double for |priority| < 2^20 and 2^32 arrivals
local score = -tonumber(ARGV[4]) * 4294967296 + redis.call('INCR', P .. 'seq') % 4294967296
redis.call('HSET', ckey(c), 'queue', q, 'node', node, 'priority', ARGV[4], 'ani', ARGV[6], 'since', now_ms(), 'score', score)
if only ~= '' then redis.call('HSET', ckey(c), 'only', only) end
park(c, q, score)
redis.call('SADD', P .. 'node-callers:' .. node, c)
return result('ok')
