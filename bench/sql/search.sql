-- The peer of `trapp services --kommune :kommune --search :word`: names,
-- descriptions and target groups containing the word (SQLite's LIKE folds
-- ASCII only: trapp also folds æ, ø, å and accents).
SELECT s.slug, s.name FROM service s JOIN kommune k ON k.id = s.kommune_id
WHERE k.code = :kommune AND (s.name LIKE '%' || :word || '%' OR s.description LIKE '%' || :word || '%'
  OR s.target_group LIKE '%' || :word || '%') ORDER BY s.name;
