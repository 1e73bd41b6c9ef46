"""A demo database: a fictional district, twenty meetings over half a year, their tasks.

Everything is written through the workbook API, with the clock set to when each step
happened, so the audit trail, the deadlines and the lateness read like a real office's.
"""

from __future__ import annotations

import heapq
import itertools
import os
import random
import re
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PIL import Image, ImageDraw

from duban.infra import clock
from duban.infra.config import load_settings
from duban.infra.passwords import hash_password, one_time_password
from duban.service.tasks import Target
from duban.service.users import password_columns
from duban.service.workbook import Workbook, open_workbook

DATA = Path(__file__).with_name("district.toml")
CHINESE_NUMERALS = "一二三四五六七八九十"
CLERK, LEADER, ANALYST = "clerk", "leader", "analyst"
# Beside a demo database: its logins and password (sign_in_file).
SIGN_IN_FILE = "demo-sign-in.txt"


def reporter_login(english_name: str) -> str:
    """ "Chang'an Street" -> "changan-street": the demo login of a unit's reporter."""
    return re.sub(r"[^a-z0-9]+", "-", english_name.lower().replace("'", "")).strip("-")


@dataclass(order=True)
class _Step:
    at: datetime
    order: int
    run: Callable[[], None] = field(compare=False)


class _Simulation:
    """Plays the office's half year: meetings, assignments, reports, reviews, reminders."""

    def __init__(self, wb: Workbook, data: dict, today: date, seed: int):
        self.wb = wb
        self.data = data
        self.today = today
        self.rng = random.Random(seed)
        self.queue: list[_Step] = []
        self.counter = itertools.count()
        self.users: dict[str, Workbook] = {}

    def as_user(self, login: str) -> Workbook:
        if login not in self.users:
            self.users[login] = self.wb.as_user(login)
        return self.users[login]

    def at(self, moment: datetime, run: Callable[[], None]) -> None:
        heapq.heappush(self.queue, _Step(moment, next(self.counter), run))

    def run_until(self, moment: datetime) -> None:
        while self.queue and self.queue[0].at <= moment:
            step = heapq.heappop(self.queue)
            with clock.frozen(step.at):
                step.run()

    # -- set-up ------------------------------------------------------------------------
    def registry(self) -> None:
        admin = self.wb
        for kind, key in (
            ("street", "streets"),
            ("department", "departments"),
            ("committee", "committees"),
        ):
            for name, english in self.data[key]:
                admin.add_unit(name, kind, [english])
                admin.add_user(reporter_login(english), f"{name}填报员", "reporter", name)
        admin.add_group("所有街道", unit_kind="street", aliases=["All streets", "各街道", "各镇街"])
        admin.add_group(
            "安委会成员单位",
            unit_kind="department",
            aliases=["Safety Committee member units", "各成员单位"],
        )
        admin.add_user(CLERK, "王文（区安委办）", "clerk")
        admin.add_user(LEADER, "陈卫（区长）", "leader")
        admin.add_user(ANALYST, "周敏（数据分析）", "analyst")

    # -- meetings ----------------------------------------------------------------------
    def meetings(self) -> None:
        specs = self.data["meetings"]
        start = self.today - timedelta(days=182)
        step = (self.today - timedelta(days=3) - start) / len(specs)
        previous_id = None
        for number, (kind, level, title) in enumerate(specs):
            held = datetime.combine(start + step * number, time(9, 30))
            self.run_until(held)
            with clock.frozen(held + timedelta(hours=6)):
                previous_id = self.meeting(
                    kind, level, title, held.date(), previous_id if level == "district" else None
                )
        self.run_until(datetime.combine(self.today, time(8, 0)))

    def meeting(self, kind: str, level: str, title: str, held: date, upstream: int | None) -> int:
        clerk = self.as_user(CLERK)
        chosen = self.rng.sample(self.data["directives"], self.rng.randint(3, 6))
        presider = self.rng.choice(self.data["presiders"])
        meeting_id = clerk.log_meeting(
            title,
            kind,
            level,
            held,
            location="区政府第一会议室" if level == "district" else "视频会议分会场",
            presider=presider,
            speakers=[presider],
            attendees="各街道、区安委会各成员单位负责同志",
            upstream_meeting_id=upstream,
            text=meeting_text(self.data["district"], title, held, presider, chosen),
        )
        for number, item in enumerate(chosen):
            directive_id = clerk.add_directive(
                meeting_id,
                item["text"],
                areas=item["areas"],
                marker=f"{CHINESE_NUMERALS[number]}是",
            )
            targets = (
                [Target("所有街道", group=True)]
                if item["to"] == "streets"
                else [
                    Target(name, "lead" if i == 0 else "cooperating")
                    for i, name in enumerate(item["to"])
                ]
            )
            assignment = clerk.assign(
                directive_id,
                targets,
                self.rng.randint(8, 25),
                cycle=self.rng.choice(["none", "none", "none", "monthly"]),
            )
            for task_id in assignment.task_ids:
                self.plan_task(task_id, clock.now(), assignment.deadline)
        return meeting_id

    # -- one task's life ---------------------------------------------------------------
    def plan_task(self, task_id: int, assigned: datetime, deadline: date) -> None:
        """Schedule what the unit and the office do with a task: on time, late, returned or open."""
        rng, due = self.rng, datetime.combine(deadline, time(17, 0))
        reporter = self.reporter_of(task_id)
        ack = assigned + timedelta(days=rng.randint(0, 3), hours=rng.randint(1, 6))
        self.at(ack, lambda: reporter.acknowledge(task_id))
        span = max(due - ack, timedelta(days=1))
        self.at(
            ack + span * 0.4,
            lambda: reporter.report_progress(
                task_id, rng.choice([30, 40, 50]), "已完成排查部署，正在推进整改。"
            ),
        )
        fate = rng.choices(
            ["on_time", "late", "returned", "extended", "open"], [55, 15, 10, 8, 12]
        )[0]
        if fate == "open":
            self.at(due + timedelta(days=2), lambda: self.remind(task_id))
            return
        if fate == "extended":
            new_deadline = deadline + timedelta(days=rng.randint(7, 14))
            approved = rng.random() < 0.75
            comment = "同意延期。" if approved else "期限不变，请加快整改进度。"
            self.at(
                ack + span * 0.6,
                lambda: reporter.request_extension(
                    task_id, new_deadline, "涉及多部门协调，需延长整改时间。"
                ),
            )
            self.at(
                ack + span * 0.7,
                lambda: self.as_user(CLERK).decide_extension(
                    self.pending_request(task_id), approved, comment
                ),
            )
            if approved:
                due = datetime.combine(new_deadline, time(17, 0))
        finish = (
            due - timedelta(days=rng.randint(1, 4))
            if fate != "late"
            else due + timedelta(days=rng.randint(2, 12))
        )
        if fate == "extended":  # the unit waits for the decision before it reports done
            finish = max(finish, ack + span * 0.7 + timedelta(hours=20))
        self.at(finish, lambda: reporter.request_closure(task_id, "整改已全部完成，现申请销号。"))
        if fate == "returned":
            self.at(
                finish + timedelta(hours=20),
                lambda: self.as_user(CLERK).return_task(task_id, "佐证材料不全，请补充现场照片。"),
            )
            finish += timedelta(days=rng.randint(1, 3))
            self.at(finish, lambda: reporter.request_closure(task_id, "已补充整改照片及台账。"))
        if fate == "late":
            self.at(due + timedelta(days=1), lambda: self.remind(task_id))
        self.at(
            finish + timedelta(hours=22),
            lambda: self.as_user(CLERK).close(task_id, "经核查，同意办结。"),
        )

    # -- what waits for the office today ------------------------------------------------------
    def backlog(self, folder: Path, closures: int = 6, extensions: int = 4) -> None:
        """Leave the office work for today: open tasks, not yet due, whose units asked
        yesterday for closure (with a photo and a PDF, one of them returned once) or for a
        later deadline. A generator of its own, so the half year stays as it was."""
        rng = random.Random(self.rng.random())
        waiting = [
            row["id"]
            for row in self.wb.store.rows(
                "SELECT id FROM tasks WHERE status IN ('acknowledged', 'in_progress')"
                " AND deadline > ? ORDER BY id",
                [self.today.isoformat()],
            )
        ]
        chosen = rng.sample(waiting, min(len(waiting), closures + extensions))
        photo, scan = evidence_files(folder)
        for number, task_id in enumerate(chosen[:closures]):
            reporter, moment = self.reporter_of(task_id), self.after_last_step(task_id)
            with clock.frozen(next(moment)):
                reporter.report_progress(task_id, 80, "已完成现场整改，正在整理台账。", [photo])
            if number == 0:  # the office sent it back once
                with clock.frozen(next(moment)):
                    reporter.request_closure(task_id, "整改已完成，申请销号。")
                with clock.frozen(next(moment)):
                    self.as_user(CLERK).return_task(task_id, "佐证材料不全，请补充现场照片。")
            with clock.frozen(next(moment)):
                reporter.request_closure(
                    task_id, "整改已全部完成，现场照片及验收记录附后，申请销号。", [photo, scan]
                )
        for task_id in chosen[closures:]:
            task = self.wb.task(task_id)
            new_deadline = date.fromisoformat(task["deadline"]) + timedelta(days=rng.randint(7, 20))
            with clock.frozen(next(self.after_last_step(task_id))):
                self.reporter_of(task_id).request_extension(
                    task_id, new_deadline, "涉及多部门协调，需延长整改时间。"
                )

    def after_last_step(self, task_id: int) -> Iterator[datetime]:
        """Moments for a task's next steps, two hours apart: from its last change, or from
        two days ago if that was earlier (so its history stays in order)."""
        last = datetime.fromisoformat(self.wb.task(task_id)["updated_at"])
        start = datetime.combine(self.today - timedelta(days=2), time(9, 0))
        return (max(last, start) + timedelta(hours=2 * n) for n in itertools.count(1))

    def reporter_of(self, task_id: int) -> Workbook:
        row = self.wb.store.one(
            "SELECT us.login FROM tasks t"
            " JOIN users us ON us.unit_id = t.unit_id AND us.role = 'reporter' WHERE t.id = ?",
            [task_id],
        )
        return self.as_user(row["login"])

    def pending_request(self, task_id: int) -> int:
        row = self.wb.store.one(
            "SELECT id FROM extension_requests WHERE task_id = ? AND decision IS NULL", [task_id]
        )
        return row["id"]

    def remind(self, task_id: int) -> None:
        if self.wb.store.one("SELECT 1 FROM tasks WHERE id = ? AND status != 'closed'", [task_id]):
            self.as_user(CLERK).remind(task_id, "请抓紧办理并按时反馈。")


