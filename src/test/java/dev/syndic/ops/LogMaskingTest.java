package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A feed address may carry credentials (https://user:password@host/feed), which the fetcher sends
 * as Basic authentication; every poll's log line, and the error of a failing one, writes the
 * address. The service's log pattern (logback.xml, as the jar runs it) masks the password.
 */
class LogMaskingTest {

  @Test
  void thePasswordOfAFeedAddressIsMaskedInTheLog() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    @SuppressWarnings("unchecked")
    Encoder<ILoggingEvent> encoder = ((OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT")).getEncoder();
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), (Logger) LoggerFactory.getLogger("dev.syndic.ingest.Poller"), Level.WARN,
        "poll source_id={} url={} status=error http=401 error=\"HTTP 401 from {}\"", null,
        new Object[] {7, "https://reader:s3cr%40t@feeds.example.com/private.xml", "https://reader:s3cr%40t@feeds.example.com/private.xml"});
    event.setLoggerContext((LoggerContext) LoggerFactory.getILoggerFactory());

    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

    assertFalse(line.contains("s3cr"), line);
    assertTrue(line.contains("url=https://reader:***@feeds.example.com/private.xml"), line);
    assertTrue(line.contains("HTTP 401 from https://reader:***@feeds.example.com/private.xml"), line);
  }
}
