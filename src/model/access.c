/* access.c - who may do what (the rules are listed in access.h): the
 * acting login's display name and administrator role, the access check
 * every plan read and change passes, plan members and roles (changed by
 * the stafettholder, audited), and reading the read log. */
#include "trapp/access.h"
#include "trapp/db.h"
#include "trapp/db_access.h"
#include "trapp/db_plan.h"
#include "trapp/ident.h"
#include "trapp/text.h"
#include "plan_internal.h"

#include <stdlib.h>
#include <string.h>

int access_file_shared(struct db *db) { return db_file_shared(db); }

char *access_display_name(struct db *db, const char *login)
{
	char *name;
	int admin;
	if (db_user_get(db, login, &name, &admin) == 0 && !str_empty(name))
		return name;
	free(name);
	return xstrdup(login);
}

int access_is_admin(struct db *db, const char *login)
{
	char *name;
	int admin;
	int rc = db_user_get(db, login, &name, &admin);
	free(name);
	return rc < 0 ? -1 : rc == 0 && admin;
}

int access_need_admin(struct db *db, enum plan_admin_task task, struct strbuf *err)
{
	planc_refusal_clear();  /* no earlier reason lingers */
	int a = access_is_admin(db, ident_login());
	if (a < 0) {
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	if (!a) {
		struct plan_refusal *r = planc_refusal(err, PR_ADMIN_ONLY);
		r->task = task;
		PLANC_SET(r->me, ident_login());
		return PLAN_REFUSED;
	}
	return PLAN_OK;
}

int access_set_name(struct db *db, const char *name, struct strbuf *err)
{
	planc_refusal_clear();
	char *n = str_trim(xstrdup(name ? name : ""));
	int rc = PLAN_OK;
	if (!*n || !utf8_valid(n, strlen(n))) {
		planc_refusal(err, *n ? PR_TEXT_UTF8 : PR_TEXT_MISSING)->field = PRF_DISPLAY_NAME;
		rc = PLAN_REFUSED;
	}
	else if (db_user_set_name(db, ident_login(), n) != 0)
		rc = PLAN_FAIL, sb_puts(err, db_error(db));
	free(n);
	return rc;
}

int access_set_admin(struct db *db, const char *login, int admin, struct strbuf *err)
{
	planc_refusal_clear();
	if (!ident_login_valid(login)) {
		planc_refusal(err, PR_BAD_LOGIN)->field = PRF_LOGIN;
		return PLAN_REFUSED;
	}
	if (db_begin(db) != 0) {
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	int rc = access_need_admin(db, PRT_ADMIN_ROLE, err);
	if (rc == PLAN_OK && !admin && access_is_admin(db, login) == 1 && db_admin_count(db) == 1) {
		PLANC_SET(planc_refusal(err, PR_LAST_ADMIN)->login, login);
		rc = PLAN_REFUSED;
	}
	if (rc == PLAN_OK && db_user_set_admin(db, login, admin) != 0)
		rc = PLAN_FAIL;
	if (rc == PLAN_OK && db_commit(db) != 0)
		rc = PLAN_FAIL;
	if (rc == PLAN_FAIL && !err->len) {
		planc_refusal_clear();
		sb_puts(err, db_error(db));
	}
	if (rc != PLAN_OK)
		db_rollback(db);
	return rc;
}

struct users_ctx {
	struct access_user *v;
	size_t n;
};

static int user_row(void *ctx, const char *login, const char *name, int admin)
{
	struct users_ctx *u = ctx;
	u->v = xrealloc(u->v, (u->n + 1) * sizeof *u->v);
	u->v[u->n++] = (struct access_user){xstrdup(login ? login : ""), xstrdup(name ? name : ""), admin};
	return 0;
}

int access_users(struct db *db, struct access_user **out, size_t *n, struct strbuf *err)
{
	*out = NULL;
	*n = 0;
	int rc = access_need_admin(db, PRT_USERS, err);
	if (rc != PLAN_OK)
		return rc;
	struct users_ctx u = {0};
	if (db_user_list(db, user_row, &u) != 0) {
		access_users_free(u.v, u.n);
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	*out = u.v;
	*n = u.n;
	return PLAN_OK;
}

void access_users_free(struct access_user *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(u[i].login);
		free(u[i].name);
	}
	free(u);
}

/* --- roles ----------------------------------------------------------------- */

const struct plan_member *plan_member_find(const struct plan *p, const char *login)
{
	for (size_t i = 0; i < p->n_members; i++)
		if (strcmp(p->members[i].login, login) == 0)
			return &p->members[i];
	return NULL;
}

int plan_role_of(const struct plan *p, const char *login)
{
	const struct plan_member *m = plan_member_find(p, login);
	if (m)
		return (int)m->role;
	const struct plan_holder *pending = plan_proposed(p);
	return pending && strcmp(pending->login, login) == 0 ? ROLE_READER : -1;
}

static int no_access(struct db *db, long id, int exists, struct strbuf *err)
{
	int admin = access_is_admin(db, ident_login());
	if (admin < 0) {
		sb_reset(err);
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	if (admin && !exists)
		return planc_refuse(err, PR_NO_PLAN, id);
	if (admin) {
		planc_refuse(err, PR_ADMIN_NOT_MEMBER, id);
		return PLAN_DENIED;
	}
	return planc_refuse(err, PR_NO_ACCESS, id);
}

int access_check(struct db *db, long id, const struct plan *p, int need, struct strbuf *err)
{
	planc_refusal_clear();  /* no earlier reason lingers */
	if (!p || p->erased[0])
		return no_access(db, id, p != NULL, err);
	const char *me = ident_login();
	int role = plan_role_of(p, me);
	const struct plan_holder *pending = plan_proposed(p);
	if (need == NEED_ACCEPT && pending && strcmp(pending->login, me) == 0)
		return PLAN_OK;
	if (need == NEED_RETENTION && role != ROLE_HOLDER) {
		int admin = access_is_admin(db, me);
		if (admin == 1)
			return PLAN_OK;
		if (admin < 0) {
			sb_puts(err, db_error(db));
			return PLAN_FAIL;
		}
	}
	if (role < 0)
		return no_access(db, id, 1, err);
	enum plan_refusal_code code;
	switch (need) {
	case NEED_READ:
		return PLAN_OK;
	case NEED_WRITE:
		if (role == ROLE_HOLDER || role == ROLE_ACTOR)
			return PLAN_OK;
		code = PR_READ_ONLY;
		break;
	case NEED_LOG:
		if (role == ROLE_HOLDER || role == ROLE_LEADER)
			return PLAN_OK;
		code = PR_LOG_ONLY;
		break;
	case NEED_ACCEPT:
		if (!pending)
			return PLAN_OK;  /* the change itself says there is nothing to accept */
		code = PR_ACCEPT_OTHER;
		break;
	default:
		if (role == ROLE_HOLDER)
			return PLAN_OK;
		code = PR_HOLDER_ONLY;
	}
	struct plan_refusal *r = planc_refusal(err, code);
	r->plan = id;
	r->role = role;
	PLANC_SET(r->me, me);
	if (pending)
		PLANC_SET(r->login, pending->login);
	return PLAN_REFUSED;
}

/* --- members ------------------------------------------------------------------ */

struct member_arg {
	const char *login, *service;
	int role;
};

static int do_member(struct change *c, const void *arg)
{
	const struct member_arg *in = arg;
	struct plan *p = c->p;
	if (!ident_login_valid(in->login)) {
		planc_refusal(c->err, PR_BAD_LOGIN)->field = PRF_LOGIN;
		return PLAN_REFUSED;
	}
	if (in->role < 0 || in->role >= plan_vocab_count(VOCAB_ROLE) || in->role == ROLE_HOLDER)
		return planc_refuse(c->err, PR_BAD_ROLE, p->id);
	const char *service = "";
	if (in->role == ROLE_ACTOR) {
		for (size_t i = 0; i < p->n_services && !*service; i++)
			if (str_eq(p->services[i].slug, in->service))
				service = p->services[i].slug;
		if (!*service)
			return planc_refuse(c->err, PR_ACTOR_SERVICE, p->id);
	}
	const struct plan_member *m = plan_member_find(p, in->login);
	if (m && (m->role == ROLE_HOLDER || ((int)m->role == in->role && strcmp(m->service, service) == 0))) {
		struct plan_refusal *r = planc_refusal(c->err, m->role == ROLE_HOLDER ? PR_MEMBER_IS_HOLDER
											: PR_ALREADY_MEMBER);
		r->plan = p->id;
		r->role = in->role;
		PLANC_SET(r->login, in->login);
		return PLAN_REFUSED;
	}
	const char *code = plan_code(VOCAB_ROLE, in->role);
	sb_printf(&c->what, "medlem %s: %s%s%s%s", in->login, m ? plan_label(VOCAB_ROLE, (int)m->role) : "",
		  m ? " → " : "", plan_label(VOCAB_ROLE, in->role), "");
	if (*service)
		sb_printf(&c->what, " (%s)", service);
	return planc_stored(c, m ? db_member_set(c->db, p->id, in->login, code, service)
				 : db_member_add(c->db, p->id, in->login, code, service, c->today));
}

int plan_add_member(struct db *db, long id, const char *login, enum plan_role role, const char *service,
		    struct strbuf *err)
{
	struct member_arg a = {login, service, (int)role};
	return planc_change(db, id, NEED_HOLDER, "medlem", do_member, &a, err);
}

static int do_remove_member(struct change *c, const void *arg)
{
	const char *login = arg;
	const struct plan_member *m = plan_member_find(c->p, login);
	if (!m) {
		PLANC_SET(planc_refusal(c->err, PR_NOT_MEMBER)->login, login);
		planc_refusal_last()->plan = c->p->id;
		return PLAN_REFUSED;
	}
	if (m->role == ROLE_HOLDER)
		return planc_refuse(c->err, PR_REMOVE_HOLDER, c->p->id);
	sb_printf(&c->what, "medlem %s fjernet (%s)", login, plan_label(VOCAB_ROLE, (int)m->role));
	return planc_stored(c, db_member_remove(c->db, c->p->id, login));
}

int plan_remove_member(struct db *db, long id, const char *login, struct strbuf *err)
{
	return planc_change(db, id, NEED_HOLDER, "medlem-ut", do_remove_member, login ? login : "", err);
}

/* --- the read log ------------------------------------------------------------- */

struct log_ctx {
	struct plan_access_entry *v;
	size_t n;
};

static int log_row(void *ctx, const struct db_chain_row *r)
{
	struct log_ctx *l = ctx;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	int how = plan_parse(VOCAB_ACCESS, r->action);
	l->v[l->n++] = (struct plan_access_entry){xstrdup(r->at ? r->at : ""), xstrdup(r->who ? r->who : ""),
						  (enum plan_access_how)(how < 0 ? 0 : how)};
	return 0;
}

static int access_log(struct db *db, long id, const struct plan *p, struct plan_access_entry **out, size_t *n,
		      struct strbuf *err);

int plan_access_log(struct db *db, long id, struct plan_access_entry **out, size_t *n, struct strbuf *err)
{
	*out = NULL;
	*n = 0;
	struct plan p;
	int rc = db_plan_load(db, id, &p);
	if (rc < 0) {
		sb_puts(err, db_error(db));
		plan_free(&p);
		return PLAN_FAIL;
	}
	rc = access_log(db, id, rc == 1 ? NULL : &p, out, n, err);
	plan_free(&p);
	return rc;
}

int plan_access_log_of(struct db *db, const struct plan *p, struct plan_access_entry **out, size_t *n,
		       struct strbuf *err)
{
	return access_log(db, p->id, p, out, n, err);
}

/* The read log of plan id, when p (NULL: not found) lets the login see it. */
static int access_log(struct db *db, long id, const struct plan *p, struct plan_access_entry **out, size_t *n,
		      struct strbuf *err)
{
	*out = NULL;
	*n = 0;
	int rc = access_check(db, id, p, NEED_LOG, err);
	if (rc != PLAN_OK)
		return rc;
	struct log_ctx l = {0};
	if (db_chain_walk(db, DB_CHAIN_ACCESS, id, log_row, &l) < 0) {
		plan_access_log_free(l.v, l.n);
		sb_puts(err, db_error(db));
		return PLAN_FAIL;
	}
	*out = l.v;
	*n = l.n;
	return PLAN_OK;
}

void plan_access_log_free(struct plan_access_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].at);
		free(e[i].who);
	}
	free(e);
}
