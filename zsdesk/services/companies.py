"""客商库: companies, their contacts, and the duplicate check."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import or_, select

from zsdesk import numbers
from zsdesk.db.models import Company, CompanyContact, Industry
from zsdesk.domain import COMPANY_TAGS
from zsdesk.errors import RefusedError, ValidationError
from zsdesk.names import duplicate_check_name
from zsdesk.services.base import Checker, RecordService
from zsdesk.validation import require_text, validate_usci

FUZZY_THRESHOLD = 85  # rapidfuzz ratio on normalised names
SHORT_NAME_SCORE = 90.0  # a short name (简称) inside the full one


#: words of a trade, not of a firm: a short name made of these alone (新材料科技) is no short name
_TRADE_WORDS = re.compile("|".join(sorted((
    "科技", "技术", "新材料", "材料", "电子", "电气", "机械", "设备", "生物", "医药", "药业", "化工", "化学",
    "新能源", "能源", "智能", "制造", "实业", "贸易", "商贸", "投资", "发展", "信息", "网络", "软件", "工程",
    "建设", "环保", "环境", "食品", "纺织", "服装", "汽车", "光电", "精密", "装备", "新型", "工业", "产业",
    "国际", "物流", "电力", "光伏", "半导体", "数据", "数字", "健康", "医疗", "器械", "塑料", "金属", "钢铁",
    "船舶", "农业", "文化", "传媒", "咨询", "管理", "服务", "高新", "开发"), key=len, reverse=True)))


def _name_score(a: str, b: str, **_kwargs) -> float:
    """Similarity of two normalised names: rapidfuzz's ratio, or SHORT_NAME_SCORE
    when one is the short name of the other. 恒远新材料 is 83 against
    恒远新材料科技 (江苏恒远新材料科技有限公司) by ratio, yet the same firm (issue 12):
    the shorter counts when the longer starts with it (two characters and more:
    华为 in 华为技术) or holds it whole (four and more, so that a common word such
    as 新材料 alone does not), and when it has two characters besides the words of
    a trade (恒远 in 恒远新材料; 新材料科技 has none, so it is not a short name of
    恒远新材料科技)."""
    from rapidfuzz import fuzz

    score = fuzz.ratio(a, b)
    short, long = sorted((a, b), key=len)
    if len(short) < len(long) and ((len(short) >= 2 and long.startswith(short))
                                   or (len(short) >= 4 and short in long)) \
            and len(_TRADE_WORDS.sub("", short)) >= 2:
        score = max(score, SHORT_NAME_SCORE)
    return score


@dataclass(frozen=True)
class DuplicateMatch:
    company_id: str
    number: str
    name: str
    reason: str  # "usci" (same 统一社会信用代码) or "name" (similar normalised name)
    score: float  # 100 for the same code

    @property
    def message(self) -> str:
        if self.reason == "usci":
            return f"统一社会信用代码与“{self.name}”（{self.number}）相同"
        return f"名称与“{self.name}”（{self.number}）相似（{numbers.count(self.score)}%）"


@dataclass(frozen=True)
class CompanyChoice:
    """A company as a picker lists it."""
    id: str
    number: str
    name: str
    usci: str | None
    region: str | None


CONTACT_LABELS = {"name": "姓名", "title": "职务", "phone": "电话", "email": "邮箱", "wechat": "微信"}
#: a company's values as clean() returns them, in this order (industry_id and the last four: when given)
_CLEANED = ("name", "usci", "tags", "region", "address", "industry_id", "notes", "merged_into_id", "id", "number",
            "contacts")
_CLEANED_LAST = _CLEANED[7:10]   # given, kept as they are
_NAME_AND_CODE = frozenset(("name", "usci"))


class CompanyService(RecordService[Company]):
    model = Company
    references = {"industry_id": Industry, "merged_into_id": Company}
    extras = ("contacts",)
    clean_keeps_input = True

    def clean(self, values: dict, check: Checker, *, current=None) -> dict:
        # an empty optional value is None without a call to its validator, and the values
        # are made in _CLEANED's order (a ledger import creates thousands of companies)
        get = values.get
        usci = get("usci")
        if values.keys() <= _NAME_AND_CODE:   # a name (and a code) alone, as a ledger names a new company
            return {"name": check.text(get("name"), "name", max_len=120),
                    "usci": None if usci is None else check(validate_usci, usci, "usci"),
                    "tags": None, "region": None, "address": None, "notes": None}
        tags = get("tags")
        if isinstance(tags, (list, tuple, set)):
            tags = "、".join(t for t in COMPANY_TAGS if t in tags) + "".join(
                f"、{t}" for t in tags if t not in COMPANY_TAGS)
        out = {"name": check.text(get("name"), "name", max_len=120),
               "usci": None if usci is None else check(validate_usci, usci, "usci"),
               "tags": (tags or "").strip("、") or None}
        text = get("region")
        out["region"] = None if text is None else check.text(text, "region", max_len=60, required=False)
        text = get("address")
        out["address"] = None if text is None else check.text(text, "address", max_len=200, required=False)
        if "industry_id" in values:
            out["industry_id"] = values["industry_id"]
        text = get("notes")
        out["notes"] = None if text is None else check.text(text, "notes", max_len=5000, required=False)
        for k in _CLEANED_LAST:
            if k in values:
                out[k] = values[k]
        if "contacts" in values:
            contacts = values["contacts"]
            out["contacts"] = None if contacts is None else self._clean_contacts(contacts, check)
        return out

    def _clean_contacts(self, contacts, check: Checker) -> list[dict]:
        """A company's contacts given with it (a form saves them in one go);
        a problem is reported on the field ``contacts``, naming the row."""
        out = []
        for i, contact in enumerate(contacts, start=1):
            inner = Checker()
            values = ContactService(self.ws).clean({**contact, "company_id": "-"}, inner)
            for error in inner.errors:
                check.fail("contacts", f"第{i}位联系人{CONTACT_LABELS.get(error.field, error.field)}"
                                       f"{error.message}")
            values.pop("company_id")
            if contact.get("id"):
                values["id"] = contact["id"]
            out.append(values)
        return out

    def after_create(self, w, rows, ids, extras) -> None:
        contacts = [{**c, "company_id": cid} for cid, extra in zip(ids, extras)
                    for c in extra.get("contacts") or ()]
        if contacts:
            w.insert_many(CompanyContact, contacts)

    def after_update(self, w, row_id, extras) -> None:
        """``contacts`` given to update() is the whole new list: rows with a known
        id are changed, new ones added, missing ones tombstoned."""
        if "contacts" not in extras:
            return
        existing = {c.id: c for c in w.session.scalars(select(CompanyContact).where(
            CompanyContact.company_id == row_id, ~CompanyContact.deleted))}
        added, kept = [], set()
        for contact in extras["contacts"] or ():
            old = existing.get(contact.get("id"))
            if old is None:
                added.append({**{k: v for k, v in contact.items() if k != "id"}, "company_id": row_id})
                continue
            kept.add(old.id)
            w.update(CompanyContact, old.id, {k: v for k, v in contact.items() if k != "id"},
                     allow_foreign=True)
        for contact_id in existing.keys() - kept:
            w.delete(CompanyContact, contact_id, allow_foreign=True)
        if added:
            w.insert_many(CompanyContact, added)

    def lookup(self, text: str, *, limit: int = 20) -> list[CompanyChoice]:
        """Live companies whose name, pinyin (full or initials), number or
        统一社会信用代码 contains ``text``: the choices of a company picker."""
        text = (text or "").strip()
        with self.ws.read() as s:
            q = select(Company.id, Company.number, Company.name, Company.usci, Company.region).where(
                ~Company.deleted, Company.merged_into_id.is_(None))
            if text:
                like = text.lower()
                q = q.where(or_(Company.search_key.contains(like), Company.name.contains(text),
                                Company.number.contains(text.upper()), Company.usci.contains(text.upper())))
            rows = s.execute(q.order_by(Company.name).limit(limit)).all()
        return [CompanyChoice(*r) for r in rows]

    def create(self, data: dict, *, allow_duplicate: bool = False) -> str:
        """Create a company. Refuses a second company with the same 统一社会信用代码
        at this site unless ``allow_duplicate`` (the user confirmed it is another firm)."""
        if not allow_duplicate and data.get("usci"):
            same = [m for m in self.find_duplicates(data.get("name") or "", data["usci"])
                    if m.reason == "usci"]
            if same:
                raise ValidationError("usci", same[0].message)
        return super().create(data)

    def find_duplicates(self, name: str, usci: str | None = None, *,
                        exclude_id: str | None = None, limit: int = 5) -> list[DuplicateMatch]:
        """Possible duplicates of a company being entered: the same 统一社会信用代码
        exactly, or a normalised name at least FUZZY_THRESHOLD similar."""
        from rapidfuzz import process

        matches: dict[str, DuplicateMatch] = {}
        code = None
        try:
            code = validate_usci(usci) if usci else None
        except ValidationError:
            pass
        norm = duplicate_check_name(name) if name and name.strip() else ""
        with self.ws.read() as s:
            live = ~Company.deleted & Company.merged_into_id.is_(None)
            if exclude_id:
                live &= Company.id != exclude_id
            if code:
                for cid, number, cname in s.execute(
                        select(Company.id, Company.number, Company.name).where(live, Company.usci == code)):
                    matches[cid] = DuplicateMatch(cid, number, cname, "usci", 100.0)
            if len(norm) >= 2:
                # Candidates share at least one of the first characters; fuzzy-rank those.
                probes = {norm[:2], norm[-2:]}
                cond = or_(*(Company.name_norm.contains(p) for p in probes))
                rows = s.execute(select(Company.id, Company.number, Company.name, Company.name_norm)
                                 .where(live, cond).limit(2000)).all()
                # each candidate's stored name_norm holds its duplicate_check_name: ranked by that
                choices = {r.id: duplicate_check_name(r.name) for r in rows}
                info = {r.id: r for r in rows}
                for _, score, cid in process.extract(norm, choices, scorer=_name_score, limit=limit * 2,
                                                     score_cutoff=FUZZY_THRESHOLD):
                    if cid not in matches:
                        r = info[cid]
                        matches[cid] = DuplicateMatch(cid, r.number, r.name, "name", float(score))
        return sorted(matches.values(), key=lambda m: -m.score)[:limit]

    def merge(self, duplicate_id: str, into_id: str) -> None:
        """Mark ``duplicate_id`` as merged into ``into_id`` (an explicit act; the
        duplicate stays, pointing at the surviving record)."""
        if duplicate_id == into_id:
            raise RefusedError("不能把企业合并到自身")
        self.get(into_id)
        self.update(duplicate_id, {"merged_into_id": into_id})

    # -- contacts ------------------------------------------------------------------
    def add_contact(self, company_id: str, data: dict) -> str:
        return ContactService(self.ws).create({**data, "company_id": company_id})

    def contacts(self, company_id: str) -> list[CompanyContact]:
        with self.ws.read() as s:
            return list(s.scalars(select(CompanyContact).where(
                CompanyContact.company_id == company_id, ~CompanyContact.deleted)))


class ContactService(RecordService[CompanyContact]):
    model = CompanyContact
    references = {"company_id": Company}

    def clean(self, values: dict, check: Checker, *, current=None) -> dict:
        out = {"company_id": values.get("company_id")}
        if not out["company_id"]:
            check.fail("company_id", "不能为空")
        out["name"] = check(require_text, values.get("name"), "name", max_len=40)
        for field, size in (("title", 60), ("phone", 30), ("email", 80), ("wechat", 60)):
            out[field] = check(require_text, values.get(field), field, max_len=size, required=False)
        return out
