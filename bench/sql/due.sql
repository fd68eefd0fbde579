-- The peer of `trapp due --format tsv`: open steps and pending evaluations
-- of every open plan, overdue first, then by date (parameter :today).
SELECT date, date < :today, plan, child, kind, step, what, who FROM (
  SELECT s.due AS date, p.id AS plan, p.child, 'frist' AS kind, s.no AS step, s.what, s.who, 0 AS ev
  FROM plan p JOIN plan_step s ON s.plan_id = p.id
  WHERE p.closed IS NULL AND s.status IN ('planlagt', 'pagar')
  UNION ALL
  SELECT s.evaluate, p.id, p.child, 'evaluering', s.no, s.what, s.who, 1
  FROM plan p JOIN plan_step s ON s.plan_id = p.id
  WHERE p.closed IS NULL AND s.evaluate IS NOT NULL AND s.evaluation = '' AND s.status <> 'avbrutt')
ORDER BY date < :today DESC, date, plan, step, ev;
