"""Who may write what (docs/SYNC.md "Ownership"). The owner site is authoritative;
others may write only the fields the rules give them. Checked for every row of
every package; a refused row is reported, never applied."""

from __future__ import annotations

from zsdesk.seed import SEED_SITE_ID

CITY_ONLY = {"industries", "targets", "scoring_rules", "settings", "referrals", "alerts"}
CITY_MAINTAINS = {"units", "staff"}                     # a county keeps its own; the city may edit any
PROJECT_CHILDREN = {"project_stages", "capital_arrivals", "problems"}
# what the partner county of a shared project (飞地) adds on its side; the stages
# are the owner's (a stage row goes with a change of the project's own stage)
PARTNER_CHILDREN = {"capital_arrivals", "problems"}
SHARED_PROJECT_FIELDS = {"notes", "jobs", "expected_output", "expected_tax", "land_mu"}
CITY_REVIEW_FIELDS = {"step", "step_date", "comment"}
# A site's identity: set once, when the site is made (its keys are enrolled from its
# first package or the setup file, never from a record). No package may change them,
# nor remove a site's row.
SITE_IDENTITY = frozenset({"role", "public_key", "box_key", "fingerprint", "deleted"})


class Context:
    """What the rules need to know about sites and shared projects."""

    # None values: what an incoming entry left out (a row without its owner), as if unknown
    def __init__(self, roles: dict[str, str | None], partners: dict[str, set[str]],
                 parents: dict[tuple[str, str], str | None],
                 keys: dict[str, tuple[str, str, str | None]] | None = None):
        self.roles = roles          # site id -> county / city (from enrolment)
        self.partners = partners    # project id -> sites sharing it (飞出地/飞入地)
        self.parents = parents      # (table, row id) -> owner site of the row
        self.keys = keys or {}      # site id -> (sign key, box key, fingerprint) enrolled here


def check(ctx: Context, *, origin: str, table: str, op: str, owner: str | None, fields,
          data: dict | None = None, row_id: str | None = None, written: dict | None = None) -> str | None:
    """None when ``origin`` may make this write, else the reason it may not.
    ``data``: the row's values (the entry's over what is held), ``written``: the
    entry's own values (``fields`` are their names), ``row_id``: the record's id."""
    role = ctx.roles.get(origin)
    if origin == SEED_SITE_ID:
        return None if op == "I" and owner == SEED_SITE_ID else "内置目录只能新增"
    if table == "sites" and op != "I" and SITE_IDENTITY.intersection(fields):
        return "站点的角色和密钥不能通过同步修改或删除"
    if op != "I" and "owner_site_id" in fields:
        return "记录的所属站点不能修改"
    if role is None:
        return "来自未登记站点的修改"
    if owner is None:
        return "记录不存在（尚未收到该记录）"
    if op == "I":
        if owner != origin:
            return "不能以其他站点的名义创建记录"
        if table in CITY_ONLY and role != "city":
            return "参考数据只能由市级创建"
        if table == "sites":
            reason = _site_row(ctx, origin, role, row_id, written if written is not None else data)
            if reason:
                return reason
        if table in PROJECT_CHILDREN:
            return _project_write(ctx, origin, role, table, data.get("project_id") if data else None)
        if table == "review_steps" and role != "city":
            review_id = data.get("review_id") if data else None
            parent = ctx.parents.get(("reviews", review_id)) if review_id else None
            if parent != origin:
                return "不能为其他站点的预审添加步骤"
        return None
    # updates and tombstones
    if owner == origin:
        return None
    if owner == SEED_SITE_ID:
        return None if role == "city" else "内置目录只能由市级修改"
    fields = set(fields)
    if role == "city":
        if table in CITY_ONLY or table in CITY_MAINTAINS:
            return None
        if table == "reviews" and fields <= CITY_REVIEW_FIELDS:
            return None
    if table == "projects" and origin in ctx.partners.get((data.get("_row_id") if data else None) or "", ()) \
            and fields <= SHARED_PROJECT_FIELDS:
        return None
    if table in CITY_ONLY:
        return "参考数据只能由市级修改"
    return "不能修改其他站点的记录"


def _site_row(ctx: Context, origin: str, role: str, row_id: str | None, values: dict | None) -> str | None:
    """A ``sites`` row comes from the site it describes, with the role and — where
    this site enrolled it — the keys it was enrolled with."""
    values = values or {}
    if row_id is not None and row_id != origin:
        return "站点记录只能由该站点自己创建"
    if values.get("role") != role:
        return "站点角色与登记不符"
    enrolled = ctx.keys.get(origin)
    if enrolled is not None:
        sign_key, box_key, fp = enrolled
        if values.get("public_key") != sign_key or values.get("box_key") != box_key \
                or values.get("fingerprint") not in (None, fp):
            return "站点密钥与登记不符"
    return None


def _project_write(ctx: Context, origin: str, role: str, table: str, project_id: str | None) -> str | None:
    owner = ctx.parents.get(("projects", project_id)) if project_id is not None else None
    if owner is None or project_id is None:
        return "所属项目不存在"
    if owner == origin or role == "city":
        return None
    if origin in ctx.partners.get(project_id, ()) and table in PARTNER_CHILDREN:
        return None
    return "不能为其他站点的项目添加记录"
