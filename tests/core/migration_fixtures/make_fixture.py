"""Write the migration fixture of one schema version, as reviewable SQL text.

    .venv/bin/python tests/core/migration_fixtures/make_fixture.py 0006_passwords

writes after_0006_passwords.sql beside this file: a district office's database as it stood
after that migration. Its schema is what the literal migrations up to that one build (with
sqlite-utils' record of them); its rows are ROWS below, each table with the columns that
version had (an older version's fixture leaves out the tables and columns it did not have,
and the audit events of tables it did not have). tests/core/test_migrations_from_every_version.py
loads each fixture and upgrades it to the current schema.

A fixture, once committed, is never regenerated or edited, like a migration: this script
refuses to overwrite one. A new migration comes with its own fixture: give ROWS the columns
it adds and rows for any table it creates (the script refuses a table or column without
them), then run this for the new migration's name. A table the schema's triggers derive from
others (duban.db.queries.DERIVED_TABLES) is not inserted: its ROWS are what the triggers must
have written from the other tables' rows, and the script refuses to write a fixture where not.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from duban.db.migrations import MIGRATIONS
from duban.db.queries import DERIVED_TABLES

HERE = Path(__file__).resolve().parent

Row = tuple[Any, ...]


def audit(values: dict[str, Any]) -> str:
    """An audit event's before/after, as duban.db.store writes it."""
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


APPLIED_AT = "2026-09-01 00:30:00+00:00"  # when the office set the kit up, in sqlite-utils' form
PASSWORD_HASH = (  # argon2 of "fixture-pass-2026"
    "$argon2id$v=19$m=65536,t=3,p=4$QwYAmf/dNGX3jyoz/472OA$c4gh9sszg+W7TTuFrjUm2ryrQGR0l0Q/ty8NwuPLBiY"
)
GAS_PHOTO = "d6b3c2737362342d889ee48896b6e67d662c16e681937b9b5c245ca2c443fa77"
EXIT_PHOTO = "51f98a27e3645b38c6b14d5acdcd6a54454c96c3f921b8905b35db2cd8bdd9c0"
EXIT_RECORD = "e73b456e35583c20b65b107fcac284c42b7d606aa9ad928dd2e491b959865546"
PLENARY_TEXT = (
    "9月15日，区安委会召开2026年第三次全体会议，传达学习全市安全生产电视电话会议精神。\n"
    "会议要求：一是压紧压实安全生产责任，（一）各街道要开展燃气安全隐患排查整治；"
    "（二）各部门要加强建筑施工领域监管。二是做好消防安全和道路交通安全工作。"
)
DRAFT_PAYLOAD = {
    "step": 1,
    "meeting": {
        "title": "11月燃气安全调度会",
        "kind": "dispatch",
        "level": "district",
        "held_on": "2026-11-13",
        "location": "区应急管理局三楼会议室",
        "presider": "区应急管理局局长 孙立",
        "speakers": "区应急管理局局长 孙立",
        "attendees": "",
        "upstream_meeting_id": None,
        "doc_number": "",
        "text": "会议要求：一是各街道要完成餐饮场所燃气报警器安装；二是要加强夜查。",
    },
    "review": {
        "source": "会议要求：一是各街道要完成餐饮场所燃气报警器安装；二是要加强夜查。",
        "items": [
            {"uid": "d1", "text": "各街道要完成餐饮场所燃气报警器安装", "areas": ["gas"]}
            | {"marker": "一是", "speaker": None, "parent": None, "mentions": ["各街道"]},
            {"uid": "d2", "text": "要加强夜查", "areas": [], "marker": "二是"}
            | {"speaker": None, "parent": None, "mentions": []},
        ],
        "narrative": [],
    },
    "assign": {"assignments": []},
}

