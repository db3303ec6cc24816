package dev.syndic.category;

import dev.syndic.classify.ModelSet;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trained classifier models in PostgreSQL, so that every instance uses the same one. Each
 * training adds a row; the newest row is the model; older rows are pruned. A stored model this
 * version cannot read or use (see {@link ModelSet#usable()}) counts as none.
 */
@Singleton
@Transactional
public class ModelStore {

  private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);

  static final int KEEP = 3;

  /** A stored model and its id, which every instance compares to notice a newer one. */
  public record Stored(long id, ModelSet models) {}

  private final JdbcOperations jdbc;
  private final ObjectMapper json;

  ModelStore(JdbcOperations jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The id of the newest model, 0 when none was trained. */
  public long latestId() {
    return jdbc.prepareStatement("SELECT coalesce(max(id), 0) FROM classifier_model", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  public Optional<Stored> latest() {
    return jdbc.prepareStatement("SELECT id, model::text FROM classifier_model ORDER BY id DESC LIMIT 1", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.<Stored>empty();
        }
        long id = rs.getLong(1);
        try {
          return Optional.of(new Stored(id, json.readValue(rs.getString(2), ModelSet.class)));
        } catch (IOException e) {
          // A model written by an earlier version: the rules decide until the admin retrains.
          LOG.warn("stored classifier model {} cannot be read ({}); retrain with POST /api/v1/categories/train", id, e.getMessage());
          return Optional.<Stored>empty();
        }
      }
    });
  }

  /** Stores a new model and returns its id. */
  public long save(ModelSet models, int examples, Object summary) {
    long id = jdbc.prepareStatement(
        "INSERT INTO classifier_model (examples, summary, model) VALUES (?, ?::jsonb, ?::jsonb) RETURNING id",
        ps -> {
          ps.setInt(1, examples);
          ps.setString(2, write(summary));
          ps.setString(3, write(models));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
    jdbc.prepareStatement("DELETE FROM classifier_model WHERE id <= ?", ps -> {
      ps.setLong(1, id - KEEP);
      return ps.executeUpdate();
    });
    return id;
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
