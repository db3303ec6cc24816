package dev.syndic.entry;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes entries. Callers hold the transaction (one per source's batch).
 *
 * <p>An entry whose content hash is unchanged is left alone; a changed one is an update (its
 * revision goes up, its first-seen time and sort time stay); a deleted one (tombstoned) is not
 * stored again.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public class EntryStore {

  private static final Duration FUTURE_TOLERANCE = Duration.ofHours(1);

  // INSERT ... SELECT so that a tombstoned identity is never stored again.
  private static final String UPSERT =
      """
      INSERT INTO entry (source_id, identity_key, guid, link, title, author, summary, content,
                         clean_html, clean_text, core_text, language, feed_tags, published_at,
                         modified_at, sort_at, first_seen_at, updated_at, content_hash)
      SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
      WHERE NOT EXISTS (SELECT 1 FROM entry_tombstone t WHERE t.source_id = ? AND t.identity_key = ?)
      ON CONFLICT (source_id, identity_key) DO UPDATE SET
        guid = EXCLUDED.guid, link = EXCLUDED.link, title = EXCLUDED.title, author = EXCLUDED.author,
        summary = EXCLUDED.summary, content = EXCLUDED.content, clean_html = EXCLUDED.clean_html,
        clean_text = EXCLUDED.clean_text, core_text = EXCLUDED.core_text, language = EXCLUDED.language,
        feed_tags = EXCLUDED.feed_tags, published_at = COALESCE(EXCLUDED.published_at, entry.published_at),
        modified_at = EXCLUDED.modified_at, updated_at = EXCLUDED.updated_at,
        content_hash = EXCLUDED.content_hash, revision = entry.revision + 1
      WHERE entry.content_hash <> EXCLUDED.content_hash
      RETURNING id, (xmax = 0) AS created
      """;

  private final JdbcOperations jdbc;

  EntryStore(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the draft; empty when an identical entry is already stored. */
  public Optional<StoredChange> upsert(long sourceId, EntryDraft d, Instant now) {
    Instant sortAt = d.published() != null && d.published().isBefore(now.plus(FUTURE_TOLERANCE)) ? d.published() : now;
    return jdbc.prepareStatement(UPSERT, ps -> {
      int i = 1;
      ps.setLong(i++, sourceId);
      ps.setString(i++, d.identityKey());
      ps.setString(i++, d.guid());
      ps.setString(i++, d.link());
      ps.setString(i++, d.title());
      ps.setString(i++, d.author());
      ps.setString(i++, d.summary());
      ps.setString(i++, d.content());
      ps.setString(i++, d.cleanHtml());
      ps.setString(i++, d.cleanText());
      ps.setString(i++, d.coreText());
      ps.setString(i++, d.language());
      ps.setArray(i++, ps.getConnection().createArrayOf("text", d.feedTags().toArray()));
      ps.setTimestamp(i++, d.published() == null ? null : Timestamp.from(d.published()));
      ps.setTimestamp(i++, d.modified() == null ? null : Timestamp.from(d.modified()));
      ps.setTimestamp(i++, Timestamp.from(sortAt));
      ps.setTimestamp(i++, Timestamp.from(now));
      ps.setTimestamp(i++, Timestamp.from(now));
      ps.setString(i++, d.contentHash());
      ps.setLong(i++, sourceId);
      ps.setString(i, d.identityKey());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new StoredChange(rs.getLong(1), rs.getBoolean(2))) : Optional.empty();
      }
    });
  }
}
