package dev.syndic.category;

import dev.syndic.classify.CategoryPolicy;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;

/**
 * After an upgrade that changes how categories are decided ({@link CategoryPolicy#DECISIONS}),
 * categorizes the stored entries again in the background (the newest, up to {@code
 * syndic.classify.recategorize-limit}), so that a feed does not mix entries decided the old way
 * and the new. Once per database: a row in {@code bootstrap} records the version, so that of
 * several instances starting together one does it.
 */
@Singleton
public class DecisionUpgrade implements ApplicationEventListener<StartupEvent> {

  private final JdbcOperations jdbc;
  private final Recategorizer recategorizer;

  DecisionUpgrade(JdbcOperations jdbc, Recategorizer recategorizer) {
    this.jdbc = jdbc;
    this.recategorizer = recategorizer;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    if (claim()) {
      recategorizer.inBackground("categories are decided another way since this version (" + CategoryPolicy.DECISIONS + ")");
    }
  }

  /**
   * Records this version's way of deciding; true for the one caller that recorded it, when there
   * are entries to categorize again. A new database has none, and its categories may still be
   * being imported: a run then would only compile the rules before they are there.
   */
  @Transactional
  boolean claim() {
    boolean recorded = jdbc.prepareStatement("INSERT INTO bootstrap (name) VALUES (?) ON CONFLICT DO NOTHING", ps -> {
      ps.setString(1, "decisions:" + CategoryPolicy.DECISIONS);
      return ps.executeUpdate();
    }) == 1;
    return recorded && jdbc.prepareStatement("SELECT EXISTS (SELECT 1 FROM entry)", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    });
  }
}
