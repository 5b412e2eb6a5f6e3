-- ARGV: call. 1-based place among the callers of its queue, ringing and targeted ones included; 0 when gone.
local q, score = redis.call('HGET', ckey(ARGV[1]), 'queue'), redis.call('HGET', ckey(ARGV[1]), 'score')
if not q then return result('ok', 0) end
local before, ahead = '(' .. score, 0
for _, set in ipairs({'waiting:', 'offering:', 'targeted:'}) do
  ahead = ahead + redis.call('ZCOUNT', P .. set .. q, '-inf', before)
end
return result('ok', ahead + 1)
