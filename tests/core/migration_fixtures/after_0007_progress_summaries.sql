-- A Duban database after migration 0007_progress_summaries, with representative rows.
-- Written once by make_fixture.py; never edit or regenerate it (like a migration).
BEGIN;

CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" ("id", "migration_set", "name", "applied_at") VALUES (1, 'duban', '0001_initial', '2026-09-01 00:30:00+00:00');
INSERT INTO "_sqlite_migrations" ("id", "migration_set", "name", "applied_at") VALUES (2, 'duban', '0002_drafts', '2026-09-01 00:30:00+00:00');
INSERT INTO "_sqlite_migrations" ("id", "migration_set", "name", "applied_at") VALUES (3, 'duban', '0003_progress_indexes', '2026-09-01 00:30:00+00:00');
INSERT INTO "_sqlite_migrations" ("id", "migration_set", "name", "applied_at") VALUES (4, 'duban', '0004_holidays', '2026-09-01 00:30:00+00:00');
INSERT INTO "_sqlite_migrations" ("id", "migration_set", "name", "applied_at") VALUES (5, 'duban', '0005_supervision_indexes', '2026-09-01 00:30:00+00:00');
INSERT INTO "_sqlite_migrations" ("id", "migration_set", "name", "applied_at") VALUES (6, 'duban', '0006_passwords', '2026-09-01 00:30:00+00:00');
INSERT INTO "_sqlite_migrations" ("id", "migration_set", "name", "applied_at") VALUES (7, 'duban', '0007_progress_summaries', '2026-09-01 00:30:00+00:00');

CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('street', 'department', 'committee', 'other')),
        aliases TEXT NOT NULL DEFAULT '[]',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        valid_from TEXT,
        valid_to TEXT,
        successor_id INTEGER REFERENCES units(id),
        created_at TEXT NOT NULL
    );
INSERT INTO "units" ("id", "name", "kind", "aliases", "active", "valid_from", "valid_to", "successor_id", "created_at") VALUES (1, '东街街道', 'street', '["East Street", "老城街道"]', 1, '2026-09-01', NULL, NULL, '2026-09-01T09:00:00');
INSERT INTO "units" ("id", "name", "kind", "aliases", "active", "valid_from", "valid_to", "successor_id", "created_at") VALUES (2, '西街街道', 'street', '["西街"]', 1, '2026-09-01', NULL, NULL, '2026-09-01T09:00:00');
INSERT INTO "units" ("id", "name", "kind", "aliases", "active", "valid_from", "valid_to", "successor_id", "created_at") VALUES (3, '老城街道', 'street', '[]', 0, '2026-09-01', '2026-10-31', 1, '2026-09-01T09:00:00');
INSERT INTO "units" ("id", "name", "kind", "aliases", "active", "valid_from", "valid_to", "successor_id", "created_at") VALUES (4, '区应急管理局', 'department', '["Emergency Bureau"]', 1, NULL, NULL, NULL, '2026-09-01T09:00:00');
INSERT INTO "units" ("id", "name", "kind", "aliases", "active", "valid_from", "valid_to", "successor_id", "created_at") VALUES (5, '区消防救援大队', 'department', '[]', 1, NULL, NULL, NULL, '2026-09-01T09:00:00');
INSERT INTO "units" ("id", "name", "kind", "aliases", "active", "valid_from", "valid_to", "successor_id", "created_at") VALUES (6, '区住房和城乡建设局', 'department', '["住建局"]', 1, NULL, NULL, NULL, '2026-09-02T10:30:00');
INSERT INTO "units" ("id", "name", "kind", "aliases", "active", "valid_from", "valid_to", "successor_id", "created_at") VALUES (7, '经开区管委会', 'committee', '[]', 1, '2026-10-01', NULL, NULL, '2026-10-01T09:00:00');

CREATE TABLE unit_groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        aliases TEXT NOT NULL DEFAULT '[]',
        unit_kind TEXT CHECK (unit_kind IS NULL OR unit_kind IN ('street', 'department', 'committee', 'other')),
        created_at TEXT NOT NULL
    );
INSERT INTO "unit_groups" ("id", "name", "aliases", "unit_kind", "created_at") VALUES (1, '所有街道', '["All streets", "各街道"]', 'street', '2026-09-01T09:00:00');
INSERT INTO "unit_groups" ("id", "name", "aliases", "unit_kind", "created_at") VALUES (2, '安委会成员单位', '["各成员单位"]', NULL, '2026-09-01T09:00:00');

CREATE TABLE unit_group_members (
        group_id INTEGER NOT NULL REFERENCES unit_groups(id),
        unit_id INTEGER NOT NULL REFERENCES units(id),
        PRIMARY KEY (group_id, unit_id)
    );
INSERT INTO "unit_group_members" ("group_id", "unit_id") VALUES (2, 4);
INSERT INTO "unit_group_members" ("group_id", "unit_id") VALUES (2, 5);
INSERT INTO "unit_group_members" ("group_id", "unit_id") VALUES (2, 6);
INSERT INTO "unit_group_members" ("group_id", "unit_id") VALUES (2, 7);

CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        login TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'reporter', 'leader', 'analyst')),
        unit_id INTEGER REFERENCES units(id),
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    , password_hash TEXT, password_changed_at TEXT, failed_sign_ins INTEGER NOT NULL DEFAULT 0, locked_until TEXT);
INSERT INTO "users" ("id", "login", "display_name", "role", "unit_id", "active", "created_at", "password_hash", "password_changed_at", "failed_sign_ins", "locked_until") VALUES (1, 'admin', 'Administrator', 'admin', NULL, 1, '2026-09-01T09:00:00', '$argon2id$v=19$m=65536,t=3,p=4$QwYAmf/dNGX3jyoz/472OA$c4gh9sszg+W7TTuFrjUm2ryrQGR0l0Q/ty8NwuPLBiY', '2026-09-01T09:05:00', 0, NULL);
INSERT INTO "users" ("id", "login", "display_name", "role", "unit_id", "active", "created_at", "password_hash", "password_changed_at", "failed_sign_ins", "locked_until") VALUES (2, 'clerk', '王文', 'clerk', NULL, 1, '2026-09-01T09:00:00', '$argon2id$v=19$m=65536,t=3,p=4$QwYAmf/dNGX3jyoz/472OA$c4gh9sszg+W7TTuFrjUm2ryrQGR0l0Q/ty8NwuPLBiY', '2026-09-01T09:05:00', 0, NULL);
INSERT INTO "users" ("id", "login", "display_name", "role", "unit_id", "active", "created_at", "password_hash", "password_changed_at", "failed_sign_ins", "locked_until") VALUES (3, 'leader', '陈卫', 'leader', NULL, 1, '2026-09-01T09:00:00', '$argon2id$v=19$m=65536,t=3,p=4$QwYAmf/dNGX3jyoz/472OA$c4gh9sszg+W7TTuFrjUm2ryrQGR0l0Q/ty8NwuPLBiY', '2026-09-01T09:05:00', 1, NULL);
INSERT INTO "users" ("id", "login", "display_name", "role", "unit_id", "active", "created_at", "password_hash", "password_changed_at", "failed_sign_ins", "locked_until") VALUES (4, 'analyst', 'Zhou Min', 'analyst', NULL, 1, '2026-09-01T09:00:00', NULL, NULL, 0, NULL);
INSERT INTO "users" ("id", "login", "display_name", "role", "unit_id", "active", "created_at", "password_hash", "password_changed_at", "failed_sign_ins", "locked_until") VALUES (5, 'east', '东街街道填报员', 'reporter', 1, 1, '2026-09-01T09:00:00', '$argon2id$v=19$m=65536,t=3,p=4$QwYAmf/dNGX3jyoz/472OA$c4gh9sszg+W7TTuFrjUm2ryrQGR0l0Q/ty8NwuPLBiY', '2026-09-03T14:00:00', 0, NULL);
INSERT INTO "users" ("id", "login", "display_name", "role", "unit_id", "active", "created_at", "password_hash", "password_changed_at", "failed_sign_ins", "locked_until") VALUES (6, 'west', '西街街道填报员', 'reporter', 2, 1, '2026-09-01T09:00:00', '$argon2id$v=19$m=65536,t=3,p=4$QwYAmf/dNGX3jyoz/472OA$c4gh9sszg+W7TTuFrjUm2ryrQGR0l0Q/ty8NwuPLBiY', '2026-09-01T09:05:00', 5, '2026-11-16T09:15:00');
INSERT INTO "users" ("id", "login", "display_name", "role", "unit_id", "active", "created_at", "password_hash", "password_changed_at", "failed_sign_ins", "locked_until") VALUES (7, 'fire', '消防大队填报员', 'reporter', 5, 1, '2026-09-01T09:00:00', '$argon2id$v=19$m=65536,t=3,p=4$QwYAmf/dNGX3jyoz/472OA$c4gh9sszg+W7TTuFrjUm2ryrQGR0l0Q/ty8NwuPLBiY', '2026-09-01T09:05:00', 0, NULL);
INSERT INTO "users" ("id", "login", "display_name", "role", "unit_id", "active", "created_at", "password_hash", "password_changed_at", "failed_sign_ins", "locked_until") VALUES (8, 'build', 'O''Brien (住建局)', 'reporter', 6, 1, '2026-09-02T10:30:00', '$argon2id$v=19$m=65536,t=3,p=4$QwYAmf/dNGX3jyoz/472OA$c4gh9sszg+W7TTuFrjUm2ryrQGR0l0Q/ty8NwuPLBiY', '2026-09-02T10:35:00', 0, NULL);
INSERT INTO "users" ("id", "login", "display_name", "role", "unit_id", "active", "created_at", "password_hash", "password_changed_at", "failed_sign_ins", "locked_until") VALUES (9, 'oldtown', '老城街道填报员', 'reporter', 1, 0, '2026-09-01T09:00:00', NULL, NULL, 0, NULL);

CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('plenary', 'video_conference', 'dispatch', 'special', 'inspection', 'other')),
        level TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'municipal', 'district', 'street')),
        held_on TEXT NOT NULL,
        location TEXT,
        presider TEXT,
        speakers TEXT NOT NULL DEFAULT '[]',
        attendees TEXT,
        upstream_meeting_id INTEGER REFERENCES meetings(id),
        doc_number TEXT,
        text TEXT NOT NULL DEFAULT '',
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
INSERT INTO "meetings" ("id", "title", "kind", "level", "held_on", "location", "presider", "speakers", "attendees", "upstream_meeting_id", "doc_number", "text", "created_by", "created_at") VALUES (1, '全市安全生产电视电话会议', 'video_conference', 'municipal', '2026-09-08', '视频会议分会场', '副市长 赵华', '["副市长 赵华"]', NULL, NULL, NULL, '', 'clerk', '2026-09-08T16:00:00');
INSERT INTO "meetings" ("id", "title", "kind", "level", "held_on", "location", "presider", "speakers", "attendees", "upstream_meeting_id", "doc_number", "text", "created_by", "created_at") VALUES (2, '区安委会2026年第三次全体会议', 'plenary', 'district', '2026-09-15', '区政府第一会议室', '区长 陈卫', '["区长 陈卫", "区应急管理局局长 孙立"]', '各街道、区安委会各成员单位主要负责同志', 1, '清安委〔2026〕12号', '9月15日，区安委会召开2026年第三次全体会议，传达学习全市安全生产电视电话会议精神。
会议要求：一是压紧压实安全生产责任，（一）各街道要开展燃气安全隐患排查整治；（二）各部门要加强建筑施工领域监管。二是做好消防安全和道路交通安全工作。', 'clerk', '2026-09-15T17:30:00');
INSERT INTO "meetings" ("id", "title", "kind", "level", "held_on", "location", "presider", "speakers", "attendees", "upstream_meeting_id", "doc_number", "text", "created_by", "created_at") VALUES (3, '燃气安全专项整治调度会', 'dispatch', 'district', '2026-10-20', NULL, NULL, '[]', NULL, NULL, NULL, '', 'clerk', '2026-10-20T11:00:00');
INSERT INTO "meetings" ("id", "title", "kind", "level", "held_on", "location", "presider", "speakers", "attendees", "upstream_meeting_id", "doc_number", "text", "created_by", "created_at") VALUES (4, 'On-site inspection of the chemical park', 'inspection', 'street', '2026-11-02', '经开区化工园区', 'Leader Chen', '["Leader Chen"]', NULL, NULL, NULL, 'First, fix the blocked fire exits found on site.', 'admin', '2026-11-02T18:00:00');

CREATE TABLE directives (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id),
        parent_id INTEGER REFERENCES directives(id),
        seq TEXT NOT NULL,
        position INTEGER NOT NULL,
        marker TEXT,
        speaker TEXT,
        text TEXT NOT NULL,
        areas TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
    );
INSERT INTO "directives" ("id", "meeting_id", "parent_id", "seq", "position", "marker", "speaker", "text", "areas", "created_at") VALUES (1, 2, NULL, '1', 1, '一是', '区长 陈卫', '压紧压实安全生产责任', '[]', '2026-09-15T17:30:00');
INSERT INTO "directives" ("id", "meeting_id", "parent_id", "seq", "position", "marker", "speaker", "text", "areas", "created_at") VALUES (2, 2, 1, '1.1', 2, '（一）', '区长 陈卫', '各街道要开展燃气安全隐患排查整治', '["gas"]', '2026-09-15T17:30:00');
INSERT INTO "directives" ("id", "meeting_id", "parent_id", "seq", "position", "marker", "speaker", "text", "areas", "created_at") VALUES (3, 2, 1, '1.2', 3, '（二）', '区长 陈卫', '各部门要加强建筑施工领域监管', '["construction", "special_equipment"]', '2026-09-15T17:30:00');
INSERT INTO "directives" ("id", "meeting_id", "parent_id", "seq", "position", "marker", "speaker", "text", "areas", "created_at") VALUES (4, 2, NULL, '2', 4, '二是', '区应急管理局局长 孙立', '做好消防安全和道路交通安全工作', '["fire", "road_traffic"]', '2026-09-15T17:30:00');
INSERT INTO "directives" ("id", "meeting_id", "parent_id", "seq", "position", "marker", "speaker", "text", "areas", "created_at") VALUES (5, 3, NULL, '1', 1, NULL, NULL, '各街道每周报送瓶装燃气用户排查进展', '["gas"]', '2026-10-20T11:00:00');
INSERT INTO "directives" ("id", "meeting_id", "parent_id", "seq", "position", "marker", "speaker", "text", "areas", "created_at") VALUES (6, 4, NULL, '1', 1, 'First,', 'Leader Chen', 'Fix the blocked fire exits.', '["fire", "hazardous_chemicals"]', '2026-11-02T18:00:00');

CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        directive_id INTEGER NOT NULL REFERENCES directives(id),
        unit_id INTEGER NOT NULL REFERENCES units(id),
        role TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
        deadline TEXT NOT NULL,
        original_deadline TEXT NOT NULL,
        cycle TEXT NOT NULL DEFAULT 'none' CHECK (cycle IN ('none', 'weekly', 'monthly', 'quarterly')),
        status TEXT NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'acknowledged', 'in_progress', 'extension_requested', 'closure_requested', 'returned', 'closed')),
        percent INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
        assigned_at TEXT NOT NULL,
        assigned_by TEXT NOT NULL,
        closed_at TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (directive_id, unit_id)
    );
INSERT INTO "tasks" ("id", "directive_id", "unit_id", "role", "deadline", "original_deadline", "cycle", "status", "percent", "assigned_at", "assigned_by", "closed_at", "updated_at") VALUES (1, 2, 1, 'lead', '2026-11-30', '2026-11-30', 'none', 'closed', 100, '2026-09-15T17:30:00', 'clerk', '2026-10-28T15:00:00', '2026-10-28T15:00:00');
INSERT INTO "tasks" ("id", "directive_id", "unit_id", "role", "deadline", "original_deadline", "cycle", "status", "percent", "assigned_at", "assigned_by", "closed_at", "updated_at") VALUES (2, 2, 2, 'lead', '2026-11-30', '2026-11-30', 'none', 'returned', 100, '2026-09-15T17:30:00', 'clerk', NULL, '2026-11-10T11:00:00');
INSERT INTO "tasks" ("id", "directive_id", "unit_id", "role", "deadline", "original_deadline", "cycle", "status", "percent", "assigned_at", "assigned_by", "closed_at", "updated_at") VALUES (3, 2, 3, 'lead', '2026-11-30', '2026-11-30', 'none', 'closed', 100, '2026-09-15T17:30:00', 'clerk', '2026-10-30T10:00:00', '2026-10-30T10:00:00');
INSERT INTO "tasks" ("id", "directive_id", "unit_id", "role", "deadline", "original_deadline", "cycle", "status", "percent", "assigned_at", "assigned_by", "closed_at", "updated_at") VALUES (4, 3, 4, 'lead', '2026-12-15', '2026-11-30', 'none', 'in_progress', 60, '2026-09-15T17:30:00', 'clerk', NULL, '2026-11-05T10:00:00');
INSERT INTO "tasks" ("id", "directive_id", "unit_id", "role", "deadline", "original_deadline", "cycle", "status", "percent", "assigned_at", "assigned_by", "closed_at", "updated_at") VALUES (5, 3, 6, 'cooperating', '2026-11-30', '2026-11-30', 'none', 'extension_requested', 30, '2026-09-15T17:30:00', 'clerk', NULL, '2026-11-10T15:00:00');
INSERT INTO "tasks" ("id", "directive_id", "unit_id", "role", "deadline", "original_deadline", "cycle", "status", "percent", "assigned_at", "assigned_by", "closed_at", "updated_at") VALUES (6, 4, 5, 'lead', '2026-11-20', '2026-11-20', 'none', 'closure_requested', 100, '2026-09-15T17:30:00', 'clerk', NULL, '2026-11-12T16:20:00');
INSERT INTO "tasks" ("id", "directive_id", "unit_id", "role", "deadline", "original_deadline", "cycle", "status", "percent", "assigned_at", "assigned_by", "closed_at", "updated_at") VALUES (7, 4, 1, 'cooperating', '2026-11-20', '2026-11-20', 'none', 'acknowledged', 0, '2026-09-15T17:30:00', 'clerk', NULL, '2026-09-16T08:40:00');
INSERT INTO "tasks" ("id", "directive_id", "unit_id", "role", "deadline", "original_deadline", "cycle", "status", "percent", "assigned_at", "assigned_by", "closed_at", "updated_at") VALUES (8, 5, 1, 'lead', '2026-12-31', '2026-12-31', 'weekly', 'in_progress', 40, '2026-10-20T11:00:00', 'clerk', NULL, '2026-11-13T17:00:00');
INSERT INTO "tasks" ("id", "directive_id", "unit_id", "role", "deadline", "original_deadline", "cycle", "status", "percent", "assigned_at", "assigned_by", "closed_at", "updated_at") VALUES (9, 5, 2, 'lead', '2026-12-31', '2026-12-31', 'weekly', 'assigned', 0, '2026-10-20T11:00:00', 'clerk', NULL, '2026-10-20T11:00:00');
INSERT INTO "tasks" ("id", "directive_id", "unit_id", "role", "deadline", "original_deadline", "cycle", "status", "percent", "assigned_at", "assigned_by", "closed_at", "updated_at") VALUES (10, 6, 1, 'lead', '2026-11-13', '2026-11-13', 'none', 'in_progress', 70, '2026-11-02T18:00:00', 'admin', NULL, '2026-11-12T10:00:00');
INSERT INTO "tasks" ("id", "directive_id", "unit_id", "role", "deadline", "original_deadline", "cycle", "status", "percent", "assigned_at", "assigned_by", "closed_at", "updated_at") VALUES (11, 4, 2, 'cooperating', '2026-11-20', '2026-11-20', 'none', 'in_progress', 20, '2026-09-15T17:30:00', 'clerk', NULL, '2026-11-11T09:30:00');
INSERT INTO "tasks" ("id", "directive_id", "unit_id", "role", "deadline", "original_deadline", "cycle", "status", "percent", "assigned_at", "assigned_by", "closed_at", "updated_at") VALUES (12, 6, 7, 'cooperating', '2026-11-13', '2026-11-13', 'monthly', 'assigned', 0, '2026-11-02T18:00:00', 'admin', NULL, '2026-11-02T18:00:00');

