-- The peer of `trapp plan list --format tsv`: every plan, open first, with
-- its current stafettholder and next date (age and status text aside).
SELECT p.id, p.child, p.born, p.level,
  (SELECT h.name FROM plan_holder h WHERE h.plan_id = p.id AND h.state = 'akseptert'
   ORDER BY h.id DESC LIMIT 1),
  min(coalesce((SELECT min(s.due) FROM plan_step s WHERE s.plan_id = p.id
                AND s.status IN ('planlagt', 'pagar')), '9999'),
      coalesce((SELECT min(s.evaluate) FROM plan_step s WHERE s.plan_id = p.id
                AND s.evaluate IS NOT NULL AND s.evaluation = '' AND s.status <> 'avbrutt'), '9999')),
  p.closed, p.close_reason, p.unit
FROM plan p ORDER BY p.closed IS NOT NULL, p.id;
