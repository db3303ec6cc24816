package dev.syndic.category;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A negative limit stops the start with its key; zero is a choice (stored entries keep their categories). */
class RecategorizeLimitTest {

  @Test
  void aNegativeLimitIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Recategorizer(null, null, null, null, Clock.systemUTC(), -1));
    assertTrue(e.getMessage().contains("syndic.classify.recategorize-limit must be 0"), e.getMessage());
    assertDoesNotThrow(() -> new Recategorizer(null, null, null, null, Clock.systemUTC(), 0));
  }
}
