package dev.syndic.partner;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;

/**
 * The partners' token buckets in PostgreSQL, shared by every instance: each holds up to the
 * partner's rate per minute and refills continuously at that rate, by the database's clock.
 */
@Singleton
class PartnerBuckets {

  /** Tokens granted (0 to the asked number), and what the bucket holds after the grant. */
  record Lease(int granted, double left) {}

  private static final String TAKE =
      """
      UPDATE partner_bucket b SET tokens = a.avail - a.granted, refilled_at = greatest(b.refilled_at, now())
      FROM (SELECT partner_id, avail, least(?, floor(avail))::int AS granted
            FROM (SELECT partner_id, least(?, tokens + ? + greatest(0, extract(epoch FROM now() - refilled_at)) * ? / 60.0) AS avail
                  FROM partner_bucket WHERE partner_id = ? FOR UPDATE) x) a
      WHERE b.partner_id = a.partner_id
      RETURNING a.granted, b.tokens
      """;

  private final JdbcOperations jdbc;

  PartnerBuckets(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes up to {@code wanted} whole tokens from the partner's bucket (a new bucket starts full),
   * after putting back {@code returned} tokens an earlier lease did not use; none when the
   * partner is gone.
   */
  @Transactional
  Lease take(long partnerId, int ratePerMinute, int wanted, int returned) {
    Lease lease = update(partnerId, ratePerMinute, wanted, returned);
    if (lease != null) {
      return lease;
    }
    jdbc.prepareStatement(
        "INSERT INTO partner_bucket (partner_id, tokens, refilled_at) SELECT id, ?, now() FROM partner WHERE id = ? ON CONFLICT DO NOTHING",
        ps -> {
          ps.setInt(1, ratePerMinute);
          ps.setLong(2, partnerId);
          return ps.executeUpdate();
        });
    lease = update(partnerId, ratePerMinute, wanted, 0);
    return lease == null ? new Lease(0, 0) : lease;
  }

  private Lease update(long partnerId, int ratePerMinute, int wanted, int returned) {
    return jdbc.prepareStatement(TAKE, ps -> {
      ps.setInt(1, wanted);
      ps.setInt(2, ratePerMinute);
      ps.setInt(3, returned);
      ps.setInt(4, ratePerMinute);
      ps.setLong(5, partnerId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Lease(rs.getInt(1), rs.getDouble(2)) : null;
      }
    });
  }
}
