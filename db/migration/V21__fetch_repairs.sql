-- Schema v21: what a fetch's document needed repaired before it could be read (a prolog after
-- blank lines, unescaped "&", stray bytes in a multi-byte charset...), so an admin sees which
-- feeds are read only thanks to repairs. Null when none were needed.
ALTER TABLE fetch_log ADD COLUMN repairs TEXT;
