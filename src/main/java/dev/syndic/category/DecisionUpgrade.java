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
 * and the new. Once per database: a row in {@code bootstrap} records the version, and with it a
 * run owed ({@link RecategorizeRequests}), so that of several instances starting together one does
 * it, and a run cut off by a restart or a crash is taken up again.
 */
@Singleton
public class DecisionUpgrade implements ApplicationEventListener<StartupEvent> {

  private final JdbcOperations jdbc;
  private final Recategorizer recategorizer;
  private final RecategorizeRequests requests;

  DecisionUpgrade(JdbcOperations jdbc, Recategorizer recategorizer, RecategorizeRequests requests) {
    this.jdbc = jdbc;
    this.recategorizer = recategorizer;
    this.requests = requests;
  }

  /**
   * Records the run owed for this version (once per database), then takes up whatever run is owed:
   * this one, or one that a restart or a crash cut off ({@link Recategorizer}).
   */
  @Override
  public void onApplicationEvent(StartupEvent event) {
    claim();
    recategorizer.takeUpOwed();
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
    boolean owed = recorded && jdbc.prepareStatement("SELECT EXISTS (SELECT 1 FROM entry)", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    });
    if (owed) {
      // In the transaction that records the version: the run is owed until it ends, wherever it is cut off.
      requests.request("categories are decided another way since this version (" + CategoryPolicy.DECISIONS + ")");
    }
    return owed;
  }
}
