-- The peer of `trapp plan show :id`: the same fourteen queries trapp runs
-- to read one whole plan.
SELECT child, born, unit, kommune, level, created, closed, close_reason FROM plan WHERE id = :id;
SELECT date, from_level, to_level, why FROM plan_level WHERE plan_id = :id ORDER BY id;
SELECT date, text, noticed_by FROM plan_concern WHERE plan_id = :id ORDER BY date, id;
SELECT id, name, service, proposed, accepted, state FROM plan_holder WHERE plan_id = :id ORDER BY id;
SELECT id, kind, given_by, date, expires, withdrawn FROM plan_consent WHERE plan_id = :id ORDER BY date, id;
SELECT s.consent_id, s.slug, s.name FROM plan_consent_scope s JOIN plan_consent c ON c.id = s.consent_id
  WHERE c.plan_id = :id ORDER BY s.id;
SELECT slug, name, role, added FROM plan_service WHERE plan_id = :id ORDER BY id;
SELECT name, role, contact, added FROM plan_person WHERE plan_id = :id ORDER BY id;
SELECT no, text, status, created FROM plan_goal WHERE plan_id = :id ORDER BY no;
SELECT no, what, who, service_slug, service_name, due, evaluate, status, evaluation, created
  FROM plan_step WHERE plan_id = :id ORDER BY no;
SELECT id, no, date, attended, notes FROM plan_meeting WHERE plan_id = :id ORDER BY no;
SELECT ms.meeting_id, s.no FROM plan_meeting_step ms JOIN plan_step s ON s.id = ms.step_id
  JOIN plan_meeting m ON m.id = ms.meeting_id WHERE m.plan_id = :id ORDER BY s.no;
SELECT at, who, what FROM plan_audit WHERE plan_id = :id ORDER BY id;
SELECT pn.need FROM plan_need pn JOIN need n ON n.code = pn.need WHERE pn.plan_id = :id ORDER BY n.id;
