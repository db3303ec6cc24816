package dev.syndic.api;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads an integer field of a request body as JSON wrote it: a number without a fraction. The
 * default reader turns {@code 1.5} into 1, {@code true} into 1 and {@code "60"} into 60, so a
 * client's mistake would be stored as something it did not ask for; this one refuses them, and
 * the answer names the field and the value.
 */
final class WholeNumber {

  private WholeNumber() {}

  /** For {@code Integer} fields. */
  @Singleton
  static final class AsInt implements Deserializer<Integer> {
    @Override
    public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
      return (int) read(decoder, type.getName(), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
  }

  /** For {@code Long} fields. */
  @Singleton
  static final class AsLong implements Deserializer<Long> {
    @Override
    public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
      return read(decoder, type.getName(), Long.MIN_VALUE, Long.MAX_VALUE);
    }
  }

  private static long read(Decoder decoder, String field, long min, long max) throws IOException {
    Object value = decoder.decodeArbitrary();
    if (!(value instanceof Number n)) {
      String shown = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
      throw decoder.createDeserializationException(field + ": must be a whole number (a JSON number), was " + shown, value);
    }
    BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
    if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
      throw decoder.createDeserializationException(field + ": must be a whole number, was " + n, value);
    }
    if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw decoder.createDeserializationException(field + ": must be between " + min + " and " + max + ", was " + n, value);
    }
    return d.longValueExact();
  }
}
