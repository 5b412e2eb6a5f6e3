-- ARGV: node, call, queue, priority, max size, ani
local node, c, q = ARGV[1], ARGV[2], ARGV[3]
if redis.call('EXISTS', ckey(c)) == 1 then return result('dup', redis.call('HGET', ckey(c), 'queue')) end
local w, o = P .. 'waiting:' .. q, P .. 'offering:' .. q
if redis.call('ZCARD', w) + redis.call('ZCARD', o) >= tonumber(ARGV[5]) then return result('full') end
-- higher priority first, then arrival: exact in a double for |priority| < 2^20 and 2^32 arrivals
local score = -tonumber(ARGV[4]) * 4294967296 + redis.call('INCR', P .. 'seq') % 4294967296
redis.call('ZADD', w, score, c)
redis.call('HSET', ckey(c), 'queue', q, 'node', node, 'priority', ARGV[4], 'ani', ARGV[6], 'since', now_ms(), 'score', score)
redis.call('SADD', P .. 'node-callers:' .. node, c)
return result('ok')
