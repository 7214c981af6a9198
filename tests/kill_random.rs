//! `kill -9` at random moments of a scripted quiz, in a real terminal
//! (tmux, the built binary): after each kill the app is started again, the
//! attempt is resumed from its own resume screen, and every question is
//! read back from the screen. An answer that had been on screen for a
//! second or more before the kill must be there; an answer given in the
//! last second may be there or not (the autosave may batch a second of
//! changes).
//!
//! The check goes through the binary's own screens only (the resume screen
//! and the question screens), so it holds for any autosave format, and it
//! can be run against any build: `UNION_QUIZ_BIN=/path/to/union-quiz`.
//!
//! `cargo test --test kill_random` kills a few times; the 200 kills of
//! issue 15 run with `cargo test --test kill_random -- --ignored` (about
//! six minutes on a loaded 2-core machine). `KILL_SEED` replays a run.
//!
//! Waiting polls the pane for a bounded time: this tests a real process,
//! not a timer.

// Real terminals (tmux) and Unix clients and signals: cut out of the
// Windows build, whose tests run under Wine with no tmux (as tests/tmux.rs).
#![cfg(unix)]

mod tmux_support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, RngExt, SeedableRng};
use tmux_support::Tmux;

/// Four questions in fixed order: two of one answer, two of several.
const BANK: &str = r#"title: Kiểm tra dừng đột ngột
id: kill-test
time_limit: 3h
shuffle_questions: false
shuffle_choices: false
questions:
  - id: q1
    text: Nghị định 61/2018/NĐ-CP có hiệu lực thi hành từ ngày nào?
    choices: [23/4/2018, 21/6/2018, 01/7/2018, 15/5/2015]
    answer: B
  - id: q2
    text: Những nội dung nào thuộc Chương trình tổng thể cải cách hành chính?
    choices: [Cải cách thể chế, Tăng biên chế, Cải cách thủ tục hành chính]
    answer: [A, C]
  - id: q3
    text: Bộ phận Một cửa cấp tỉnh có tên gọi là gì?
    choices: [Trung tâm Phục vụ hành chính công, Văn phòng Tỉnh ủy, Sở Nội vụ]
    answer: A
  - id: q4
    text: Những việc nào thuộc kiểm soát thủ tục hành chính?
    choices: [Đánh giá tác động, Công bố thủ tục, Rà soát thủ tục, Tăng phí]
    answer: [A, B, C]
"#;

/// Choices per question, and whether several may be chosen.
const SHAPE: [(usize, bool); 4] = [(4, false), (3, true), (3, false), (4, true)];
const LETTERS: [&str; 4] = ["a", "b", "c", "d"];

/// An answer is safe once it has been on screen this long.
const SAFE_AFTER: Duration = Duration::from_secs(1);

/// The answers of every question.
type Answers = Vec<Vec<usize>>;

/// One state a question was in.
struct Shown {
    /// Known to be saved: the start, or what a restart read back.
    saved: bool,
    /// When the screen showed it (`None`: the key was sent, but the kill
    /// came before the screen showed it).
    at: Option<Instant>,
    choices: Vec<usize>,
}

impl Shown {
    fn saved(choices: Vec<usize>) -> Shown {
        Shown {
            saved: true,
            at: None,
            choices,
        }
    }
}

fn bin() -> PathBuf {
    std::env::var_os("UNION_QUIZ_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_union-quiz")),
        PathBuf::from,
    )
}

/// The choices marked on a question screen.
fn marked(pane: &str, q: usize) -> Vec<usize> {
    (0..SHAPE[q].0)
        .filter(|&i| {
            let letter = LETTERS[i].to_uppercase();
            pane.contains(&format!("(•) {letter}. ")) || pane.contains(&format!("[x] {letter}. "))
        })
        .collect()
}

