/**
 * Deciding an entry's categories. Pure; knows nothing of SQL or HTTP.
 *
 * <p>Keyword rules ({@link dev.syndic.classify.RuleClassifier}): weighted terms and phrases
 * (substrings for Chinese, whole words for Latin script), negative terms, regular expressions and
 * the feed's own tags; a term counts double in the title and half when first seen past the lead of
 * a long body; all terms of all categories matched in one pass with an Aho-Corasick automaton
 * ({@link dev.syndic.classify.TermAutomaton}). A category is assigned when its score reaches its threshold, unless
 * another category scored at least twice as many thresholds: the shipped categories compete, so a
 * games story that mentions a fan or a farm story that mentions a film is not filed twice. A
 * category another one outscores must also stand on its own (a positive title match, a feed tag,
 * or twice its threshold): a fashion article that names stars in passing is not entertainment.
 * Where a term counts ({@link dev.syndic.classify.TermPlaces}: not inside a spelt-out web or e-mail
 * address; Latin terms as whole words, numbers not inside longer numbers) and how an admin's
 * expression is compiled and vetted before it is saved ({@link dev.syndic.classify.RuleExpressions}:
 * time, stack depth, the empty match) are kept apart from the scoring.
 *
 * <p>A learned model ({@link dev.syndic.classify.ModelTrainer}): one L2-regularized logistic
 * regression per category ({@link dev.syndic.classify.LogisticRegression}) over the entry's
 * character unigrams and bigrams (Chinese) and words and word pairs (Latin script), title and body
 * apart, as a unit vector, plus each category's rule score in thresholds ({@link
 * dev.syndic.classify.EntryFeatures}). Trained one-vs-rest from admins' examples; another
 * category's positives are this one's negatives; classes balanced by example weights.
 * Cross-validation (5 folds) picks the regularization, the decision cut and the mode.
 *
 * <p>The decision ({@link dev.syndic.classify.CategoryPolicy}), per category: without a model, or
 * when the model did not beat the rules in cross-validation by more than chance (each fold decided
 * with a cut chosen on the other folds; McNemar's test on the examples where they disagree, see
 * {@link dev.syndic.classify.CutSearch}), the rules decide; when it did, either the model adds what
 * the rules miss ("rules or model"), or, with at least 30 positive examples and a better
 * cross-validated F1 still, the model decides alone, having learned from the rule-score features
 * how far to trust each category's rules. Negative rule terms veto the model;
 * an admin's decision is above all of it; the source's default category comes last.
 *
 * <p>The model is written here, not taken from a library: the logistic regression is about 100
 * lines, and the models must serialize to JSON for PostgreSQL so that every instance uses the same
 * one. So is {@link dev.syndic.RequiredLiterals}, which reads off a rule's regular
 * expression the literals a text must hold for it to match, so that the expression runs only on
 * such texts: the JDK keeps {@code Pattern}'s parse tree private, and the engines that compute such
 * prefilters (RE2/J, joni) have another syntax than the {@code java.util.regex} rules admins write.
 * And so is the Aho-Corasick automaton: the one library at hand ({@code org.ahocorasick}) keeps a
 * map of boxed characters per state and a list of match objects per text, and was a quarter of
 * the cost of categorizing an entry; the automaton here is primitive arrays and one callback.
 */
package dev.syndic.classify;
