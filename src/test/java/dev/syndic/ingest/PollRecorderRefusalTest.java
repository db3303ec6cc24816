package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which failures of a batch of poll records are one row's values, so that the batch is written
 * again without that row, rather than lost whole and left to the claims' expiry.
 */
class PollRecorderRefusalTest {

  @ParameterizedTest(name = "{0}: one row's values {1}")
  @CsvSource({
      "22021, true",   // a NUL byte in a text
      "22001, true",   // a value too long for its column
      "23505, true",   // a unique index
      "54000, true",   // an index row over 2,704 bytes
      "54001, true",   // a statement too complex
      "40001, false",  // a serialization failure: the batch is tried again whole
      "57014, false",  // cancelled
      "08006, false"}) // the connection lost
  void aRowsValuesAreTheClassesOfDataIntegrityAndLimits(String state, boolean oneRow) {
    SQLException refusal = new SQLException("refused", state);
    assertEquals(oneRow, PollRecorder.refusedARow(new RuntimeException("the batch failed", refusal)));
  }
}