# Every table's rows, with the current schema's columns (table -> (columns, rows)). Times are
# the office's local time; the world is a district office in autumn 2026 (tests pin today to
# 2026-11-16). Tasks stand in every status, one reopened after a look-back, one of a unit merged
# into another, one standing (weekly), one past its deadline. The audit events are a sample,
# their before and after cut to a few columns.
ROWS: dict[str, tuple[tuple[str, ...], list[Row]]] = {
    "units": (
        ("id", "name", "kind", "aliases", "active", "valid_from", "valid_to", "successor_id")
        + ("created_at",),
        [
            (1, "东街街道", "street", '["East Street", "老城街道"]', 1, "2026-09-01", None, None)
            + ("2026-09-01T09:00:00",),
            (2, "西街街道", "street", '["西街"]', 1, "2026-09-01", None, None)
            + ("2026-09-01T09:00:00",),
            (3, "老城街道", "street", "[]", 0, "2026-09-01", "2026-10-31", 1)
            + ("2026-09-01T09:00:00",),
            (4, "区应急管理局", "department", '["Emergency Bureau"]', 1, None, None, None)
            + ("2026-09-01T09:00:00",),
            (5, "区消防救援大队", "department", "[]", 1, None, None, None)
            + ("2026-09-01T09:00:00",),
            (6, "区住房和城乡建设局", "department", '["住建局"]', 1, None, None, None)
            + ("2026-09-02T10:30:00",),
            (7, "经开区管委会", "committee", "[]", 1, "2026-10-01", None, None)
            + ("2026-10-01T09:00:00",),
        ],
    ),
    "unit_groups": (
        ("id", "name", "aliases", "unit_kind", "created_at"),
        [
            (1, "所有街道", '["All streets", "各街道"]', "street", "2026-09-01T09:00:00"),
            (2, "安委会成员单位", '["各成员单位"]', None, "2026-09-01T09:00:00"),
        ],
    ),
    "unit_group_members": (
        ("group_id", "unit_id"),
        [(2, 4), (2, 5), (2, 6), (2, 7)],
    ),
    "users": (
        ("id", "login", "display_name", "role", "unit_id", "active", "created_at")
        + ("password_hash", "password_changed_at", "failed_sign_ins", "locked_until"),
        [
            (1, "admin", "Administrator", "admin", None, 1, "2026-09-01T09:00:00")
            + (PASSWORD_HASH, "2026-09-01T09:05:00", 0, None),
            (2, "clerk", "王文", "clerk", None, 1, "2026-09-01T09:00:00")
            + (PASSWORD_HASH, "2026-09-01T09:05:00", 0, None),
            (3, "leader", "陈卫", "leader", None, 1, "2026-09-01T09:00:00")
            + (PASSWORD_HASH, "2026-09-01T09:05:00", 1, None),
            (4, "analyst", "Zhou Min", "analyst", None, 1, "2026-09-01T09:00:00")
            + (None, None, 0, None),
            (5, "east", "东街街道填报员", "reporter", 1, 1, "2026-09-01T09:00:00")
            + (PASSWORD_HASH, "2026-09-03T14:00:00", 0, None),
            (6, "west", "西街街道填报员", "reporter", 2, 1, "2026-09-01T09:00:00")
            + (PASSWORD_HASH, "2026-09-01T09:05:00", 5, "2026-11-16T09:15:00"),
            (7, "fire", "消防大队填报员", "reporter", 5, 1, "2026-09-01T09:00:00")
            + (PASSWORD_HASH, "2026-09-01T09:05:00", 0, None),
            (8, "build", "O'Brien (住建局)", "reporter", 6, 1, "2026-09-02T10:30:00")
            + (PASSWORD_HASH, "2026-09-02T10:35:00", 0, None),
            (9, "oldtown", "老城街道填报员", "reporter", 1, 0, "2026-09-01T09:00:00")
            + (None, None, 0, None),
        ],
    ),
    "meetings": (
        ("id", "title", "kind", "level", "held_on", "location", "presider", "speakers")
        + ("attendees", "upstream_meeting_id", "doc_number", "text", "created_by", "created_at"),
        [
            (1, "全市安全生产电视电话会议", "video_conference", "municipal", "2026-09-08")
            + ("视频会议分会场", "副市长 赵华", '["副市长 赵华"]', None, None, None, "")
            + ("clerk", "2026-09-08T16:00:00"),
            (2, "区安委会2026年第三次全体会议", "plenary", "district", "2026-09-15")
            + ("区政府第一会议室", "区长 陈卫", '["区长 陈卫", "区应急管理局局长 孙立"]')
            + ("各街道、区安委会各成员单位主要负责同志", 1, "清安委〔2026〕12号", PLENARY_TEXT)
            + ("clerk", "2026-09-15T17:30:00"),
            (3, "燃气安全专项整治调度会", "dispatch", "district", "2026-10-20", None, None)
            + ("[]", None, None, None, "", "clerk", "2026-10-20T11:00:00"),
            (4, "On-site inspection of the chemical park", "inspection", "street", "2026-11-02")
            + ("经开区化工园区", "Leader Chen", '["Leader Chen"]', None, None, None)
            + ("First, fix the blocked fire exits found on site.", "admin")
            + ("2026-11-02T18:00:00",),
        ],
    ),
    "directives": (
        ("id", "meeting_id", "parent_id", "seq", "position", "marker", "speaker", "text")
        + ("areas", "created_at"),
        [
            (1, 2, None, "1", 1, "一是", "区长 陈卫", "压紧压实安全生产责任", "[]")
            + ("2026-09-15T17:30:00",),
            (2, 2, 1, "1.1", 2, "（一）", "区长 陈卫", "各街道要开展燃气安全隐患排查整治")
            + ('["gas"]', "2026-09-15T17:30:00"),
            (3, 2, 1, "1.2", 3, "（二）", "区长 陈卫", "各部门要加强建筑施工领域监管")
            + ('["construction", "special_equipment"]', "2026-09-15T17:30:00"),
            (4, 2, None, "2", 4, "二是", "区应急管理局局长 孙立")
            + ("做好消防安全和道路交通安全工作", '["fire", "road_traffic"]')
            + ("2026-09-15T17:30:00",),
            (5, 3, None, "1", 1, None, None, "各街道每周报送瓶装燃气用户排查进展", '["gas"]')
            + ("2026-10-20T11:00:00",),
            (6, 4, None, "1", 1, "First,", "Leader Chen", "Fix the blocked fire exits.")
            + ('["fire", "hazardous_chemicals"]', "2026-11-02T18:00:00"),
        ],
    ),
    "tasks": (
        ("id", "directive_id", "unit_id", "role", "deadline", "original_deadline", "cycle")
        + ("status", "percent", "assigned_at", "assigned_by", "closed_at", "updated_at"),
        [
            (1, 2, 1, "lead", "2026-11-30", "2026-11-30", "none", "closed", 100)
            + ("2026-09-15T17:30:00", "clerk", "2026-10-28T15:00:00", "2026-10-28T15:00:00"),
            (2, 2, 2, "lead", "2026-11-30", "2026-11-30", "none", "returned", 100)
            + ("2026-09-15T17:30:00", "clerk", None, "2026-11-10T11:00:00"),
            (3, 2, 3, "lead", "2026-11-30", "2026-11-30", "none", "closed", 100)
            + ("2026-09-15T17:30:00", "clerk", "2026-10-30T10:00:00", "2026-10-30T10:00:00"),
            (4, 3, 4, "lead", "2026-12-15", "2026-11-30", "none", "in_progress", 60)
            + ("2026-09-15T17:30:00", "clerk", None, "2026-11-05T10:00:00"),
            (5, 3, 6, "cooperating", "2026-11-30", "2026-11-30", "none", "extension_requested")
            + (30, "2026-09-15T17:30:00", "clerk", None, "2026-11-10T15:00:00"),
            (6, 4, 5, "lead", "2026-11-20", "2026-11-20", "none", "closure_requested", 100)
            + ("2026-09-15T17:30:00", "clerk", None, "2026-11-12T16:20:00"),
            (7, 4, 1, "cooperating", "2026-11-20", "2026-11-20", "none", "acknowledged", 0)
            + ("2026-09-15T17:30:00", "clerk", None, "2026-09-16T08:40:00"),
            (8, 5, 1, "lead", "2026-12-31", "2026-12-31", "weekly", "in_progress", 40)
            + ("2026-10-20T11:00:00", "clerk", None, "2026-11-13T17:00:00"),
            (9, 5, 2, "lead", "2026-12-31", "2026-12-31", "weekly", "assigned", 0)
            + ("2026-10-20T11:00:00", "clerk", None, "2026-10-20T11:00:00"),
            (10, 6, 1, "lead", "2026-11-13", "2026-11-13", "none", "in_progress", 70)
            + ("2026-11-02T18:00:00", "admin", None, "2026-11-12T10:00:00"),
            (11, 4, 2, "cooperating", "2026-11-20", "2026-11-20", "none", "in_progress", 20)
            + ("2026-09-15T17:30:00", "clerk", None, "2026-11-11T09:30:00"),
            (12, 6, 7, "cooperating", "2026-11-13", "2026-11-13", "monthly", "assigned", 0)
            + ("2026-11-02T18:00:00", "admin", None, "2026-11-02T18:00:00"),
        ],
    ),
    "progress_reports": (
        ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request"),
        [
            (1, 1, "2026-10-10T10:00:00", "east", 50, "已完成辖区燃气用户入户排查", 0),
            (2, 1, "2026-10-27T17:00:00", "east", 100, "隐患已全部整改到位，申请办结", 1),
            (3, 2, "2026-10-25T09:00:00", "west", 100, "All 214 restaurants checked.", 1),
            (4, 3, "2026-10-29T16:00:00", "oldtown", 100, "整改完成", 1),
            (5, 4, "2026-11-05T10:00:00", "clerk", 60, "代区应急管理局录入：已检查工地12处", 0),
            (6, 5, "2026-11-02T11:00:00", "build", 30, "已排查在建工地8处；\n整改中", 0),
            (7, 6, "2026-11-12T16:20:00", "fire", 100, "消防通道已全部清理，附照片", 1),
            (8, 8, "2026-11-06T17:00:00", "east", 20, "第一周：排查瓶装燃气用户63户", 0),
            (9, 8, "2026-11-13T17:00:00", "east", 40, "第二周：排查瓶装燃气用户118户", 0),
            (10, 10, "2026-11-04T15:00:00", "east", 100, "Exits cleared, it's done.", 1),
            (11, 10, "2026-11-12T10:00:00", "east", 70, "回头看发现2处通道再次堵塞", 0),
            (12, 11, "2026-11-09T09:00:00", "west", 20, "已部署", 0),
            (13, 2, "2026-10-12T09:00:00", "west", 40, "", 0),
        ],
    ),
    "evidence": (
        ("id", "report_id", "filename", "path", "sha256", "size"),
        [
            (1, 2, "整改照片.jpg", f"evidence/{GAS_PHOTO[:2]}/{GAS_PHOTO}.jpg", GAS_PHOTO, 48211),
            (2, 7, "消防通道.png", f"evidence/{EXIT_PHOTO[:2]}/{EXIT_PHOTO}.png", EXIT_PHOTO, 9120),
            (
                3,
                7,
                "验收记录.pdf",
                f"evidence/{EXIT_RECORD[:2]}/{EXIT_RECORD}.pdf",
                EXIT_RECORD,
                5060,
            ),
        ],
    ),
    "extension_requests": (
        ("id", "task_id", "requested_by", "requested_at", "reason", "old_deadline")
        + ("new_deadline", "decision", "decided_by", "decided_at", "comment"),
        [
            (1, 4, "clerk", "2026-11-01T09:00:00", "涉及多部门协调，需延长整改时间。")
            + ("2026-11-30", "2026-12-15", "approved", "clerk", "2026-11-03T10:00:00")
            + ("同意延期。",),
            (2, 5, "build", "2026-11-10T15:00:00", "工地停工待检", "2026-11-30", "2026-12-20")
            + (None, None, None, None),
            (3, 11, "west", "2026-11-10T08:00:00", "Need time", "2026-11-20", "2026-12-05")
            + ("rejected", "clerk", "2026-11-11T09:30:00", "The deadline is set by the city."),
        ],
    ),
    "reviews": (
        ("id", "task_id", "decision", "comment", "reviewer", "reviewed_at"),
        [
            (1, 1, "closed", "经核查，同意办结。", "clerk", "2026-10-28T15:00:00"),
            (2, 2, "returned", "缺少整改前后对比照片", "clerk", "2026-11-10T11:00:00"),
            (3, 3, "closed", "", "clerk", "2026-10-30T10:00:00"),
            (4, 10, "closed", "OK", "admin", "2026-11-05T10:00:00"),
            (5, 10, "reopened", "回头看：通道再次堵塞", "clerk", "2026-11-11T09:00:00"),
        ],
    ),
    "reminders": (
        ("id", "task_id", "kind", "note", "sent_by", "sent_at"),
        [
            (1, 9, "reminder", "请抓紧办理并按时反馈。", "clerk", "2026-11-09T17:00:00"),
            (2, 10, "interview", "约谈街道分管负责同志", "clerk", "2026-11-14T10:00:00"),
            (3, 7, "reminder", "", "clerk", "2026-11-16T08:30:00"),
        ],
    ),
    "drafts": (
        ("id", "owner", "kind", "title", "payload", "created_at", "updated_at"),
        [
            (1, "clerk", "deployment", "11月燃气安全调度会")
            + (json.dumps(DRAFT_PAYLOAD, ensure_ascii=False), "2026-11-13T14:00:00")
            + ("2026-11-13T14:20:00",),
            (2, "admin", "deployment", "", '{"step": 0}', "2026-11-14T08:00:00")
            + ("2026-11-14T08:00:00",),
        ],
    ),
    "holidays": (
        ("id", "date", "kind", "name", "entered_by", "entered_at"),
        [
            (1, "2026-10-01", "holiday", "国庆节", "clerk", "2026-09-01T10:00:00"),
            (2, "2026-10-10", "workday", "国庆节调休上班", "clerk", "2026-09-01T10:00:00"),
            (3, "2026-11-27", "holiday", "District sports day", "clerk", "2026-11-02T09:00:00"),
        ],
    ),
    "events": (
        ("id", "at", "actor", "action", "entity", "entity_id", "before", "after"),
        [
            (1, "2026-09-01T09:00:00", "system", "add_user", "users", 1, None)
            + (audit({"login": "admin", "display_name": "Administrator", "role": "admin"}),),
            (2, "2026-09-01T09:00:00", "admin", "add_unit", "units", 1, None)
            + (audit({"name": "东街街道", "kind": "street", "aliases": '["East Street"]'}),),
            (3, "2026-09-01T09:00:00", "admin", "add_group_member", "unit_group_members", 1)
            + (None, audit({"group_id": 2, "unit_id": 4})),
            (4, "2026-09-01T09:05:00", "admin", "set_password", "users", 2)
            + (audit({"password_hash": "<not kept in the audit>"}),)
            + (audit({"password_hash": "<not kept in the audit>"}),),
            (5, "2026-09-15T17:30:00", "clerk", "log_meeting", "meetings", 2, None)
            + (audit({"title": "区安委会2026年第三次全体会议", "held_on": "2026-09-15"}),),
            (6, "2026-09-15T17:30:00", "clerk", "add_directive", "directives", 2, None)
            + (audit({"seq": "1.1", "text": "各街道要开展燃气安全隐患排查整治"}),),
            (7, "2026-09-15T17:30:00", "clerk", "assign", "tasks", 1, None)
            + (audit({"unit_id": 1, "status": "assigned", "deadline": "2026-11-30"}),),
            (8, "2026-10-27T17:00:00", "east", "request_closure", "tasks", 1)
            + (audit({"percent": 50, "status": "in_progress"}),)
            + (audit({"percent": 100, "status": "closure_requested"}),),
            (9, "2026-10-27T17:00:00", "east", "request_closure", "progress_reports", 2, None)
            + (audit({"task_id": 1, "percent": 100, "closure_request": 1}),),
            (10, "2026-10-27T17:00:00", "east", "add_evidence", "evidence", 1, None)
            + (audit({"report_id": 2, "filename": "整改照片.jpg", "size": 48211}),),
            (11, "2026-10-28T15:00:00", "clerk", "close", "tasks", 1)
            + (audit({"status": "closure_requested", "closed_at": None}),)
            + (audit({"status": "closed", "closed_at": "2026-10-28T15:00:00"}),),
            (12, "2026-10-28T15:00:00", "clerk", "close", "reviews", 1, None)
            + (audit({"task_id": 1, "decision": "closed", "comment": "经核查，同意办结。"}),),
            (13, "2026-10-31T09:00:00", "admin", "merge_unit", "units", 3)
            + (audit({"active": 1, "successor_id": None}),)
            + (audit({"active": 0, "successor_id": 1}),),
            (14, "2026-11-02T09:00:00", "clerk", "enter_holiday", "holidays", 3, None)
            + (audit({"date": "2026-11-27", "kind": "holiday"}),),
            (15, "2026-11-03T10:00:00", "clerk", "decide_extension", "extension_requests", 1)
            + (audit({"decision": None}), audit({"decision": "approved"})),
            (16, "2026-11-09T17:00:00", "clerk", "remind", "reminders", 1, None)
            + (audit({"task_id": 9, "kind": "reminder"}),),
            (17, "2026-11-13T14:00:00", "clerk", "save_draft", "drafts", 1, None)
            + (audit({"title": "11月燃气安全调度会", "payload": "<not kept in the audit>"}),),
            (18, "2026-11-16T09:15:00", "west", "sign_in_locked", "users", 6)
            + (audit({"failed_sign_ins": 4, "locked_until": None}),)
            + (audit({"failed_sign_ins": 5, "locked_until": "2026-11-16T09:15:00"}),),
        ],
    ),
    # Derived by the schema's triggers from the rows above (see check_derived): each directive's
    # areas; per assignment day (and area, directive or unit) the tasks' counts, the open ones
    # by deadline (tasks 1 and 3 closed on time; task 2 returned); the trend's events by day.
    "directive_areas": (
        ("directive_id", "area"),
        [(2, "gas"), (3, "construction"), (3, "special_equipment"), (4, "fire")]
        + [(4, "road_traffic"), (5, "gas"), (6, "fire"), (6, "hazardous_chemicals")],
    ),
    "task_days": (
        ("assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late")
        + ("closed_days_late", "returned"),
        [
            ("2026-09-15", "", 2, 2, 2, 0, 0, 0),
            ("2026-09-15", "2026-11-30", 2, 0, 0, 0, 0, 1),
            ("2026-09-15", "2026-12-15", 1, 0, 0, 0, 0, 0),
            ("2026-09-15", "2026-11-20", 3, 0, 0, 0, 0, 0),
            ("2026-10-20", "2026-12-31", 2, 0, 0, 0, 0, 0),
            ("2026-11-02", "2026-11-13", 2, 0, 0, 0, 0, 0),
        ],
    ),
    "area_days": (
        ("area", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time")
        + ("closed_late", "closed_days_late", "returned"),
        [
            ("gas", "2026-09-15", "", 2, 2, 2, 0, 0, 0),
            ("gas", "2026-09-15", "2026-11-30", 1, 0, 0, 0, 0, 1),
            ("gas", "2026-10-20", "2026-12-31", 2, 0, 0, 0, 0, 0),
            ("construction", "2026-09-15", "2026-11-30", 1, 0, 0, 0, 0, 0),
            ("construction", "2026-09-15", "2026-12-15", 1, 0, 0, 0, 0, 0),
            ("special_equipment", "2026-09-15", "2026-11-30", 1, 0, 0, 0, 0, 0),
            ("special_equipment", "2026-09-15", "2026-12-15", 1, 0, 0, 0, 0, 0),
            ("fire", "2026-09-15", "2026-11-20", 3, 0, 0, 0, 0, 0),
            ("fire", "2026-11-02", "2026-11-13", 2, 0, 0, 0, 0, 0),
            ("road_traffic", "2026-09-15", "2026-11-20", 3, 0, 0, 0, 0, 0),
            ("hazardous_chemicals", "2026-11-02", "2026-11-13", 2, 0, 0, 0, 0, 0),
        ],
    ),
    "directive_days": (
        ("directive_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time")
        + ("closed_late", "closed_days_late", "returned"),
        [
            (2, "2026-09-15", "", 2, 2, 2, 0, 0, 0),
            (2, "2026-09-15", "2026-11-30", 1, 0, 0, 0, 0, 1),
            (3, "2026-09-15", "2026-11-30", 1, 0, 0, 0, 0, 0),
            (3, "2026-09-15", "2026-12-15", 1, 0, 0, 0, 0, 0),
            (4, "2026-09-15", "2026-11-20", 3, 0, 0, 0, 0, 0),
            (5, "2026-10-20", "2026-12-31", 2, 0, 0, 0, 0, 0),
            (6, "2026-11-02", "2026-11-13", 2, 0, 0, 0, 0, 0),
        ],
    ),
    "unit_days": (
        ("unit_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time")
        + ("closed_late", "closed_days_late", "returned"),
        [
            (1, "2026-09-15", "", 1, 1, 1, 0, 0, 0),
            (1, "2026-09-15", "2026-11-20", 1, 0, 0, 0, 0, 0),
            (1, "2026-10-20", "2026-12-31", 1, 0, 0, 0, 0, 0),
            (1, "2026-11-02", "2026-11-13", 1, 0, 0, 0, 0, 0),
            (2, "2026-09-15", "2026-11-20", 1, 0, 0, 0, 0, 0),
            (2, "2026-09-15", "2026-11-30", 1, 0, 0, 0, 0, 1),
            (2, "2026-10-20", "2026-12-31", 1, 0, 0, 0, 0, 0),
            (3, "2026-09-15", "", 1, 1, 1, 0, 0, 0),
            (4, "2026-09-15", "2026-12-15", 1, 0, 0, 0, 0, 0),
            (5, "2026-09-15", "2026-11-20", 1, 0, 0, 0, 0, 0),
            (6, "2026-09-15", "2026-11-30", 1, 0, 0, 0, 0, 0),
            (7, "2026-11-02", "2026-11-13", 1, 0, 0, 0, 0, 0),
        ],
    ),
    "trend_days": (
        ("assigned_day", "kind", "day", "week", "events", "delta"),
        [
            ("2026-09-15", "assigned", "2026-09-15", "2026-09-14", 8, 8),
            ("2026-09-15", "closed", "2026-10-28", "2026-10-26", 1, 1),
            ("2026-09-15", "closed", "2026-10-30", "2026-10-26", 1, 1),
            ("2026-09-15", "overdue", "2026-11-21", "2026-11-16", 3, 3),
            ("2026-09-15", "overdue", "2026-12-01", "2026-11-30", 2, 2),
            ("2026-09-15", "overdue", "2026-12-16", "2026-12-14", 1, 1),
            ("2026-10-20", "assigned", "2026-10-20", "2026-10-19", 2, 2),
            ("2026-10-20", "overdue", "2027-01-01", "2026-12-28", 2, 2),
            ("2026-11-02", "assigned", "2026-11-02", "2026-11-02", 2, 2),
            ("2026-11-02", "overdue", "2026-11-14", "2026-11-09", 2, 2),
        ],
    ),
}


def built_after(name: str) -> Database:
    """An in-memory database with the migrations up to and including `name` applied."""
    names = [m.name for m in MIGRATIONS._migrations]
    if name not in names:
        raise SystemExit(f"no migration {name!r}; the migrations are: {', '.join(names)}")
    later = names[names.index(name) + 1 :]
    db = Database(memory=True)
    MIGRATIONS.apply(db, stop_before=later[0] if later else None)
    db.execute(f"UPDATE [{MIGRATIONS.migrations_table}] SET applied_at = ?", [APPLIED_AT])
    return db


def fill(db: Database) -> None:
    """Insert ROWS, each table with the columns it has in `db` (refusing a gap in ROWS), then
    check the derived tables' rows."""
    tables = [t for t in db.table_names() if t != MIGRATIONS.migrations_table]
    derived = [t for t in tables if t in DERIVED_TABLES]
    for table in [t for t in tables if t not in derived] + derived:
        if table not in ROWS:
            raise SystemExit(f"ROWS has no rows for table {table}: add some")
        given, rows = ROWS[table]
        columns = [c.name for c in db[table].columns]
        missing = [c for c in columns if c not in given]
        if missing:
            raise SystemExit(f"ROWS has no values for {table}.{', '.join(missing)}: add them")
        if table in derived:
            check_derived(db, table, given, rows)
            continue
        for row in rows:
            values = dict(zip(given, row, strict=True))
            if table == "events" and not written_by(db, values):
                continue
            db.execute(
                f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                [values[c] for c in columns],
            )
    db.conn.commit()


def check_derived(db: Database, table: str, columns: tuple[str, ...], rows: list[Row]) -> None:
    """Refuse a derived table whose rows, as the triggers wrote them, are not `rows`."""
    listed = ", ".join(f"[{c}]" for c in columns)
    written = set(db.execute(f"SELECT {listed} FROM [{table}]").fetchall())
    if written != set(rows):
        raise SystemExit(
            f"The triggers wrote other rows for {table} than ROWS lists: {sorted(written)}"
        )


def written_by(db: Database, event: dict[str, Any]) -> bool:
    """Whether the version of `db` could have written `event`: its table and every column its
    before and after name exist there."""
    if event["entity"] not in db.table_names():
        return False
    named = {k for side in ("before", "after") if event[side] for k in json.loads(event[side])}
    return named <= {c.name for c in db[event["entity"]].columns}


def literal(value: Any) -> str:
    """A value as an SQL literal."""
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQL literal for {value!r}")


def dump(db: Database, name: str) -> str:
    """The database as SQL: each table and its rows, then the indexes and triggers."""
    objects = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    ).fetchall()
    lines = [
        f"-- A Duban database after migration {name}, with representative rows.",
        "-- Written once by make_fixture.py; never edit or regenerate it (like a migration).",
        "BEGIN;",
    ]
    for kind, table, sql in objects:
        if kind != "table":
            continue
        lines += ["", f"{sql};"]
        cursor = db.execute(f"SELECT * FROM [{table}] ORDER BY rowid")
        columns = ", ".join(f'"{d[0]}"' for d in cursor.description)
        for row in cursor.fetchall():
            values = ", ".join(literal(v) for v in row)
            lines.append(f'INSERT INTO "{table}" ({columns}) VALUES ({values});')
    lines.append("")
    lines += [f"{sql};" for kind, _name, sql in objects if kind != "table"]
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


def main(name: str) -> Path:
    """Write after_<name>.sql (never over an existing one); returns its path."""
    target = HERE / f"after_{name}.sql"
    if target.exists():
        raise SystemExit(f"{target.name} exists: a committed fixture is never regenerated")
    db = built_after(name)
    fill(db)
    target.write_text(dump(db, name), encoding="utf-8")
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    sys.stdout.write(f"Wrote {main(sys.argv[1])}\n")