/// The question on screen (from 0), from "Câu k/4".
fn current(pane: &str) -> Option<usize> {
    let at = pane.find("Câu ")? + "Câu ".len();
    let k: String = pane[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let rest = &pane[at + k.len()..];
    (rest.starts_with("/4")).then(|| k.parse::<usize>().ok()?.checked_sub(1))?
}

/// The app in tmux, started again after every kill.
struct Quiz {
    tmux: Tmux,
    command: String,
}

impl Quiz {
    fn start(dir: &Path) -> Quiz {
        let bank = dir.join("bank.yaml");
        std::fs::write(&bank, BANK).expect("bank");
        let results = dir.join("results").join("results.csv");
        let command = format!(
            "cd '{}' && LANG=C.UTF-8 exec '{}' run '{}' --results '{}' --seed 5",
            dir.display(),
            bin().display(),
            bank.display(),
            results.display()
        );
        let tmux = Tmux::new("kill");
        tmux.start("sleep 100000");
        // The pane stays when the app is killed, to be respawned.
        let out = tmux.cmd(&["set-option", "-w", "-t", "quiz", "remain-on-exit", "on"]);
        assert!(out.status.success(), "{out:?}");
        let quiz = Quiz { tmux, command };
        quiz.respawn();
        quiz
    }

    fn respawn(&self) {
        let out = self
            .tmux
            .cmd(&["respawn-pane", "-k", "-t", "quiz", &self.command]);
        assert!(out.status.success(), "{out:?}");
    }

    /// The app's pid (the pane's process: the shell `exec`s it).
    fn pid(&self) -> u32 {
        // The kernel keeps the first 15 bytes of the program's name.
        let name: String = bin()
            .file_name()
            .map(|n| n.to_string_lossy().chars().take(15).collect())
            .unwrap_or_default();
        let start = Instant::now();
        loop {
            let pid = self.tmux.pane_pid();
            if std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == name)
            {
                return pid;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "no app process");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// From the first screen to question 1, as a new member.
    fn begin(&self) {
        self.tmux.wait_for("Họ và tên");
        self.tmux.send_text("Nguyễn Văn An");
        self.tmux.wait_for("Họ và tên: Nguyễn Văn An");
        self.tmux.send(&["Enter", "Enter"]);
        self.tmux.send_text("Công đoàn Sở Tư pháp");
        self.tmux.send(&["Enter"]);
        self.tmux.wait_for("Hướng dẫn làm bài");
        self.tmux.send(&["Enter"]);
        self.tmux.wait_for_all(&["Câu 1/4", "A. 23/4/2018"]);
    }

    /// Resumes the attempt and reads every question's answers from the
    /// screen; returns them and the question left on screen.
    fn resume_and_read(&self) -> (Answers, usize) {
        self.tmux
            .wait_for_all(&["Làm tiếp bài đang dở", "Nguyễn Văn An"]);
        self.tmux.send(&["Enter"]);
        let start = Instant::now();
        let mut at = loop {
            let pane = self.tmux.pane();
            if let Some(at) = current(&pane) {
                break at;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "no question on screen:\n{pane}"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        while at > 0 {
            self.tmux.send(&["Left"]);
            at -= 1;
            self.tmux.wait_for(&format!("Câu {}/4", at + 1));
        }
        let mut answers = Vec::new();
        for q in 0..4 {
            if q > 0 {
                self.tmux.send(&["Right"]);
            }
            let pane = self.tmux.wait_for(&format!("Câu {}/4", q + 1));
            // A capture may catch the screen half drawn: read it until two
            // captures agree.
            let mut seen = marked(&pane, q);
            loop {
                std::thread::sleep(Duration::from_millis(20));
                let again = marked(&self.tmux.pane(), q);
                if again == seen {
                    break;
                }
                seen = again;
            }
            answers.push(seen);
        }
        (answers, 3)
    }

    /// Waits until the screen shows `q` with `choices`, or until
    /// `deadline`; when it was seen.
    fn shown(&self, q: usize, choices: &[usize], deadline: Instant) -> Option<Instant> {
        let title = format!("Câu {}/4", q + 1);
        let give_up = Instant::now() + Duration::from_secs(10);
        loop {
            let pane = self.tmux.pane();
            if pane.contains(&title) && marked(&pane, q) == choices {
                return Some(Instant::now());
            }
            let now = Instant::now();
            if now >= deadline {
                return None;
            }
            assert!(
                now < give_up,
                "the screen never showed {title} with {choices:?}:\n{pane}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// Whether thread `tid` of process `pid` still runs (not yet a zombie).
fn task_alive(pid: u32, tid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/stat")).is_ok_and(|s| {
        s.rsplit_once(')')
            .is_some_and(|(_, r)| !matches!(r.trim_start().chars().next(), Some('Z' | 'X')))
    })
}

fn kill9(pid: u32) {
    let out = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .output()
        .expect("kill");
    assert!(out.status.success(), "{out:?}");
    let start = Instant::now();
    // Gone, or a zombie until tmux reaps it. Every thread, not only the
    // first: the first turns zombie while another (the autosave's sync
    // thread, inside an fsync) still holds the process's files, and with
    // them the attempt's lock; a restart then sees the attempt as open
    // elsewhere and offers a new one.
    loop {
        let alive = std::fs::read_dir(format!("/proc/{pid}/task")).is_ok_and(|tasks| {
            tasks
                .flatten()
                .any(|t| task_alive(pid, &t.file_name().to_string_lossy()))
        });
        if !alive {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{pid} survived");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// What the kill test found.
struct Tally {
    kills: usize,
    /// Question states compared after a restart.
    checked: usize,
    /// Answers given in the last second before a kill that were kept.
    recent_kept: usize,
}

/// `kills` rounds of: random answers and moves at a random pace, `kill -9`
/// at a random moment, restart, resume, compare.
fn kill_at_random(kills: usize) -> Tally {
    let seed = std::env::var("KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| rand::rng().next_u64());
    eprintln!("kill_random: seed {seed} (KILL_SEED={seed} replays it)");
    let mut rng = StdRng::seed_from_u64(seed);
    let dir = tempfile::tempdir().expect("dir");
    let quiz = Quiz::start(dir.path());
    quiz.begin();

    // What each question showed, oldest first; the first entry of each is
    // known to be saved (the start, or what a restart read back).
    let mut history: Vec<Vec<Shown>> = (0..4).map(|_| vec![Shown::saved(Vec::new())]).collect();
    let mut at = 0usize;
    let mut tally = Tally {
        kills: 0,
        checked: 0,
        recent_kept: 0,
    };
    for round in 0..kills {
        let pid = quiz.pid();
        let started = Instant::now();
        let kill_at = started + Duration::from_millis(rng.random_range(100..2_500));
        let mut answers: Answers = history
            .iter()
            .map(|h| h.last().map(|s| s.choices.clone()).unwrap_or_default())
            .collect();
        while Instant::now() < kill_at {
            let (choices, several) = SHAPE[at];
            if rng.random_bool(0.65) {
                let c = rng.random_range(0..choices);
                let mine = &mut answers[at];
                if several {
                    if let Some(i) = mine.iter().position(|&x| x == c) {
                        mine.remove(i);
                    } else {
                        mine.push(c);
                        mine.sort_unstable();
                    }
                } else {
                    *mine = vec![c];
                }
                quiz.tmux.send(&[LETTERS[c]]);
            } else if at == 3 || (at > 0 && rng.random_bool(0.5)) {
                at -= 1;
                quiz.tmux.send(&["Left"]);
            } else {
                at += 1;
                quiz.tmux.send(&["Right"]);
            }
            let seen = quiz.shown(at, &answers[at], kill_at);
            if history[at].last().is_none_or(|s| s.choices != answers[at]) {
                history[at].push(Shown {
                    saved: false,
                    at: seen,
                    choices: answers[at].clone(),
                });
            }
            if seen.is_none() {
                break;
            }
            let pause = Duration::from_millis(rng.random_range(0..600));
            std::thread::sleep(pause.min(kill_at.saturating_duration_since(Instant::now())));
        }
        // An app that ended by itself (a panic, a quit) is a failure of
        // its own: say how it ended rather than that the kill found nobody.
        assert!(
            task_alive(pid, &pid.to_string()),
            "the app ended before the kill of round {round} (exit status {}, signal {}):\n{}",
            quiz.tmux.display("#{pane_dead_status}"),
            quiz.tmux.display("#{pane_dead_signal}"),
            quiz.tmux.pane()
        );
        let killed = Instant::now();
        kill9(pid);
        tally.kills += 1;
        quiz.respawn();
        let (resumed, left_at) = quiz.resume_and_read();
        for (q, (got, shown)) in resumed.iter().zip(&history).enumerate() {
            // The newest state on screen for a second before the kill (or
            // known saved) must be kept, or one that came after it.
            let safe = shown
                .iter()
                .rposition(|s| s.saved || s.at.is_some_and(|t| t + SAFE_AFTER <= killed))
                .unwrap_or(0);
            let allowed = &shown[safe..];
            assert!(
                allowed.iter().any(|s| &s.choices == got),
                "round {round} (seed {seed}): question {} came back as {got:?}; \
                 it showed {:?} for a second or more before the kill, then {:?}",
                q + 1,
                shown[safe].choices,
                allowed[1..].iter().map(|s| &s.choices).collect::<Vec<_>>()
            );
            if allowed.len() > 1 && &allowed[0].choices != got {
                tally.recent_kept += 1;
            }
            tally.checked += 1;
        }
        history = resumed
            .into_iter()
            .map(|choices| vec![Shown::saved(choices)])
            .collect();
        at = left_at;
    }
    tally
}

fn report(t: &Tally) {
    eprintln!(
        "kill_random: {} kills, {} question states compared after restart, none lost; \
         {} answers of the last second were kept too",
        t.kills, t.checked, t.recent_kept
    );
}

#[test]
fn killed_at_random_moments_every_answer_shown_for_a_second_is_resumed() {
    if Tmux::missing("killed_at_random_moments_…") {
        return;
    }
    let t = kill_at_random(6);
    report(&t);
    assert_eq!(t.kills, 6);
}

/// Issue 15's 200 kills (about six minutes).
#[test]
#[ignore = "200 kills take minutes: run with --ignored"]
fn killed_200_times_at_random_moments_nothing_shown_for_a_second_is_lost() {
    if Tmux::missing("killed_200_times_…") {
        return;
    }
    let t = kill_at_random(200);
    report(&t);
    assert_eq!(t.kills, 200);
}
