package dev.syndic.api;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.math.BigDecimal;

/**
 * Reads the number and boolean fields of a request body as JSON wrote them. The default reader
 * turns {@code 1.5} into 1, {@code true} into 1, {@code "60"} into 60 and {@code "maybe"} into
 * false, so a client's mistake would be stored as something it did not ask for (an example
 * posted with {@code "positive": "yes"} became a negative one); these refuse them, and the answer
 * names the field and the value.
 */
final class JsonScalars {

  private JsonScalars() {}

  /** A {@code Boolean} field read by {@link AsBoolean}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Serdeable.Deserializable(using = AsBoolean.class)
  @interface Flag {}

  /**
   * An {@code Integer} field read by {@link AsInt}, refused outside {@code min..max}: give a field
   * its own bounds here, so that a number past an int's range is answered with them too (1e14
   * seconds was told "between -2147483648 and 2147483647", a range the field does not take).
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Serdeable.Deserializable(using = AsInt.class)
  @interface Int {
    int min() default Integer.MIN_VALUE;

    int max() default Integer.MAX_VALUE;
  }

  /**
   * A {@code Long} field that holds the id of {@link #of} (ids start at 1), read by {@link AsLong}:
   * a number out of range is told so in those words ("entryId: must be a positive entry id"), where
   * it was told a long's range, which means nothing to a person sending an id.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Serdeable.Deserializable(using = AsLong.class)
  @interface Id {
    /** What the id names, as the message says it: "entry". */
    String of();
  }

  /** A {@code Double} field read by {@link AsDouble}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Serdeable.Deserializable(using = AsDouble.class)
  @interface Decimal {}

  /** For {@code Double} fields: any JSON number. */
  @Singleton
  static final class AsDouble implements Deserializer<Double> {
    @Override
    public Double deserialize(Decoder decoder, DecoderContext context, Argument<? super Double> type) throws IOException {
      Object value = decoder.decodeArbitrary();
      if (value instanceof Number n) {
        return n.doubleValue();
      }
      throw decoder.createDeserializationException(type.getName() + ": must be a number, was " + shown(value), value);
    }
  }

  /** For {@code Boolean} fields: {@code true} or {@code false}. */
  @Singleton
  static final class AsBoolean implements Deserializer<Boolean> {
    @Override
    public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
      Object value = decoder.decodeArbitrary();
      if (value instanceof Boolean b) {
        return b;
      }
      throw decoder.createDeserializationException(type.getName() + ": must be true or false, was " + shown(value), value);
    }
  }

  /** For {@code Integer} fields, within the bounds their {@link Int} names. */
  @Singleton
  static final class AsInt implements Deserializer<Integer> {
    @Override
    public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
      int min = type.getAnnotationMetadata().intValue(Int.class, "min").orElse(Integer.MIN_VALUE);
      int max = type.getAnnotationMetadata().intValue(Int.class, "max").orElse(Integer.MAX_VALUE);
      return (int) read(decoder, type.getName(), min, max, "must be between " + min + " and " + max);
    }
  }

  /** For {@code Long} id fields: from 1 to a long's largest. */
  @Singleton
  static final class AsLong implements Deserializer<Long> {
    @Override
    public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
      String of = type.getAnnotationMetadata().stringValue(Id.class, "of").orElse("record");
      return read(decoder, type.getName(), 1, Long.MAX_VALUE, "must be a positive " + of + " id");
    }
  }

  /** {@code outOfRange}: what the field takes, said when the number is not from {@code min} to {@code max}. */
  private static long read(Decoder decoder, String field, long min, long max, String outOfRange) throws IOException {
    Object value = decoder.decodeArbitrary();
    if (!(value instanceof Number n)) {
      throw decoder.createDeserializationException(field + ": must be a whole number (a JSON number), was " + shown(value), value);
    }
    // 1e400 is read as an infinite double, which no BigDecimal holds: the answer was "Character I is
    // neither a decimal digit number, decimal point, nor "e" notation exponential mark".
    if (n instanceof Double x && x.isInfinite()) {
      throw decoder.createDeserializationException(field + ": " + outOfRange + ", was " + n, value);
    }
    BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
    if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
      throw decoder.createDeserializationException(field + ": must be a whole number, was " + n, value);
    }
    if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw decoder.createDeserializationException(field + ": " + outOfRange + ", was " + n, value);
    }
    return d.longValueExact();
  }

  private static String shown(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}
