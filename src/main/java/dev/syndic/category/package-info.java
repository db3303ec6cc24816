/**
 * Categories as data: stored in PostgreSQL with their rules (JSON), seeded from {@code
 * feeds/categories.yml}, and compiled into a {@link dev.syndic.classify.RuleClassifier} that is
 * rebuilt when they change. No HTTP.
 */
package dev.syndic.category;