CREATE TABLE progress_reports (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks(id),
        reported_at TEXT NOT NULL,
        reporter TEXT NOT NULL,
        percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
        text TEXT NOT NULL,
        closure_request INTEGER NOT NULL DEFAULT 0
    );
INSERT INTO "progress_reports" ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request") VALUES (1, 1, '2026-10-10T10:00:00', 'east', 50, '已完成辖区燃气用户入户排查', 0);
INSERT INTO "progress_reports" ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request") VALUES (2, 1, '2026-10-27T17:00:00', 'east', 100, '隐患已全部整改到位，申请办结', 1);
INSERT INTO "progress_reports" ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request") VALUES (3, 2, '2026-10-25T09:00:00', 'west', 100, 'All 214 restaurants checked.', 1);
INSERT INTO "progress_reports" ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request") VALUES (4, 3, '2026-10-29T16:00:00', 'oldtown', 100, '整改完成', 1);
INSERT INTO "progress_reports" ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request") VALUES (5, 4, '2026-11-05T10:00:00', 'clerk', 60, '代区应急管理局录入：已检查工地12处', 0);
INSERT INTO "progress_reports" ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request") VALUES (6, 5, '2026-11-02T11:00:00', 'build', 30, '已排查在建工地8处；
整改中', 0);
INSERT INTO "progress_reports" ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request") VALUES (7, 6, '2026-11-12T16:20:00', 'fire', 100, '消防通道已全部清理，附照片', 1);
INSERT INTO "progress_reports" ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request") VALUES (8, 8, '2026-11-06T17:00:00', 'east', 20, '第一周：排查瓶装燃气用户63户', 0);
INSERT INTO "progress_reports" ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request") VALUES (9, 8, '2026-11-13T17:00:00', 'east', 40, '第二周：排查瓶装燃气用户118户', 0);
INSERT INTO "progress_reports" ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request") VALUES (10, 10, '2026-11-04T15:00:00', 'east', 100, 'Exits cleared, it''s done.', 1);
INSERT INTO "progress_reports" ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request") VALUES (11, 10, '2026-11-12T10:00:00', 'east', 70, '回头看发现2处通道再次堵塞', 0);
INSERT INTO "progress_reports" ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request") VALUES (12, 11, '2026-11-09T09:00:00', 'west', 20, '已部署', 0);
INSERT INTO "progress_reports" ("id", "task_id", "reported_at", "reporter", "percent", "text", "closure_request") VALUES (13, 2, '2026-10-12T09:00:00', 'west', 40, '', 0);

CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES progress_reports(id),
        filename TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL
    );
INSERT INTO "evidence" ("id", "report_id", "filename", "path", "sha256", "size") VALUES (1, 2, '整改照片.jpg', 'evidence/d6/d6b3c2737362342d889ee48896b6e67d662c16e681937b9b5c245ca2c443fa77.jpg', 'd6b3c2737362342d889ee48896b6e67d662c16e681937b9b5c245ca2c443fa77', 48211);
INSERT INTO "evidence" ("id", "report_id", "filename", "path", "sha256", "size") VALUES (2, 7, '消防通道.png', 'evidence/51/51f98a27e3645b38c6b14d5acdcd6a54454c96c3f921b8905b35db2cd8bdd9c0.png', '51f98a27e3645b38c6b14d5acdcd6a54454c96c3f921b8905b35db2cd8bdd9c0', 9120);
INSERT INTO "evidence" ("id", "report_id", "filename", "path", "sha256", "size") VALUES (3, 7, '验收记录.pdf', 'evidence/e7/e73b456e35583c20b65b107fcac284c42b7d606aa9ad928dd2e491b959865546.pdf', 'e73b456e35583c20b65b107fcac284c42b7d606aa9ad928dd2e491b959865546', 5060);

CREATE TABLE extension_requests (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks(id),
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        old_deadline TEXT NOT NULL,
        new_deadline TEXT NOT NULL,
        decision TEXT CHECK (decision IS NULL OR decision IN ('approved', 'rejected')),
        decided_by TEXT,
        decided_at TEXT,
        comment TEXT
    );
INSERT INTO "extension_requests" ("id", "task_id", "requested_by", "requested_at", "reason", "old_deadline", "new_deadline", "decision", "decided_by", "decided_at", "comment") VALUES (1, 4, 'clerk', '2026-11-01T09:00:00', '涉及多部门协调，需延长整改时间。', '2026-11-30', '2026-12-15', 'approved', 'clerk', '2026-11-03T10:00:00', '同意延期。');
INSERT INTO "extension_requests" ("id", "task_id", "requested_by", "requested_at", "reason", "old_deadline", "new_deadline", "decision", "decided_by", "decided_at", "comment") VALUES (2, 5, 'build', '2026-11-10T15:00:00', '工地停工待检', '2026-11-30', '2026-12-20', NULL, NULL, NULL, NULL);
INSERT INTO "extension_requests" ("id", "task_id", "requested_by", "requested_at", "reason", "old_deadline", "new_deadline", "decision", "decided_by", "decided_at", "comment") VALUES (3, 11, 'west', '2026-11-10T08:00:00', 'Need time', '2026-11-20', '2026-12-05', 'rejected', 'clerk', '2026-11-11T09:30:00', 'The deadline is set by the city.');

CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks(id),
        decision TEXT NOT NULL CHECK (decision IN ('closed', 'returned', 'reopened')),
        comment TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL,
        reviewed_at TEXT NOT NULL
    );
INSERT INTO "reviews" ("id", "task_id", "decision", "comment", "reviewer", "reviewed_at") VALUES (1, 1, 'closed', '经核查，同意办结。', 'clerk', '2026-10-28T15:00:00');
INSERT INTO "reviews" ("id", "task_id", "decision", "comment", "reviewer", "reviewed_at") VALUES (2, 2, 'returned', '缺少整改前后对比照片', 'clerk', '2026-11-10T11:00:00');
INSERT INTO "reviews" ("id", "task_id", "decision", "comment", "reviewer", "reviewed_at") VALUES (3, 3, 'closed', '', 'clerk', '2026-10-30T10:00:00');
INSERT INTO "reviews" ("id", "task_id", "decision", "comment", "reviewer", "reviewed_at") VALUES (4, 10, 'closed', 'OK', 'admin', '2026-11-05T10:00:00');
INSERT INTO "reviews" ("id", "task_id", "decision", "comment", "reviewer", "reviewed_at") VALUES (5, 10, 'reopened', '回头看：通道再次堵塞', 'clerk', '2026-11-11T09:00:00');

CREATE TABLE reminders (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks(id),
        kind TEXT NOT NULL CHECK (kind IN ('reminder', 'interview')),
        note TEXT NOT NULL DEFAULT '',
        sent_by TEXT NOT NULL,
        sent_at TEXT NOT NULL
    );
INSERT INTO "reminders" ("id", "task_id", "kind", "note", "sent_by", "sent_at") VALUES (1, 9, 'reminder', '请抓紧办理并按时反馈。', 'clerk', '2026-11-09T17:00:00');
INSERT INTO "reminders" ("id", "task_id", "kind", "note", "sent_by", "sent_at") VALUES (2, 10, 'interview', '约谈街道分管负责同志', 'clerk', '2026-11-14T10:00:00');
INSERT INTO "reminders" ("id", "task_id", "kind", "note", "sent_by", "sent_at") VALUES (3, 7, 'reminder', '', 'clerk', '2026-11-16T08:30:00');

CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        before TEXT,
        after TEXT
    );
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (1, '2026-09-01T09:00:00', 'system', 'add_user', 'users', 1, NULL, '{"display_name": "Administrator", "login": "admin", "role": "admin"}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (2, '2026-09-01T09:00:00', 'admin', 'add_unit', 'units', 1, NULL, '{"aliases": "[\"East Street\"]", "kind": "street", "name": "东街街道"}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (3, '2026-09-01T09:00:00', 'admin', 'add_group_member', 'unit_group_members', 1, NULL, '{"group_id": 2, "unit_id": 4}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (4, '2026-09-01T09:05:00', 'admin', 'set_password', 'users', 2, '{"password_hash": "<not kept in the audit>"}', '{"password_hash": "<not kept in the audit>"}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (5, '2026-09-15T17:30:00', 'clerk', 'log_meeting', 'meetings', 2, NULL, '{"held_on": "2026-09-15", "title": "区安委会2026年第三次全体会议"}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (6, '2026-09-15T17:30:00', 'clerk', 'add_directive', 'directives', 2, NULL, '{"seq": "1.1", "text": "各街道要开展燃气安全隐患排查整治"}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (7, '2026-09-15T17:30:00', 'clerk', 'assign', 'tasks', 1, NULL, '{"deadline": "2026-11-30", "status": "assigned", "unit_id": 1}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (8, '2026-10-27T17:00:00', 'east', 'request_closure', 'tasks', 1, '{"percent": 50, "status": "in_progress"}', '{"percent": 100, "status": "closure_requested"}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (9, '2026-10-27T17:00:00', 'east', 'request_closure', 'progress_reports', 2, NULL, '{"closure_request": 1, "percent": 100, "task_id": 1}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (10, '2026-10-27T17:00:00', 'east', 'add_evidence', 'evidence', 1, NULL, '{"filename": "整改照片.jpg", "report_id": 2, "size": 48211}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (11, '2026-10-28T15:00:00', 'clerk', 'close', 'tasks', 1, '{"closed_at": null, "status": "closure_requested"}', '{"closed_at": "2026-10-28T15:00:00", "status": "closed"}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (12, '2026-10-28T15:00:00', 'clerk', 'close', 'reviews', 1, NULL, '{"comment": "经核查，同意办结。", "decision": "closed", "task_id": 1}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (13, '2026-10-31T09:00:00', 'admin', 'merge_unit', 'units', 3, '{"active": 1, "successor_id": null}', '{"active": 0, "successor_id": 1}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (14, '2026-11-02T09:00:00', 'clerk', 'enter_holiday', 'holidays', 3, NULL, '{"date": "2026-11-27", "kind": "holiday"}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (15, '2026-11-03T10:00:00', 'clerk', 'decide_extension', 'extension_requests', 1, '{"decision": null}', '{"decision": "approved"}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (16, '2026-11-09T17:00:00', 'clerk', 'remind', 'reminders', 1, NULL, '{"kind": "reminder", "task_id": 9}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (17, '2026-11-13T14:00:00', 'clerk', 'save_draft', 'drafts', 1, NULL, '{"payload": "<not kept in the audit>", "title": "11月燃气安全调度会"}');
INSERT INTO "events" ("id", "at", "actor", "action", "entity", "entity_id", "before", "after") VALUES (18, '2026-11-16T09:15:00', 'west', 'sign_in_locked', 'users', 6, '{"failed_sign_ins": 4, "locked_until": null}', '{"failed_sign_ins": 5, "locked_until": "2026-11-16T09:15:00"}');

CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            owner TEXT NOT NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
INSERT INTO "drafts" ("id", "owner", "kind", "title", "payload", "created_at", "updated_at") VALUES (1, 'clerk', 'deployment', '11月燃气安全调度会', '{"step": 1, "meeting": {"title": "11月燃气安全调度会", "kind": "dispatch", "level": "district", "held_on": "2026-11-13", "location": "区应急管理局三楼会议室", "presider": "区应急管理局局长 孙立", "speakers": "区应急管理局局长 孙立", "attendees": "", "upstream_meeting_id": null, "doc_number": "", "text": "会议要求：一是各街道要完成餐饮场所燃气报警器安装；二是要加强夜查。"}, "review": {"source": "会议要求：一是各街道要完成餐饮场所燃气报警器安装；二是要加强夜查。", "items": [{"uid": "d1", "text": "各街道要完成餐饮场所燃气报警器安装", "areas": ["gas"], "marker": "一是", "speaker": null, "parent": null, "mentions": ["各街道"]}, {"uid": "d2", "text": "要加强夜查", "areas": [], "marker": "二是", "speaker": null, "parent": null, "mentions": []}], "narrative": []}, "assign": {"assignments": []}}', '2026-11-13T14:00:00', '2026-11-13T14:20:00');
INSERT INTO "drafts" ("id", "owner", "kind", "title", "payload", "created_at", "updated_at") VALUES (2, 'admin', 'deployment', '', '{"step": 0}', '2026-11-14T08:00:00', '2026-11-14T08:00:00');

CREATE TABLE holidays (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL UNIQUE CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
            name TEXT NOT NULL,
            entered_by TEXT NOT NULL,
            entered_at TEXT NOT NULL
        );
INSERT INTO "holidays" ("id", "date", "kind", "name", "entered_by", "entered_at") VALUES (1, '2026-10-01', 'holiday', '国庆节', 'clerk', '2026-09-01T10:00:00');
INSERT INTO "holidays" ("id", "date", "kind", "name", "entered_by", "entered_at") VALUES (2, '2026-10-10', 'workday', '国庆节调休上班', 'clerk', '2026-09-01T10:00:00');
INSERT INTO "holidays" ("id", "date", "kind", "name", "entered_by", "entered_at") VALUES (3, '2026-11-27', 'holiday', 'District sports day', 'clerk', '2026-11-02T09:00:00');

CREATE TABLE directive_areas (
        directive_id INTEGER NOT NULL REFERENCES directives(id),
        area TEXT NOT NULL,
        PRIMARY KEY (directive_id, area)
    );
INSERT INTO "directive_areas" ("directive_id", "area") VALUES (2, 'gas');
INSERT INTO "directive_areas" ("directive_id", "area") VALUES (3, 'construction');
INSERT INTO "directive_areas" ("directive_id", "area") VALUES (3, 'special_equipment');
INSERT INTO "directive_areas" ("directive_id", "area") VALUES (4, 'fire');
INSERT INTO "directive_areas" ("directive_id", "area") VALUES (4, 'road_traffic');
INSERT INTO "directive_areas" ("directive_id", "area") VALUES (5, 'gas');
INSERT INTO "directive_areas" ("directive_id", "area") VALUES (6, 'fire');
INSERT INTO "directive_areas" ("directive_id", "area") VALUES (6, 'hazardous_chemicals');

CREATE TABLE task_days (
        assigned_day TEXT NOT NULL,
        open_deadline TEXT NOT NULL,
        tasks INTEGER NOT NULL,
        closed INTEGER NOT NULL,
        closed_on_time INTEGER NOT NULL,
        closed_late INTEGER NOT NULL,
        closed_days_late INTEGER NOT NULL,
        returned INTEGER NOT NULL,
        PRIMARY KEY (assigned_day, open_deadline)
    );
INSERT INTO "task_days" ("assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('2026-09-15', '', 2, 2, 2, 0, 0, 0);
INSERT INTO "task_days" ("assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('2026-09-15', '2026-11-30', 2, 0, 0, 0, 0, 1);
INSERT INTO "task_days" ("assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('2026-09-15', '2026-12-15', 1, 0, 0, 0, 0, 0);
INSERT INTO "task_days" ("assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('2026-09-15', '2026-11-20', 3, 0, 0, 0, 0, 0);
INSERT INTO "task_days" ("assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('2026-10-20', '2026-12-31', 2, 0, 0, 0, 0, 0);
INSERT INTO "task_days" ("assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('2026-11-02', '2026-11-13', 2, 0, 0, 0, 0, 0);

CREATE TABLE area_days (
        area TEXT NOT NULL,
        assigned_day TEXT NOT NULL,
        open_deadline TEXT NOT NULL,
        tasks INTEGER NOT NULL,
        closed INTEGER NOT NULL,
        closed_on_time INTEGER NOT NULL,
        closed_late INTEGER NOT NULL,
        closed_days_late INTEGER NOT NULL,
        returned INTEGER NOT NULL,
        PRIMARY KEY (area, assigned_day, open_deadline)
    );
INSERT INTO "area_days" ("area", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('gas', '2026-09-15', '', 2, 2, 2, 0, 0, 0);
INSERT INTO "area_days" ("area", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('construction', '2026-09-15', '2026-12-15', 1, 0, 0, 0, 0, 0);
INSERT INTO "area_days" ("area", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('special_equipment', '2026-09-15', '2026-12-15', 1, 0, 0, 0, 0, 0);
INSERT INTO "area_days" ("area", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('construction', '2026-09-15', '2026-11-30', 1, 0, 0, 0, 0, 0);
INSERT INTO "area_days" ("area", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('special_equipment', '2026-09-15', '2026-11-30', 1, 0, 0, 0, 0, 0);
INSERT INTO "area_days" ("area", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('fire', '2026-09-15', '2026-11-20', 3, 0, 0, 0, 0, 0);
INSERT INTO "area_days" ("area", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('road_traffic', '2026-09-15', '2026-11-20', 3, 0, 0, 0, 0, 0);
INSERT INTO "area_days" ("area", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('gas', '2026-10-20', '2026-12-31', 2, 0, 0, 0, 0, 0);
INSERT INTO "area_days" ("area", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('fire', '2026-11-02', '2026-11-13', 2, 0, 0, 0, 0, 0);
INSERT INTO "area_days" ("area", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('hazardous_chemicals', '2026-11-02', '2026-11-13', 2, 0, 0, 0, 0, 0);
INSERT INTO "area_days" ("area", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES ('gas', '2026-09-15', '2026-11-30', 1, 0, 0, 0, 0, 1);

CREATE TABLE directive_days (
        directive_id INTEGER NOT NULL,
        assigned_day TEXT NOT NULL,
        open_deadline TEXT NOT NULL,
        tasks INTEGER NOT NULL,
        closed INTEGER NOT NULL,
        closed_on_time INTEGER NOT NULL,
        closed_late INTEGER NOT NULL,
        closed_days_late INTEGER NOT NULL,
        returned INTEGER NOT NULL,
        PRIMARY KEY (directive_id, assigned_day, open_deadline)
    );
INSERT INTO "directive_days" ("directive_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (2, '2026-09-15', '', 2, 2, 2, 0, 0, 0);
INSERT INTO "directive_days" ("directive_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (3, '2026-09-15', '2026-12-15', 1, 0, 0, 0, 0, 0);
INSERT INTO "directive_days" ("directive_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (3, '2026-09-15', '2026-11-30', 1, 0, 0, 0, 0, 0);
INSERT INTO "directive_days" ("directive_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (4, '2026-09-15', '2026-11-20', 3, 0, 0, 0, 0, 0);
INSERT INTO "directive_days" ("directive_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (5, '2026-10-20', '2026-12-31', 2, 0, 0, 0, 0, 0);
INSERT INTO "directive_days" ("directive_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (6, '2026-11-02', '2026-11-13', 2, 0, 0, 0, 0, 0);
INSERT INTO "directive_days" ("directive_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (2, '2026-09-15', '2026-11-30', 1, 0, 0, 0, 0, 1);

CREATE TABLE unit_days (
        unit_id INTEGER NOT NULL,
        assigned_day TEXT NOT NULL,
        open_deadline TEXT NOT NULL,
        tasks INTEGER NOT NULL,
        closed INTEGER NOT NULL,
        closed_on_time INTEGER NOT NULL,
        closed_late INTEGER NOT NULL,
        closed_days_late INTEGER NOT NULL,
        returned INTEGER NOT NULL,
        PRIMARY KEY (unit_id, assigned_day, open_deadline)
    );
INSERT INTO "unit_days" ("unit_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (1, '2026-09-15', '', 1, 1, 1, 0, 0, 0);
INSERT INTO "unit_days" ("unit_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (3, '2026-09-15', '', 1, 1, 1, 0, 0, 0);
INSERT INTO "unit_days" ("unit_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (4, '2026-09-15', '2026-12-15', 1, 0, 0, 0, 0, 0);
INSERT INTO "unit_days" ("unit_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (6, '2026-09-15', '2026-11-30', 1, 0, 0, 0, 0, 0);
INSERT INTO "unit_days" ("unit_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (5, '2026-09-15', '2026-11-20', 1, 0, 0, 0, 0, 0);
INSERT INTO "unit_days" ("unit_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (1, '2026-09-15', '2026-11-20', 1, 0, 0, 0, 0, 0);
INSERT INTO "unit_days" ("unit_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (1, '2026-10-20', '2026-12-31', 1, 0, 0, 0, 0, 0);
INSERT INTO "unit_days" ("unit_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (2, '2026-10-20', '2026-12-31', 1, 0, 0, 0, 0, 0);
INSERT INTO "unit_days" ("unit_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (1, '2026-11-02', '2026-11-13', 1, 0, 0, 0, 0, 0);
INSERT INTO "unit_days" ("unit_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (2, '2026-09-15', '2026-11-20', 1, 0, 0, 0, 0, 0);
INSERT INTO "unit_days" ("unit_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (7, '2026-11-02', '2026-11-13', 1, 0, 0, 0, 0, 0);
INSERT INTO "unit_days" ("unit_id", "assigned_day", "open_deadline", "tasks", "closed", "closed_on_time", "closed_late", "closed_days_late", "returned") VALUES (2, '2026-09-15', '2026-11-30', 1, 0, 0, 0, 0, 1);

CREATE TABLE trend_days (
        assigned_day TEXT NOT NULL,
        kind TEXT NOT NULL,
        day TEXT NOT NULL,
        week TEXT,
        events INTEGER NOT NULL,
        delta INTEGER NOT NULL,
        PRIMARY KEY (assigned_day, kind, day)
    );
INSERT INTO "trend_days" ("assigned_day", "kind", "day", "week", "events", "delta") VALUES ('2026-09-15', 'assigned', '2026-09-15', '2026-09-14', 8, 8);
INSERT INTO "trend_days" ("assigned_day", "kind", "day", "week", "events", "delta") VALUES ('2026-09-15', 'closed', '2026-10-28', '2026-10-26', 1, 1);
INSERT INTO "trend_days" ("assigned_day", "kind", "day", "week", "events", "delta") VALUES ('2026-09-15', 'overdue', '2026-12-01', '2026-11-30', 2, 2);
INSERT INTO "trend_days" ("assigned_day", "kind", "day", "week", "events", "delta") VALUES ('2026-09-15', 'closed', '2026-10-30', '2026-10-26', 1, 1);
INSERT INTO "trend_days" ("assigned_day", "kind", "day", "week", "events", "delta") VALUES ('2026-09-15', 'overdue', '2026-12-16', '2026-12-14', 1, 1);
INSERT INTO "trend_days" ("assigned_day", "kind", "day", "week", "events", "delta") VALUES ('2026-09-15', 'overdue', '2026-11-21', '2026-11-16', 3, 3);
INSERT INTO "trend_days" ("assigned_day", "kind", "day", "week", "events", "delta") VALUES ('2026-10-20', 'assigned', '2026-10-20', '2026-10-19', 2, 2);
INSERT INTO "trend_days" ("assigned_day", "kind", "day", "week", "events", "delta") VALUES ('2026-10-20', 'overdue', '2027-01-01', '2026-12-28', 2, 2);
INSERT INTO "trend_days" ("assigned_day", "kind", "day", "week", "events", "delta") VALUES ('2026-11-02', 'assigned', '2026-11-02', '2026-11-02', 2, 2);
INSERT INTO "trend_days" ("assigned_day", "kind", "day", "week", "events", "delta") VALUES ('2026-11-02', 'overdue', '2026-11-14', '2026-11-09', 2, 2);

CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE INDEX idx_directives_meeting ON directives(meeting_id, position);
CREATE INDEX idx_directives_parent ON directives(parent_id);
CREATE INDEX idx_tasks_unit ON tasks(unit_id, status);
CREATE INDEX idx_tasks_deadline ON tasks(status, deadline);
CREATE INDEX idx_reports_task ON progress_reports(task_id, reported_at);
CREATE INDEX idx_evidence_report ON evidence(report_id);
CREATE INDEX idx_extensions_task ON extension_requests(task_id);
CREATE INDEX idx_reviews_task ON reviews(task_id);
CREATE INDEX idx_reminders_task ON reminders(task_id);
CREATE INDEX idx_meetings_held_on ON meetings(held_on);
CREATE INDEX idx_events_entity ON events(entity, entity_id);
CREATE INDEX idx_group_members_unit ON unit_group_members(unit_id);
CREATE INDEX idx_drafts_owner ON drafts(owner, kind, updated_at);
CREATE INDEX idx_tasks_assigned ON tasks(
            assigned_at, status, deadline, closed_at, directive_id, unit_id);
CREATE INDEX idx_tasks_closed ON tasks(closed_at, deadline, directive_id, unit_id);
CREATE INDEX idx_tasks_due_open ON tasks(deadline, closed_at, directive_id, unit_id);
CREATE INDEX idx_reviews_decision ON reviews(task_id, decision, reviewed_at);
CREATE INDEX idx_meetings_upstream ON meetings(upstream_meeting_id);
CREATE INDEX idx_tasks_open_deadline ON tasks(deadline) WHERE status != 'closed';
CREATE INDEX idx_tasks_status_updated ON tasks(status, updated_at);
CREATE INDEX idx_directive_areas_area ON directive_areas(area, directive_id);
CREATE TRIGGER directive_areas_insert AFTER INSERT ON directives BEGIN
        INSERT INTO directive_areas (directive_id, area)
        SELECT DISTINCT new.id, value
        FROM json_each(CASE WHEN json_valid(new.areas) THEN new.areas ELSE '[]' END)
        WHERE type = 'text';
    END;
CREATE TRIGGER directive_areas_update AFTER UPDATE OF id, areas ON directives BEGIN
        DELETE FROM directive_areas WHERE directive_id = old.id;
        INSERT INTO directive_areas (directive_id, area)
        SELECT DISTINCT new.id, value
        FROM json_each(CASE WHEN json_valid(new.areas) THEN new.areas ELSE '[]' END)
        WHERE type = 'text';
    END;
CREATE TRIGGER directive_areas_delete AFTER DELETE ON directives BEGIN
        DELETE FROM directive_areas WHERE directive_id = old.id;
    END;
CREATE INDEX idx_tasks_directive_assigned
        ON tasks(directive_id, assigned_at, status, deadline, closed_at, unit_id);
CREATE VIEW task_day_counts AS SELECT t.id AS task_id, t.directive_id, t.unit_id,
        substr(t.assigned_at, 1, 10) AS assigned_day,
        CASE WHEN t.status = 'closed' THEN '' ELSE t.deadline END AS open_deadline, 1 AS tasks,
        t.status = 'closed' AS closed,
        COALESCE(t.status = 'closed' AND substr(t.closed_at, 1, 10) <= t.deadline, 0)
            AS closed_on_time,
        COALESCE(t.status = 'closed' AND substr(t.closed_at, 1, 10) > t.deadline, 0)
            AS closed_late,
        CASE WHEN t.status = 'closed' THEN COALESCE(CAST(MAX(0,
            julianday(substr(t.closed_at, 1, 10)) - julianday(t.deadline)) AS INTEGER), 0)
            ELSE 0 END AS closed_days_late,
        EXISTS (SELECT 1 FROM reviews r WHERE r.task_id = t.id AND r.decision = 'returned')
            AS returned
        FROM tasks t;
CREATE VIEW task_area_day_counts AS SELECT a.area, c.* FROM task_day_counts c
        JOIN directive_areas a ON a.directive_id = c.directive_id;
CREATE VIEW task_trend_events AS
        SELECT t.id AS task_id, substr(t.assigned_at, 1, 10) AS assigned_day, 'assigned' AS kind,
               substr(t.assigned_at, 1, 10) AS day, 1 AS delta FROM tasks t
        UNION ALL SELECT t.id, substr(t.assigned_at, 1, 10), 'closed',
               substr(t.closed_at, 1, 10), 1
            FROM tasks t WHERE t.status = 'closed' AND t.closed_at IS NOT NULL
        UNION ALL SELECT t.id, substr(t.assigned_at, 1, 10), 'overdue',
               date(t.deadline, '+1 day'), 1
            FROM tasks t WHERE (t.status != 'closed' OR substr(t.closed_at, 1, 10) > t.deadline)
                AND date(t.deadline, '+1 day') IS NOT NULL
        UNION ALL SELECT t.id, substr(t.assigned_at, 1, 10), 'overdue',
               substr(t.closed_at, 1, 10), -1
            FROM tasks t WHERE t.status = 'closed' AND substr(t.closed_at, 1, 10) > t.deadline;
CREATE TRIGGER tasks_summarised_insert
        AFTER INSERT ON tasks BEGIN
        INSERT INTO task_days SELECT assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = new.id
        GROUP BY assigned_day, open_deadline
        ON CONFLICT (assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO area_days SELECT area, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_area_day_counts WHERE task_id = new.id
        GROUP BY area, assigned_day, open_deadline
        ON CONFLICT (area, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO directive_days SELECT directive_id, assigned_day, open_deadline, SUM(tasks),
            SUM(closed), SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late),
            SUM(returned)
        FROM task_day_counts WHERE task_id = new.id
        GROUP BY directive_id, assigned_day, open_deadline
        ON CONFLICT (directive_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO unit_days SELECT unit_id, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = new.id
        GROUP BY unit_id, assigned_day, open_deadline
        ON CONFLICT (unit_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO trend_days SELECT assigned_day, kind, day, date(day, 'weekday 0', '-6 days'),
            COUNT(*), SUM(delta)
        FROM task_trend_events WHERE task_id = new.id
        GROUP BY assigned_day, kind, day
        ON CONFLICT (assigned_day, kind, day) DO UPDATE SET
            events = events + excluded.events, delta = delta + excluded.delta;
    END;
CREATE TRIGGER tasks_summarised_update_before
        BEFORE UPDATE OF id, directive_id, unit_id, assigned_at, deadline, status, closed_at
        ON tasks BEGIN
        UPDATE task_days SET tasks = task_days.tasks - s.tasks,
            closed = task_days.closed - s.closed,
            closed_on_time = task_days.closed_on_time - s.closed_on_time,
            closed_late = task_days.closed_late - s.closed_late,
            closed_days_late = task_days.closed_days_late - s.closed_days_late,
            returned = task_days.returned - s.returned
        FROM (SELECT assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.id
              GROUP BY assigned_day, open_deadline) AS s
        WHERE task_days.assigned_day = s.assigned_day AND
            task_days.open_deadline = s.open_deadline;
        DELETE FROM task_days WHERE rowid IN (SELECT task_days.rowid FROM task_days
            JOIN (SELECT DISTINCT assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.id) AS s
            ON task_days.assigned_day = s.assigned_day AND
                task_days.open_deadline = s.open_deadline
            WHERE task_days.tasks = 0);
        UPDATE area_days SET tasks = area_days.tasks - s.tasks,
            closed = area_days.closed - s.closed,
            closed_on_time = area_days.closed_on_time - s.closed_on_time,
            closed_late = area_days.closed_late - s.closed_late,
            closed_days_late = area_days.closed_days_late - s.closed_days_late,
            returned = area_days.returned - s.returned
        FROM (SELECT area, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_area_day_counts WHERE task_id = old.id
              GROUP BY area, assigned_day, open_deadline) AS s
        WHERE area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
            area_days.open_deadline = s.open_deadline;
        DELETE FROM area_days WHERE rowid IN (SELECT area_days.rowid FROM area_days
            JOIN (SELECT DISTINCT area, assigned_day, open_deadline FROM task_area_day_counts
                  WHERE task_id = old.id) AS s
            ON area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
                area_days.open_deadline = s.open_deadline
            WHERE area_days.tasks = 0);
        UPDATE directive_days SET tasks = directive_days.tasks - s.tasks,
            closed = directive_days.closed - s.closed,
            closed_on_time = directive_days.closed_on_time - s.closed_on_time,
            closed_late = directive_days.closed_late - s.closed_late,
            closed_days_late = directive_days.closed_days_late - s.closed_days_late,
            returned = directive_days.returned - s.returned
        FROM (SELECT directive_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.id
              GROUP BY directive_id, assigned_day, open_deadline) AS s
        WHERE directive_days.directive_id = s.directive_id AND
            directive_days.assigned_day = s.assigned_day AND
            directive_days.open_deadline = s.open_deadline;
        DELETE FROM directive_days WHERE rowid IN (SELECT directive_days.rowid FROM directive_days
            JOIN (SELECT DISTINCT directive_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.id) AS s
            ON directive_days.directive_id = s.directive_id AND
                directive_days.assigned_day = s.assigned_day AND
                directive_days.open_deadline = s.open_deadline
            WHERE directive_days.tasks = 0);
        UPDATE unit_days SET tasks = unit_days.tasks - s.tasks,
            closed = unit_days.closed - s.closed,
            closed_on_time = unit_days.closed_on_time - s.closed_on_time,
            closed_late = unit_days.closed_late - s.closed_late,
            closed_days_late = unit_days.closed_days_late - s.closed_days_late,
            returned = unit_days.returned - s.returned
        FROM (SELECT unit_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.id
              GROUP BY unit_id, assigned_day, open_deadline) AS s
        WHERE unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
            unit_days.open_deadline = s.open_deadline;
        DELETE FROM unit_days WHERE rowid IN (SELECT unit_days.rowid FROM unit_days
            JOIN (SELECT DISTINCT unit_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.id) AS s
            ON unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
                unit_days.open_deadline = s.open_deadline
            WHERE unit_days.tasks = 0);
        UPDATE trend_days SET events = trend_days.events - s.events,
            delta = trend_days.delta - s.delta
        FROM (SELECT assigned_day, kind, day, COUNT(*) AS events, SUM(delta) AS delta
              FROM task_trend_events WHERE task_id = old.id
              GROUP BY assigned_day, kind, day) AS s
        WHERE trend_days.assigned_day = s.assigned_day AND trend_days.kind = s.kind AND
            trend_days.day = s.day;
        DELETE FROM trend_days WHERE rowid IN (SELECT trend_days.rowid FROM trend_days
            JOIN (SELECT DISTINCT assigned_day, kind, day FROM task_trend_events
                  WHERE task_id = old.id) AS s
            ON trend_days.assigned_day = s.assigned_day AND trend_days.kind = s.kind AND
                trend_days.day = s.day
            WHERE trend_days.events = 0);
    END;
CREATE TRIGGER tasks_summarised_update_after
        AFTER UPDATE OF id, directive_id, unit_id, assigned_at, deadline, status, closed_at
        ON tasks BEGIN
        INSERT INTO task_days SELECT assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = new.id
        GROUP BY assigned_day, open_deadline
        ON CONFLICT (assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO area_days SELECT area, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_area_day_counts WHERE task_id = new.id
        GROUP BY area, assigned_day, open_deadline
        ON CONFLICT (area, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO directive_days SELECT directive_id, assigned_day, open_deadline, SUM(tasks),
            SUM(closed), SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late),
            SUM(returned)
        FROM task_day_counts WHERE task_id = new.id
        GROUP BY directive_id, assigned_day, open_deadline
        ON CONFLICT (directive_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO unit_days SELECT unit_id, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = new.id
        GROUP BY unit_id, assigned_day, open_deadline
        ON CONFLICT (unit_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO trend_days SELECT assigned_day, kind, day, date(day, 'weekday 0', '-6 days'),
            COUNT(*), SUM(delta)
        FROM task_trend_events WHERE task_id = new.id
        GROUP BY assigned_day, kind, day
        ON CONFLICT (assigned_day, kind, day) DO UPDATE SET
            events = events + excluded.events, delta = delta + excluded.delta;
    END;
CREATE TRIGGER tasks_summarised_delete
        BEFORE DELETE ON tasks BEGIN
        UPDATE task_days SET tasks = task_days.tasks - s.tasks,
            closed = task_days.closed - s.closed,
            closed_on_time = task_days.closed_on_time - s.closed_on_time,
            closed_late = task_days.closed_late - s.closed_late,
            closed_days_late = task_days.closed_days_late - s.closed_days_late,
            returned = task_days.returned - s.returned
        FROM (SELECT assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.id
              GROUP BY assigned_day, open_deadline) AS s
        WHERE task_days.assigned_day = s.assigned_day AND
            task_days.open_deadline = s.open_deadline;
        DELETE FROM task_days WHERE rowid IN (SELECT task_days.rowid FROM task_days
            JOIN (SELECT DISTINCT assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.id) AS s
            ON task_days.assigned_day = s.assigned_day AND
                task_days.open_deadline = s.open_deadline
            WHERE task_days.tasks = 0);
        UPDATE area_days SET tasks = area_days.tasks - s.tasks,
            closed = area_days.closed - s.closed,
            closed_on_time = area_days.closed_on_time - s.closed_on_time,
            closed_late = area_days.closed_late - s.closed_late,
            closed_days_late = area_days.closed_days_late - s.closed_days_late,
            returned = area_days.returned - s.returned
        FROM (SELECT area, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_area_day_counts WHERE task_id = old.id
              GROUP BY area, assigned_day, open_deadline) AS s
        WHERE area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
            area_days.open_deadline = s.open_deadline;
        DELETE FROM area_days WHERE rowid IN (SELECT area_days.rowid FROM area_days
            JOIN (SELECT DISTINCT area, assigned_day, open_deadline FROM task_area_day_counts
                  WHERE task_id = old.id) AS s
            ON area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
                area_days.open_deadline = s.open_deadline
            WHERE area_days.tasks = 0);
        UPDATE directive_days SET tasks = directive_days.tasks - s.tasks,
            closed = directive_days.closed - s.closed,
            closed_on_time = directive_days.closed_on_time - s.closed_on_time,
            closed_late = directive_days.closed_late - s.closed_late,
            closed_days_late = directive_days.closed_days_late - s.closed_days_late,
            returned = directive_days.returned - s.returned
        FROM (SELECT directive_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.id
              GROUP BY directive_id, assigned_day, open_deadline) AS s
        WHERE directive_days.directive_id = s.directive_id AND
            directive_days.assigned_day = s.assigned_day AND
            directive_days.open_deadline = s.open_deadline;
        DELETE FROM directive_days WHERE rowid IN (SELECT directive_days.rowid FROM directive_days
            JOIN (SELECT DISTINCT directive_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.id) AS s
            ON directive_days.directive_id = s.directive_id AND
                directive_days.assigned_day = s.assigned_day AND
                directive_days.open_deadline = s.open_deadline
            WHERE directive_days.tasks = 0);
        UPDATE unit_days SET tasks = unit_days.tasks - s.tasks,
            closed = unit_days.closed - s.closed,
            closed_on_time = unit_days.closed_on_time - s.closed_on_time,
            closed_late = unit_days.closed_late - s.closed_late,
            closed_days_late = unit_days.closed_days_late - s.closed_days_late,
            returned = unit_days.returned - s.returned
        FROM (SELECT unit_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.id
              GROUP BY unit_id, assigned_day, open_deadline) AS s
        WHERE unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
            unit_days.open_deadline = s.open_deadline;
        DELETE FROM unit_days WHERE rowid IN (SELECT unit_days.rowid FROM unit_days
            JOIN (SELECT DISTINCT unit_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.id) AS s
            ON unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
                unit_days.open_deadline = s.open_deadline
            WHERE unit_days.tasks = 0);
        UPDATE trend_days SET events = trend_days.events - s.events,
            delta = trend_days.delta - s.delta
        FROM (SELECT assigned_day, kind, day, COUNT(*) AS events, SUM(delta) AS delta
              FROM task_trend_events WHERE task_id = old.id
              GROUP BY assigned_day, kind, day) AS s
        WHERE trend_days.assigned_day = s.assigned_day AND trend_days.kind = s.kind AND
            trend_days.day = s.day;
        DELETE FROM trend_days WHERE rowid IN (SELECT trend_days.rowid FROM trend_days
            JOIN (SELECT DISTINCT assigned_day, kind, day FROM task_trend_events
                  WHERE task_id = old.id) AS s
            ON trend_days.assigned_day = s.assigned_day AND trend_days.kind = s.kind AND
                trend_days.day = s.day
            WHERE trend_days.events = 0);
    END;
CREATE TRIGGER reviews_returned_insert_before
        BEFORE INSERT ON reviews WHEN new.decision = 'returned' BEGIN
        UPDATE task_days SET tasks = task_days.tasks - s.tasks,
            closed = task_days.closed - s.closed,
            closed_on_time = task_days.closed_on_time - s.closed_on_time,
            closed_late = task_days.closed_late - s.closed_late,
            closed_days_late = task_days.closed_days_late - s.closed_days_late,
            returned = task_days.returned - s.returned
        FROM (SELECT assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = new.task_id
              GROUP BY assigned_day, open_deadline) AS s
        WHERE task_days.assigned_day = s.assigned_day AND
            task_days.open_deadline = s.open_deadline;
        DELETE FROM task_days WHERE rowid IN (SELECT task_days.rowid FROM task_days
            JOIN (SELECT DISTINCT assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = new.task_id) AS s
            ON task_days.assigned_day = s.assigned_day AND
                task_days.open_deadline = s.open_deadline
            WHERE task_days.tasks = 0);
        UPDATE area_days SET tasks = area_days.tasks - s.tasks,
            closed = area_days.closed - s.closed,
            closed_on_time = area_days.closed_on_time - s.closed_on_time,
            closed_late = area_days.closed_late - s.closed_late,
            closed_days_late = area_days.closed_days_late - s.closed_days_late,
            returned = area_days.returned - s.returned
        FROM (SELECT area, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_area_day_counts WHERE task_id = new.task_id
              GROUP BY area, assigned_day, open_deadline) AS s
        WHERE area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
            area_days.open_deadline = s.open_deadline;
        DELETE FROM area_days WHERE rowid IN (SELECT area_days.rowid FROM area_days
            JOIN (SELECT DISTINCT area, assigned_day, open_deadline FROM task_area_day_counts
                  WHERE task_id = new.task_id) AS s
            ON area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
                area_days.open_deadline = s.open_deadline
            WHERE area_days.tasks = 0);
        UPDATE directive_days SET tasks = directive_days.tasks - s.tasks,
            closed = directive_days.closed - s.closed,
            closed_on_time = directive_days.closed_on_time - s.closed_on_time,
            closed_late = directive_days.closed_late - s.closed_late,
            closed_days_late = directive_days.closed_days_late - s.closed_days_late,
            returned = directive_days.returned - s.returned
        FROM (SELECT directive_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = new.task_id
              GROUP BY directive_id, assigned_day, open_deadline) AS s
        WHERE directive_days.directive_id = s.directive_id AND
            directive_days.assigned_day = s.assigned_day AND
            directive_days.open_deadline = s.open_deadline;
        DELETE FROM directive_days WHERE rowid IN (SELECT directive_days.rowid FROM directive_days
            JOIN (SELECT DISTINCT directive_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = new.task_id) AS s
            ON directive_days.directive_id = s.directive_id AND
                directive_days.assigned_day = s.assigned_day AND
                directive_days.open_deadline = s.open_deadline
            WHERE directive_days.tasks = 0);
        UPDATE unit_days SET tasks = unit_days.tasks - s.tasks,
            closed = unit_days.closed - s.closed,
            closed_on_time = unit_days.closed_on_time - s.closed_on_time,
            closed_late = unit_days.closed_late - s.closed_late,
            closed_days_late = unit_days.closed_days_late - s.closed_days_late,
            returned = unit_days.returned - s.returned
        FROM (SELECT unit_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = new.task_id
              GROUP BY unit_id, assigned_day, open_deadline) AS s
        WHERE unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
            unit_days.open_deadline = s.open_deadline;
        DELETE FROM unit_days WHERE rowid IN (SELECT unit_days.rowid FROM unit_days
            JOIN (SELECT DISTINCT unit_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = new.task_id) AS s
            ON unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
                unit_days.open_deadline = s.open_deadline
            WHERE unit_days.tasks = 0);
    END;
CREATE TRIGGER reviews_returned_insert_after
        AFTER INSERT ON reviews WHEN new.decision = 'returned' BEGIN
        INSERT INTO task_days SELECT assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = new.task_id
        GROUP BY assigned_day, open_deadline
        ON CONFLICT (assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO area_days SELECT area, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_area_day_counts WHERE task_id = new.task_id
        GROUP BY area, assigned_day, open_deadline
        ON CONFLICT (area, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO directive_days SELECT directive_id, assigned_day, open_deadline, SUM(tasks),
            SUM(closed), SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late),
            SUM(returned)
        FROM task_day_counts WHERE task_id = new.task_id
        GROUP BY directive_id, assigned_day, open_deadline
        ON CONFLICT (directive_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO unit_days SELECT unit_id, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = new.task_id
        GROUP BY unit_id, assigned_day, open_deadline
        ON CONFLICT (unit_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
    END;
CREATE TRIGGER reviews_returned_update_before
        BEFORE UPDATE OF task_id, decision ON reviews
        WHEN old.decision = 'returned' OR new.decision = 'returned' BEGIN
        UPDATE task_days SET tasks = task_days.tasks - s.tasks,
            closed = task_days.closed - s.closed,
            closed_on_time = task_days.closed_on_time - s.closed_on_time,
            closed_late = task_days.closed_late - s.closed_late,
            closed_days_late = task_days.closed_days_late - s.closed_days_late,
            returned = task_days.returned - s.returned
        FROM (SELECT assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id IN (old.task_id, new.task_id)
              GROUP BY assigned_day, open_deadline) AS s
        WHERE task_days.assigned_day = s.assigned_day AND
            task_days.open_deadline = s.open_deadline;
        DELETE FROM task_days WHERE rowid IN (SELECT task_days.rowid FROM task_days
            JOIN (SELECT DISTINCT assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id IN (old.task_id, new.task_id)) AS s
            ON task_days.assigned_day = s.assigned_day AND
                task_days.open_deadline = s.open_deadline
            WHERE task_days.tasks = 0);
        UPDATE area_days SET tasks = area_days.tasks - s.tasks,
            closed = area_days.closed - s.closed,
            closed_on_time = area_days.closed_on_time - s.closed_on_time,
            closed_late = area_days.closed_late - s.closed_late,
            closed_days_late = area_days.closed_days_late - s.closed_days_late,
            returned = area_days.returned - s.returned
        FROM (SELECT area, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_area_day_counts WHERE task_id IN (old.task_id, new.task_id)
              GROUP BY area, assigned_day, open_deadline) AS s
        WHERE area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
            area_days.open_deadline = s.open_deadline;
        DELETE FROM area_days WHERE rowid IN (SELECT area_days.rowid FROM area_days
            JOIN (SELECT DISTINCT area, assigned_day, open_deadline FROM task_area_day_counts
                  WHERE task_id IN (old.task_id, new.task_id)) AS s
            ON area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
                area_days.open_deadline = s.open_deadline
            WHERE area_days.tasks = 0);
        UPDATE directive_days SET tasks = directive_days.tasks - s.tasks,
            closed = directive_days.closed - s.closed,
            closed_on_time = directive_days.closed_on_time - s.closed_on_time,
            closed_late = directive_days.closed_late - s.closed_late,
            closed_days_late = directive_days.closed_days_late - s.closed_days_late,
            returned = directive_days.returned - s.returned
        FROM (SELECT directive_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id IN (old.task_id, new.task_id)
              GROUP BY directive_id, assigned_day, open_deadline) AS s
        WHERE directive_days.directive_id = s.directive_id AND
            directive_days.assigned_day = s.assigned_day AND
            directive_days.open_deadline = s.open_deadline;
        DELETE FROM directive_days WHERE rowid IN (SELECT directive_days.rowid FROM directive_days
            JOIN (SELECT DISTINCT directive_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id IN (old.task_id, new.task_id)) AS s
            ON directive_days.directive_id = s.directive_id AND
                directive_days.assigned_day = s.assigned_day AND
                directive_days.open_deadline = s.open_deadline
            WHERE directive_days.tasks = 0);
        UPDATE unit_days SET tasks = unit_days.tasks - s.tasks,
            closed = unit_days.closed - s.closed,
            closed_on_time = unit_days.closed_on_time - s.closed_on_time,
            closed_late = unit_days.closed_late - s.closed_late,
            closed_days_late = unit_days.closed_days_late - s.closed_days_late,
            returned = unit_days.returned - s.returned
        FROM (SELECT unit_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id IN (old.task_id, new.task_id)
              GROUP BY unit_id, assigned_day, open_deadline) AS s
        WHERE unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
            unit_days.open_deadline = s.open_deadline;
        DELETE FROM unit_days WHERE rowid IN (SELECT unit_days.rowid FROM unit_days
            JOIN (SELECT DISTINCT unit_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id IN (old.task_id, new.task_id)) AS s
            ON unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
                unit_days.open_deadline = s.open_deadline
            WHERE unit_days.tasks = 0);
    END;
CREATE TRIGGER reviews_returned_update_after
        AFTER UPDATE OF task_id, decision ON reviews
        WHEN old.decision = 'returned' OR new.decision = 'returned' BEGIN
        INSERT INTO task_days SELECT assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id IN (old.task_id, new.task_id)
        GROUP BY assigned_day, open_deadline
        ON CONFLICT (assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO area_days SELECT area, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_area_day_counts WHERE task_id IN (old.task_id, new.task_id)
        GROUP BY area, assigned_day, open_deadline
        ON CONFLICT (area, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO directive_days SELECT directive_id, assigned_day, open_deadline, SUM(tasks),
            SUM(closed), SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late),
            SUM(returned)
        FROM task_day_counts WHERE task_id IN (old.task_id, new.task_id)
        GROUP BY directive_id, assigned_day, open_deadline
        ON CONFLICT (directive_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO unit_days SELECT unit_id, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id IN (old.task_id, new.task_id)
        GROUP BY unit_id, assigned_day, open_deadline
        ON CONFLICT (unit_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
    END;
CREATE TRIGGER reviews_returned_delete_before
        BEFORE DELETE ON reviews WHEN old.decision = 'returned' BEGIN
        UPDATE task_days SET tasks = task_days.tasks - s.tasks,
            closed = task_days.closed - s.closed,
            closed_on_time = task_days.closed_on_time - s.closed_on_time,
            closed_late = task_days.closed_late - s.closed_late,
            closed_days_late = task_days.closed_days_late - s.closed_days_late,
            returned = task_days.returned - s.returned
        FROM (SELECT assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.task_id
              GROUP BY assigned_day, open_deadline) AS s
        WHERE task_days.assigned_day = s.assigned_day AND
            task_days.open_deadline = s.open_deadline;
        DELETE FROM task_days WHERE rowid IN (SELECT task_days.rowid FROM task_days
            JOIN (SELECT DISTINCT assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.task_id) AS s
            ON task_days.assigned_day = s.assigned_day AND
                task_days.open_deadline = s.open_deadline
            WHERE task_days.tasks = 0);
        UPDATE area_days SET tasks = area_days.tasks - s.tasks,
            closed = area_days.closed - s.closed,
            closed_on_time = area_days.closed_on_time - s.closed_on_time,
            closed_late = area_days.closed_late - s.closed_late,
            closed_days_late = area_days.closed_days_late - s.closed_days_late,
            returned = area_days.returned - s.returned
        FROM (SELECT area, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_area_day_counts WHERE task_id = old.task_id
              GROUP BY area, assigned_day, open_deadline) AS s
        WHERE area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
            area_days.open_deadline = s.open_deadline;
        DELETE FROM area_days WHERE rowid IN (SELECT area_days.rowid FROM area_days
            JOIN (SELECT DISTINCT area, assigned_day, open_deadline FROM task_area_day_counts
                  WHERE task_id = old.task_id) AS s
            ON area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
                area_days.open_deadline = s.open_deadline
            WHERE area_days.tasks = 0);
        UPDATE directive_days SET tasks = directive_days.tasks - s.tasks,
            closed = directive_days.closed - s.closed,
            closed_on_time = directive_days.closed_on_time - s.closed_on_time,
            closed_late = directive_days.closed_late - s.closed_late,
            closed_days_late = directive_days.closed_days_late - s.closed_days_late,
            returned = directive_days.returned - s.returned
        FROM (SELECT directive_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.task_id
              GROUP BY directive_id, assigned_day, open_deadline) AS s
        WHERE directive_days.directive_id = s.directive_id AND
            directive_days.assigned_day = s.assigned_day AND
            directive_days.open_deadline = s.open_deadline;
        DELETE FROM directive_days WHERE rowid IN (SELECT directive_days.rowid FROM directive_days
            JOIN (SELECT DISTINCT directive_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.task_id) AS s
            ON directive_days.directive_id = s.directive_id AND
                directive_days.assigned_day = s.assigned_day AND
                directive_days.open_deadline = s.open_deadline
            WHERE directive_days.tasks = 0);
        UPDATE unit_days SET tasks = unit_days.tasks - s.tasks,
            closed = unit_days.closed - s.closed,
            closed_on_time = unit_days.closed_on_time - s.closed_on_time,
            closed_late = unit_days.closed_late - s.closed_late,
            closed_days_late = unit_days.closed_days_late - s.closed_days_late,
            returned = unit_days.returned - s.returned
        FROM (SELECT unit_id, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_day_counts WHERE task_id = old.task_id
              GROUP BY unit_id, assigned_day, open_deadline) AS s
        WHERE unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
            unit_days.open_deadline = s.open_deadline;
        DELETE FROM unit_days WHERE rowid IN (SELECT unit_days.rowid FROM unit_days
            JOIN (SELECT DISTINCT unit_id, assigned_day, open_deadline FROM task_day_counts
                  WHERE task_id = old.task_id) AS s
            ON unit_days.unit_id = s.unit_id AND unit_days.assigned_day = s.assigned_day AND
                unit_days.open_deadline = s.open_deadline
            WHERE unit_days.tasks = 0);
    END;
CREATE TRIGGER reviews_returned_delete_after
        AFTER DELETE ON reviews WHEN old.decision = 'returned' BEGIN
        INSERT INTO task_days SELECT assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = old.task_id
        GROUP BY assigned_day, open_deadline
        ON CONFLICT (assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO area_days SELECT area, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_area_day_counts WHERE task_id = old.task_id
        GROUP BY area, assigned_day, open_deadline
        ON CONFLICT (area, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO directive_days SELECT directive_id, assigned_day, open_deadline, SUM(tasks),
            SUM(closed), SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late),
            SUM(returned)
        FROM task_day_counts WHERE task_id = old.task_id
        GROUP BY directive_id, assigned_day, open_deadline
        ON CONFLICT (directive_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
        INSERT INTO unit_days SELECT unit_id, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_day_counts WHERE task_id = old.task_id
        GROUP BY unit_id, assigned_day, open_deadline
        ON CONFLICT (unit_id, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
    END;
CREATE TRIGGER directive_areas_summarised_insert
        AFTER INSERT ON directive_areas BEGIN
        INSERT INTO area_days SELECT area, assigned_day, open_deadline, SUM(tasks), SUM(closed),
            SUM(closed_on_time), SUM(closed_late), SUM(closed_days_late), SUM(returned)
        FROM task_area_day_counts WHERE directive_id = new.directive_id AND area = new.area
        GROUP BY area, assigned_day, open_deadline
        ON CONFLICT (area, assigned_day, open_deadline) DO UPDATE SET
            tasks = tasks + excluded.tasks, closed = closed + excluded.closed,
            closed_on_time = closed_on_time + excluded.closed_on_time,
            closed_late = closed_late + excluded.closed_late,
            closed_days_late = closed_days_late + excluded.closed_days_late,
            returned = returned + excluded.returned;
    END;
CREATE TRIGGER directive_areas_summarised_delete
        BEFORE DELETE ON directive_areas BEGIN
        UPDATE area_days SET tasks = area_days.tasks - s.tasks,
            closed = area_days.closed - s.closed,
            closed_on_time = area_days.closed_on_time - s.closed_on_time,
            closed_late = area_days.closed_late - s.closed_late,
            closed_days_late = area_days.closed_days_late - s.closed_days_late,
            returned = area_days.returned - s.returned
        FROM (SELECT area, assigned_day, open_deadline, SUM(tasks) AS tasks,
                SUM(closed) AS closed, SUM(closed_on_time) AS closed_on_time,
                SUM(closed_late) AS closed_late, SUM(closed_days_late) AS closed_days_late,
                SUM(returned) AS returned
              FROM task_area_day_counts WHERE directive_id = old.directive_id AND area = old.area
              GROUP BY area, assigned_day, open_deadline) AS s
        WHERE area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
            area_days.open_deadline = s.open_deadline;
        DELETE FROM area_days WHERE rowid IN (SELECT area_days.rowid FROM area_days
            JOIN (SELECT DISTINCT area, assigned_day, open_deadline FROM task_area_day_counts
                  WHERE directive_id = old.directive_id AND area = old.area) AS s
            ON area_days.area = s.area AND area_days.assigned_day = s.assigned_day AND
                area_days.open_deadline = s.open_deadline
            WHERE area_days.tasks = 0);
    END;
COMMIT;
