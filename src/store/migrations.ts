// Schema history. Index i+1 is PRAGMA user_version after migration i; never edit a shipped migration, append one.

export const MIGRATIONS: readonly string[] = [
  // 1: sessions, the items they present (order fixed at start), and each answer as it is given.
  `
  CREATE TABLE sessions (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('in-progress', 'interrupted', 'completed', 'expired')),
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    seed          INTEGER NOT NULL,
    time_limit_ms INTEGER,
    elapsed_ms    INTEGER NOT NULL DEFAULT 0,
    settings      TEXT NOT NULL,
    total         INTEGER NOT NULL,
    correct       INTEGER,
    score         REAL
  );
  CREATE INDEX sessions_started ON sessions (started_at);
  CREATE TABLE session_items (
    session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    question_id  TEXT NOT NULL,
    domain       TEXT NOT NULL,
    difficulty   TEXT NOT NULL,
    option_order TEXT NOT NULL,
    PRIMARY KEY (session_id, position)
  ) WITHOUT ROWID;
  CREATE TABLE answers (
    session_id  TEXT NOT NULL,
    position    INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    response    TEXT NOT NULL,
    correct     INTEGER NOT NULL,
    seconds     REAL NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (session_id, position),
    FOREIGN KEY (session_id, position) REFERENCES session_items (session_id, position) ON DELETE CASCADE
  ) WITHOUT ROWID;
  `,
  // 2: assessments. Who took a session, for which assessment, and the digest of an imported result file.
  `
  ALTER TABLE sessions ADD COLUMN candidate_name TEXT;
  ALTER TABLE sessions ADD COLUMN candidate_email TEXT;
  ALTER TABLE sessions ADD COLUMN assessment_id TEXT;
  ALTER TABLE sessions ADD COLUMN result_digest TEXT;
  CREATE INDEX sessions_assessment ON sessions (assessment_id, started_at);
  CREATE INDEX sessions_candidate ON sessions (candidate_name);
  `,
  // 3: reports list the domains present without scanning every item.
  `
  CREATE INDEX session_items_domain ON session_items (domain);
  `,
  // 4: measurement. Calibrated 2PL parameters live here, not in bank files; adaptive sessions keep their estimate.
  `
  CREATE TABLE item_params (
    question_id TEXT PRIMARY KEY,
    a           REAL NOT NULL,
    b           REAL NOT NULL,
    se_a        REAL,
    se_b        REAL,
    n           INTEGER NOT NULL,
    calibrated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  ALTER TABLE sessions ADD COLUMN theta REAL;
  ALTER TABLE sessions ADD COLUMN theta_se REAL;
  `,
  // 5: the manager's own assessments, which imports are checked against (the pass mark, time limit and form come
  // from here, never from a result file), and the version of the assessment each session took: results of the
  // same id but different content are separate cohorts.
  `
  CREATE TABLE assessments (
    id            TEXT NOT NULL,
    hash          TEXT NOT NULL,
    title         TEXT NOT NULL,
    settings      TEXT NOT NULL,
    pool          TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    PRIMARY KEY (id, hash)
  ) WITHOUT ROWID;
  ALTER TABLE sessions ADD COLUMN assessment_hash TEXT;
  UPDATE sessions SET assessment_hash = json_extract(settings, '$.assessment.hash')
    WHERE assessment_id IS NOT NULL AND json_valid(settings);
  DROP INDEX sessions_assessment;
  CREATE INDEX sessions_assessment ON sessions (assessment_id, assessment_hash, started_at);
  `,
  // 6: candidate bundles. The manager's half of each packed bundle: the assessment it was packed from, the pool,
  // the map from its opaque option ids back to the banks' and the key-bearing question hashes. Never sent out.
  `
  CREATE TABLE bundles (
    id              TEXT PRIMARY KEY,
    assessment_id   TEXT NOT NULL,
    assessment_hash TEXT NOT NULL,
    sealed          INTEGER NOT NULL,
    encrypted       INTEGER NOT NULL,
    bundle_hash     TEXT NOT NULL,
    settings        TEXT NOT NULL,
    pool            TEXT NOT NULL,
    created_at      TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX bundles_assessment ON bundles (assessment_id);
  `,
  // 7: studying. A session's mode (practice sessions never feed reports, statistics or calibration) and the spaced-
  // review memory state of each question this learner answered (FSRS card fields; content_hash: the version seen).
  `
  ALTER TABLE sessions ADD COLUMN mode TEXT NOT NULL DEFAULT 'exam' CHECK (mode IN ('exam', 'practice'));
  CREATE TABLE memory (
    question_id    TEXT PRIMARY KEY,
    content_hash   TEXT NOT NULL,
    due            TEXT NOT NULL,
    stability      REAL NOT NULL,
    difficulty     REAL NOT NULL,
    elapsed_days   REAL NOT NULL,
    scheduled_days REAL NOT NULL,
    learning_steps INTEGER NOT NULL,
    reps           INTEGER NOT NULL,
    lapses         INTEGER NOT NULL,
    state          INTEGER NOT NULL,
    last_review    TEXT,
    updated_at     TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX memory_due ON memory (due);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
