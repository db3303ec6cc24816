-- Schema v32: stored source addresses written one way, as the admin API writes new ones since
-- this version (WebLinks.sameAddress): scheme and host in lower case, no default port, "/" for an
-- empty path, no fragment. Without it, adding "https://example.com/feed" beside a stored
-- "https://Example.com:443/feed" made a second source of the same feed, and sending a stored
-- address back unchanged in a PATCH counted as a move. An address whose normal form another
-- source already has is left as it is (the two were one feed polled twice before, and still are;
-- an admin deletes one). One pass over source; the few rows it changes are rewritten.
WITH parts AS (
    SELECT id,
           lower(substring(url FROM '^([A-Za-z][A-Za-z0-9+.-]*)://')) AS scheme,
           substring(url FROM '^[A-Za-z][A-Za-z0-9+.-]*://(([^/?#@]*@)?)') AS userinfo,
           lower(substring(url FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#]*)')) AS hostport,
           substring(url FROM '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*([^#]*)') AS rest
    FROM source
    WHERE url ~* '^https?://'),
normal AS (
    SELECT id,
           scheme || '://' || userinfo
               || CASE WHEN (scheme = 'https' AND hostport LIKE '%:443') OR (scheme = 'http' AND hostport LIKE '%:80')
                       THEN regexp_replace(hostport, ':[0-9]+$', '') ELSE hostport END
               || CASE WHEN rest = '' OR rest LIKE '?%' THEN '/' || rest ELSE rest END AS url
    FROM parts),
unique_normal AS (
    SELECT id, url FROM (SELECT id, url, count(*) OVER (PARTITION BY url) AS sharing FROM normal) c
    WHERE sharing = 1)
UPDATE source s SET url = u.url
FROM unique_normal u
WHERE s.id = u.id AND s.url <> u.url
  AND NOT EXISTS (SELECT 1 FROM source o WHERE o.url = u.url);