def evidence_files(folder: Path) -> tuple[Path, Path]:
    """A site photo (JPEG) and a scanned acceptance record (PDF), drawn for the demo."""
    image = Image.new("RGB", (480, 320), (205, 220, 232))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 150, 440, 290), fill=(150, 120, 90))
    draw.rectangle((180, 60, 300, 150), fill=(200, 60, 50))
    photo, scan = folder / "现场照片.jpg", folder / "验收记录.pdf"
    image.save(photo, "JPEG", quality=80)
    image.convert("L").save(scan, "PDF")
    return photo, scan


def meeting_text(district: str, title: str, held: date, presider: str, items: list[dict]) -> str:
    """A report in the style of the corpus: narrative, then 会议要求：一是…；二是…。"""
    listed = "；".join(
        f"{CHINESE_NUMERALS[i]}是{item['text'].removeprefix('要')}" for i, item in enumerate(items)
    )
    return (
        f"{held.month}月{held.day}日，{district}召开{title}。会议由{presider}主持，"
        f"各街道、区安委会各成员单位主要负责同志参加会议。会议传达学习了上级安全生产会议精神，"
        f"区应急管理局通报了近期全区安全生产形势。\n会议要求：{listed}。"
    )


def build_demo(
    db: str | Path, today: date | None = None, seed: int = 2026, password: str | None = None
) -> Workbook:
    """Create a demo database at `db` (which must not hold a demo already) and return it.

    Every demo user signs in with `password` (None: a one-time one), which is written, with
    the logins, to `sign_in_file(db)` (mode 0600). It is hashed once and each row keeps a copy
    of that one salted hash: hashing per user would cost ~0.15 s each."""
    today = today or clock.today()
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    with clock.frozen(today - timedelta(days=200)):
        wb = open_workbook(db, user="admin", settings=load_settings())
        if wb.store.one("SELECT 1 FROM units"):
            raise ValueError(
                f"{db} already holds units: the demo is built into a new database only"
            )
        simulation = _Simulation(wb, data, today, seed)
        with wb.store.write(wb.actor):
            simulation.registry()
            simulation.meetings()
            with tempfile.TemporaryDirectory() as folder:
                simulation.backlog(Path(folder))
    password = one_time_password() if password is None else password
    columns = password_columns(hash_password(password))
    with wb.store.write(wb.actor) as tx:
        for row in wb.store.rows("SELECT id FROM users"):
            tx.update("users", row["id"], columns, "set_password")
    _write_sign_in(wb, password)
    return wb


def sign_in_file(db: str | Path) -> Path:
    """Where a demo database's logins and password are kept: beside it."""
    return Path(db).with_name(SIGN_IN_FILE)


def _write_sign_in(wb: Workbook, password: str) -> None:
    """The demo's logins (role, name) and their one password, readable by its owner only."""
    users = wb.store.rows("SELECT login, role, display_name FROM users ORDER BY role, login")
    lines = [
        f"Demo users of {wb.store.path} (duban serve, then sign in):",
        f"password of every demo user: {password}",
        "",
        *(f"{u['login']}\t{u['role']}\t{u['display_name']}" for u in users),
    ]
    fd = os.open(sign_in_file(wb.store.path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an older file keeps its mode through O_CREAT
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
