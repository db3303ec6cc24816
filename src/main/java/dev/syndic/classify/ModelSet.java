package dev.syndic.classify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every category's trained model, as stored (JSON) and loaded by every instance.
 *
 * @param format {@value #FORMAT} for the current model kind; a stored set of another format (the
 *     naive Bayes models of earlier versions have none) is not used: {@link #usable()} is false and
 *     the admin retrains
 */
@Serdeable
public record ModelSet(@Nullable Integer format, List<CategoryModel> categories) {

  public static final int FORMAT = 2;

  public ModelSet {
    categories = categories == null ? List.of() : List.copyOf(categories);
  }

  public ModelSet(List<CategoryModel> categories) {
    this(FORMAT, categories);
  }

  public static ModelSet empty() {
    return new ModelSet(List.of());
  }

  public boolean usable() {
    return format != null && format == FORMAT;
  }

  public Optional<CategoryModel> of(String slug) {
    return Optional.ofNullable(bySlug().get(slug));
  }

  Map<String, CategoryModel> bySlug() {
    return categories.stream().collect(Collectors.toMap(CategoryModel::slug, Function.identity(), (a, b) -> a));
  }
}
