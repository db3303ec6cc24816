/**
 * Sources: the feeds Syndic polls, their schedule state and their fetch history, stored in
 * PostgreSQL through Micronaut Data JDBC. No HTTP, no parsing.
 */
package dev.syndic.source;
