-- Schema v33: disclaimer templates of deleted sources and categories are deleted with them (by
-- EntryRemoval and CategoryStore: the key is a source id or a slug as text, so no foreign key
-- takes them). Those left behind before are deleted here: a category created again under the
-- same slug would otherwise take the old one's disclaimer.
DELETE FROM disclaimer d
WHERE (d.scope = 'source' AND NOT EXISTS (SELECT 1 FROM source s WHERE s.id::text = d.scope_key))
   OR (d.scope = 'category' AND NOT EXISTS (SELECT 1 FROM category c WHERE c.slug = d.scope_key));
