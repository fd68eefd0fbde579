-- The peer of `trapp services --kommune :kommune --format tsv`: the
-- catalogue's services with level codes, age text and ranges, target,
-- need codes and responsible unit, by name.
SELECT s.slug, s.name,
  (SELECT group_concat(l.code, ';') FROM service_level sl JOIN level l ON l.id = sl.level_id
   WHERE sl.service_id = s.id),
  s.age_text,
  (SELECT group_concat(a.lo || '-' || a.hi, ';') FROM service_age a WHERE a.service_id = s.id),
  s.age_basis, s.target,
  (SELECT group_concat(n.code, ';') FROM service_need sn JOIN need n ON n.id = sn.need_id
   WHERE sn.service_id = s.id),
  s.responsible
FROM service s JOIN kommune k ON k.id = s.kommune_id WHERE k.code = :kommune ORDER BY s.name;
