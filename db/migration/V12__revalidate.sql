-- When a successful poll of the source last received a body (a 200), as against a 304. A source that has
-- answered nothing but 304 for syndic.poll.revalidate-after is fetched once without validators:
-- servers that answer 304 wrongly would otherwise hide every new entry for good.
ALTER TABLE source ADD COLUMN last_body_at TIMESTAMPTZ;
UPDATE source SET last_body_at = last_success_at;
