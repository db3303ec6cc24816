-- Schema v23: an example posted for an entry now holds for that entry and category (a negative
-- one takes the category off, a positive one assigns it with origin admin). Examples posted
-- before this version are applied here once, as they would have been when posted.
DELETE FROM entry_category ec USING category_example ce
WHERE ce.entry_id = ec.entry_id AND ce.category_id = ec.category_id AND NOT ce.positive;
INSERT INTO entry_category (entry_id, category_id, origin, score, evidence)
SELECT ce.entry_id, ce.category_id, 'admin', 1.0, '["example posted by an admin"]'::jsonb
FROM category_example ce WHERE ce.positive
ON CONFLICT (entry_id, category_id) DO UPDATE SET origin = 'admin', score = 1.0, evidence = EXCLUDED.evidence;
