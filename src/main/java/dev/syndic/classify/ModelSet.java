package dev.syndic.classify;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every category's trained model, as stored (JSON) and loaded by every instance. */
@Serdeable
public record ModelSet(List<CategoryModel> categories) {

  public ModelSet {
    categories = List.copyOf(categories);
  }

  public static ModelSet empty() {
    return new ModelSet(List.of());
  }

  public Optional<CategoryModel> of(String slug) {
    return Optional.ofNullable(bySlug().get(slug));
  }

  Map<String, CategoryModel> bySlug() {
    return categories.stream().collect(Collectors.toMap(CategoryModel::slug, Function.identity(), (a, b) -> a));
  }
}
