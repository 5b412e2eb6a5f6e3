-- ARGV: call. 1-based place among the callers of its queue, ringing ones included; 0 when gone.
local q, score = redis.call('HGET', ckey(ARGV[1]), 'queue'), redis.call('HGET', ckey(ARGV[1]), 'score')
if not q then return result('ok', 0) end
local before = '(' .. score
return result('ok', redis.call('ZCOUNT', P .. 'waiting:' .. q, '-inf', before)
  + redis.call('ZCOUNT', P .. 'offering:' .. q, '-inf', before) + 1)
