-- The outbox keeps the times of a report in whole unix seconds, not milliseconds: nothing finer
-- than a second is written about when a report was tried. Values still in milliseconds (any
-- time after 1973 in ms is above 10^11; in seconds it stays below that until the year 5138)
-- are rounded up to the second.
UPDATE outbox SET next_attempt_at = (next_attempt_at + 999) / 1000 WHERE next_attempt_at > 100000000000;
UPDATE outbox SET lease_until = (lease_until + 999) / 1000 WHERE lease_until > 100000000000;
