package dev.syndic.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * Points the default datasource at the embedded server before Micronaut validates and uses its
 * configuration, so no URL is needed in the configuration files.
 */
@Singleton
@Requires(property = "syndic.embedded-postgres.enabled", notEquals = "false")
final class EmbeddedDatasourceBinder implements BeanInitializedEventListener<DatasourceConfiguration> {

  private final Provider<EmbeddedDatabase> database;

  EmbeddedDatasourceBinder(Provider<EmbeddedDatabase> database) {
    this.database = database;
  }

  @Override
  public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
    DatasourceConfiguration configuration = event.getBean();
    if ("default".equals(configuration.getName())) {
      configuration.setUrl(database.get().jdbcUrl());
      configuration.setUsername("postgres");
      configuration.setPassword("");
    }
    return configuration;
  }
}
