-- The peer of `trapp kommuner --format tsv`: every kommune with its level
-- model and number of services.
SELECT k.code, k.name, m.code, (SELECT count(*) FROM service s WHERE s.kommune_id = k.id),
  k.historical, k.source
FROM kommune k JOIN level_model m ON m.id = k.model_id ORDER BY k.historical, k.name;
