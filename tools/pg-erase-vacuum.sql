-- pg-erase-vacuum.sql - run by the trapp database's owner (or a superuser)
-- after plans are deleted (`trapp plan delete`, the retention run): rewrites
-- every plan table so that the deleted plans' old row versions, which still
-- hold the child's name and the plan's text until then, are gone from the
-- table files. A plain VACUUM (and autovacuum) only marks that space free:
-- the bytes stay in the file until something overwrites them.
-- VACUUM FULL locks each table while it is rewritten (seconds for 100 000
-- plans): schedule it at night (docs/DEPLOY.md, "Erasure on the server").
-- The write-ahead log and the backups keep the old rows until they expire.
VACUUM (FULL, ANALYZE) plan, plan_level, plan_concern, plan_holder, plan_consent, plan_consent_scope,
	plan_service, plan_person, plan_goal, plan_step, plan_meeting, plan_meeting_step, plan_need,
	plan_member, plan_correction, plan_audit, plan_access;
