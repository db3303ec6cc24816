package dev.syndic.entry;

import dev.syndic.SqlArrays;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes entries. Callers hold the transaction (one per source's batch).
 *
 * <p>An entry whose content hash is unchanged is left alone; a changed one is an update (its
 * revision goes up, its first-seen time and sort time stay, and it comes again in the arrival
 * order partners page by); a deleted one (tombstoned) is not stored again.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public class EntryStore {

  /**
   * How far ahead of the time its entry is stored a publisher's date may be and still date it
   * (servers' clocks differ a little): a date further ahead (a CMS writing China's time as GMT, a
   * typo'd year) is no date, neither to sort by here nor in output.
   */
  public static final Duration FUTURE_TOLERANCE = Duration.ofHours(1);

  // One statement for a source's whole batch: the drafts travel as arrays, one per column, and
  // unnest turns them back into rows. INSERT ... SELECT so that a tombstoned identity is never
  // stored again. The normalized text of each new or changed entry goes to entry_text, not yet
  // searchable: SearchIndexer indexes it in the background. Each new or changed entry is queued
  // for its place in the arrival order (ArrivalSequencer numbers it once this commits): a row in
  // a table without index or key, no statement of its own.
  private static final String UPSERT =
      """
      WITH d AS (
        SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                             ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                             ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[])
          AS d(identity_key, guid, link, title, author, clean_html, clean_text,
               core_text, language, feed_tags, published_at, modified_at, sort_at, stamp, content_hash,
               source_hash, enclosures)),
      stored AS (
        INSERT INTO entry (source_id, identity_key, guid, link, title, author, clean_html, core_text, language, feed_tags, published_at,
                           modified_at, sort_at, first_seen_at, updated_at, content_hash, source_hash, enclosures)
        SELECT ?, d.identity_key, d.guid, d.link, d.title, d.author, d.clean_html, d.core_text, d.language,
               ARRAY(SELECT jsonb_array_elements_text(d.feed_tags::jsonb)), d.published_at,
               d.modified_at, d.sort_at, d.stamp, d.stamp, d.content_hash, d.source_hash, d.enclosures::jsonb
        FROM d
        WHERE NOT EXISTS (SELECT 1 FROM entry_tombstone t WHERE t.source_id = ? AND t.identity_key = d.identity_key)
        ON CONFLICT (source_id, identity_key) DO UPDATE SET
          guid = EXCLUDED.guid, link = EXCLUDED.link, title = EXCLUDED.title, author = EXCLUDED.author,
          clean_html = EXCLUDED.clean_html,
          core_text = EXCLUDED.core_text, language = EXCLUDED.language,
          feed_tags = EXCLUDED.feed_tags, published_at = COALESCE(EXCLUDED.published_at, entry.published_at),
          modified_at = EXCLUDED.modified_at, updated_at = EXCLUDED.updated_at,
          content_hash = EXCLUDED.content_hash, source_hash = EXCLUDED.source_hash, enclosures = EXCLUDED.enclosures,
          revision = entry.revision + 1
        WHERE entry.content_hash <> EXCLUDED.content_hash
        RETURNING id, (xmax = 0) AS created, identity_key),
      text AS (
        INSERT INTO entry_text (entry_id, body)
        SELECT s.id, d.clean_text FROM stored s JOIN d ON d.identity_key = s.identity_key
        ON CONFLICT (entry_id) DO UPDATE SET body = EXCLUDED.body, searchable = FALSE),
      queued AS (
        INSERT INTO entry_arrival_queue (entry_id) SELECT id FROM stored)
      SELECT id, created, identity_key FROM stored
      """;

  private final JdbcOperations jdbc;

  EntryStore(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores a source's drafts in one statement. The answer holds, for each draft in order, what
   * changed: empty when an identical entry is already stored, or its identity is tombstoned, or
   * an earlier draft of the batch has the same identity (the first one wins). Draft {@code i} is
   * first seen (and sorted, when it has no usable date) at {@code now} minus {@code i}
   * milliseconds, so undated entries keep the publisher's order and no two share a time.
   */
  public List<Optional<StoredChange>> upsertAll(long sourceId, List<EntryDraft> drafts, Instant now) {
    if (drafts.isEmpty()) {
      return List.of();
    }
    Map<String, Integer> positions = new HashMap<>();
    List<EntryDraft> unique = new ArrayList<>(drafts.size());
    List<Instant> sortAts = new ArrayList<>(drafts.size());
    List<Instant> stamps = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      EntryDraft d = drafts.get(i);
      if (positions.putIfAbsent(d.identityKey(), i) == null) {
        unique.add(d);
        Instant stamp = now.minusMillis(i);
        stamps.add(stamp);
        // Atom requires <updated> and leaves <published> optional: an entry dated only by the
        // former sorts by it, not as if it were new.
        Instant dated = d.published() != null ? d.published() : d.modified();
        sortAts.add(dated != null && dated.isBefore(stamp.plus(FUTURE_TOLERANCE)) ? dated : stamp);
      }
    }
    List<Optional<StoredChange>> changes = new ArrayList<>(Collections.nCopies(drafts.size(), Optional.empty()));
    jdbc.prepareStatement(UPSERT, ps -> {
      Connection c = ps.getConnection();
      int p = 1;
      ps.setArray(p++, SqlArrays.column(c, "text", unique, EntryDraft::identityKey));
      ps.setArray(p++, SqlArrays.column(c, "text", unique, EntryDraft::guid));
      ps.setArray(p++, SqlArrays.column(c, "text", unique, EntryDraft::link));
      ps.setArray(p++, SqlArrays.column(c, "text", unique, EntryDraft::title));
      ps.setArray(p++, SqlArrays.column(c, "text", unique, EntryDraft::author));
      ps.setArray(p++, SqlArrays.column(c, "text", unique, EntryDraft::cleanHtml));
      ps.setArray(p++, SqlArrays.column(c, "text", unique, EntryDraft::cleanText));
      ps.setArray(p++, SqlArrays.column(c, "text", unique, EntryDraft::coreText));
      ps.setArray(p++, SqlArrays.column(c, "text", unique, EntryDraft::language));
      ps.setArray(p++, SqlArrays.column(c, "text", unique, d -> jsonArray(d.feedTags())));
      ps.setArray(p++, SqlArrays.column(c, "timestamptz", unique, EntryDraft::published));
      ps.setArray(p++, SqlArrays.column(c, "timestamptz", unique, EntryDraft::modified));
      ps.setArray(p++, SqlArrays.column(c, "timestamptz", sortAts, t -> t));
      ps.setArray(p++, SqlArrays.column(c, "timestamptz", stamps, t -> t));
      ps.setArray(p++, SqlArrays.column(c, "text", unique, EntryDraft::contentHash));
      ps.setArray(p++, SqlArrays.column(c, "text", unique, EntryDraft::sourceHash));
      ps.setArray(p++, SqlArrays.column(c, "text", unique, d -> jsonEnclosures(d.enclosures())));
      ps.setLong(p++, sourceId);
      ps.setLong(p, sourceId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          changes.set(positions.get(rs.getString(3)), Optional.of(new StoredChange(rs.getLong(1), rs.getBoolean(2))));
        }
      }
      return null;
    });
    return changes;
  }

  /**
   * What a source has of these identities: the source hash ({@link EntryDraft#sourceHash}) of each
   * stored one (null for an entry stored before hashes were kept), and of each deleted
   * (tombstoned) one (null for a tombstone written before they kept it).
   */
  public record Known(Map<String, String> sourceHashes, Map<String, String> deletedHashes) {

    /** The deleted identities. */
    public Set<String> deleted() {
      return deletedHashes.keySet();
    }
  }

  /** The stored and deleted identities among {@code identityKeys} of a source, in one query. */
  public Known known(long sourceId, List<String> identityKeys) {
    if (identityKeys.isEmpty()) {
      return new Known(Map.of(), Map.of());
    }
    return jdbc.prepareStatement(
        """
        SELECT identity_key, source_hash, FALSE FROM entry WHERE source_id = ? AND identity_key = ANY (?)
        UNION ALL
        SELECT identity_key, source_hash, TRUE FROM entry_tombstone WHERE source_id = ? AND identity_key = ANY (?)
        """, ps -> {
          Array keys = ps.getConnection().createArrayOf("text", identityKeys.toArray(String[]::new));
          ps.setLong(1, sourceId);
          ps.setArray(2, keys);
          ps.setLong(3, sourceId);
          ps.setArray(4, keys);
          Map<String, String> hashes = new HashMap<>();
          Map<String, String> deleted = new HashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              (rs.getBoolean(3) ? deleted : hashes).put(rs.getString(1), rs.getString(2));
            }
          }
          return new Known(hashes, deleted);
        });
  }

  /** A stored or deleted entry of a source found by its words ({@link #byWords}). */
  public record Worded(String identityKey, String sourceHash, String link, boolean deleted) {}

  /**
   * The source's entries among its {@code newest} (by sort time, through the source's sort index,
   * so the read is bounded whatever the source holds) and its deleted ones (tombstones; a source
   * has few, read through its key) whose source hash is one of {@code sourceHashes}; in one query.
   * What ingest asks when a fetch lists items with GUIDs the source has never sent: a feed that
   * stamps its GUIDs anew on every fetch lists the entries it stored at its last poll.
   */
  public List<Worded> byWords(long sourceId, List<String> sourceHashes, int newest) {
    if (sourceHashes.isEmpty()) {
      return List.of();
    }
    return jdbc.prepareStatement(
        """
        SELECT n.identity_key, n.source_hash, n.link, FALSE FROM (
          SELECT identity_key, source_hash, link FROM entry WHERE source_id = ? ORDER BY sort_at DESC, id DESC LIMIT ?) n
        WHERE n.source_hash = ANY (?)
        UNION ALL
        SELECT identity_key, source_hash, NULL, TRUE FROM entry_tombstone WHERE source_id = ? AND source_hash = ANY (?)
        """, ps -> {
          Array hashes = ps.getConnection().createArrayOf("text", sourceHashes.toArray(String[]::new));
          ps.setLong(1, sourceId);
          ps.setInt(2, newest);
          ps.setArray(3, hashes);
          ps.setLong(4, sourceId);
          ps.setArray(5, hashes);
          List<Worded> out = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(new Worded(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
            }
          }
          return out;
        });
  }

  /**
   * Records what entries prepared again with the same words now look like: their new source hash,
   * so that the next poll skips them, and their markup (a corrected image or link, a fixed
   * entity) and files, which readers get; not an update (no new revision, no re-categorizing),
   * since the words are the same.
   */
  public void refreshSameWords(long sourceId, List<EntryDraft> drafts) {
    if (drafts.isEmpty()) {
      return;
    }
    jdbc.prepareStatement(
        """
        UPDATE entry e SET source_hash = u.hash, clean_html = u.html, enclosures = u.enclosures::jsonb
        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(identity_key, hash, html, enclosures)
        WHERE e.source_id = ? AND e.identity_key = u.identity_key
          AND (e.source_hash IS DISTINCT FROM u.hash OR e.clean_html IS DISTINCT FROM u.html
               OR e.enclosures IS DISTINCT FROM u.enclosures::jsonb)
        """, ps -> {
          Connection c = ps.getConnection();
          ps.setArray(1, SqlArrays.column(c, "text", drafts, EntryDraft::identityKey));
          ps.setArray(2, SqlArrays.column(c, "text", drafts, EntryDraft::sourceHash));
          ps.setArray(3, SqlArrays.column(c, "text", drafts, EntryDraft::cleanHtml));
          ps.setArray(4, SqlArrays.column(c, "text", drafts, d -> jsonEnclosures(d.enclosures())));
          ps.setLong(5, sourceId);
          return ps.executeUpdate();
        });
  }

  /** A JSON array of strings: the columns whose rows are arrays themselves travel as JSON. */
  static String jsonArray(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (String v : values) {
      if (out.length() > 1) {
        out.append(',');
      }
      jsonString(out, v);
    }
    return out.append(']').toString();
  }

  /** Enclosures as the JSON the column holds, or null (SQL NULL) for none. */
  static String jsonEnclosures(List<Enclosure> enclosures) {
    if (enclosures.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder("[");
    for (Enclosure e : enclosures) {
      out.append(out.length() > 1 ? ",{\"url\":" : "{\"url\":");
      jsonString(out, e.url());
      out.append(",\"type\":");
      if (e.type() == null) {
        out.append("null");
      } else {
        jsonString(out, e.type());
      }
      out.append(",\"length\":").append(e.length()).append('}');
    }
    return out.append(']').toString();
  }

  private static void jsonString(StringBuilder out, String v) {
    out.append('"');
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (ch == '"' || ch == '\\') {
        out.append('\\').append(ch);
      } else if (ch < 0x20) {
        out.append(String.format("\\u%04x", (int) ch));
      } else {
        out.append(ch);
      }
    }
    out.append('"');
  }
}
