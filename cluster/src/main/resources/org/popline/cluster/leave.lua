-- ARGV: call. The caller hung up, left, or the queue gave up on them.
return result(drop_caller(ARGV[1]) and 'ok' or 'gone')
