package dev.syndic.classify;

/** A category's slug, its rules and the score an entry needs to be assigned to it. */
public record CategoryDefinition(String slug, double threshold, CategoryRules rules) {}
