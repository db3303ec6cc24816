-- Partner rates up to a million requests a minute (a partner behind its own cache, a load test's
-- key); the API checks the same bounds.
ALTER TABLE partner DROP CONSTRAINT partner_rate_per_minute_check;
ALTER TABLE partner ADD CONSTRAINT partner_rate_per_minute_check CHECK (rate_per_minute BETWEEN 1 AND 1000000);
