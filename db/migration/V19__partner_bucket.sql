-- Schema v19: one token bucket per partner for all instances. Each instance leases tokens from it
-- a few at a time (RateLimiter), so a partner behind N instances gets its rate, not N times it.
CREATE TABLE partner_bucket (
    partner_id  BIGINT           PRIMARY KEY REFERENCES partner (id) ON DELETE CASCADE,
    tokens      DOUBLE PRECISION NOT NULL,
    refilled_at TIMESTAMPTZ      NOT NULL
);
