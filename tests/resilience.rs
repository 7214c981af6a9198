//! Issue 4: no answer lost. Autosave after every change and every 15 s of
//! the clock, resume at the start, faults when writing the row (each with
//! retry), and `recover`. Driven through `App::step` with a fake clock and
//! temporary folders.

mod engine_support;
mod holder_support;
mod resilience_support;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use resilience_support::{Harness, only_saved, plain_bank, results_in, room, saved, screen_of};
use union_quiz::autosave::Autosaves;
use union_quiz::i18n::Lang;
use union_quiz::i18n::ui::texts;
use union_quiz::results;
use union_quiz::session::Left;
use union_quiz::session::recover::{self, RecoverDone, RecoverState};
use union_quiz::session::save::SAVE_EVERY as AUTOSAVE_EVERY;
use union_quiz::ui::app::{Command, Screen};
use union_quiz::ui::recover::table;

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn rows(path: &Path) -> Vec<results::ResultRow> {
    let read = results::read_file(path).expect("results file");
    assert!(read.bad.is_empty(), "{:?}", read.bad);
    read.rows
}

#[test]
fn every_change_is_saved_at_once_and_the_time_every_15_seconds() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    h.start_quiz_as("Nguyễn Văn An");
    assert_eq!(h.app.screen(), Screen::Question);
    let s = only_saved(&results);
    assert_eq!(s.member.name, "Nguyễn Văn An");
    assert!(s.answers.iter().all(Vec::is_empty));
    assert_eq!(s.used_ms, 0);

    h.at(5).typed("b");
    let s = only_saved(&results);
    assert_eq!(s.answers[0], vec![1], "the answer is saved with the key");
    assert_eq!(s.used_ms, 5_000);

    h.at(9).key(KeyCode::F(2));
    assert!(only_saved(&results).flags[0], "a flag is a change");
    assert_eq!(only_saved(&results).used_ms, 9_000);

    // The event loop wakes for the next periodic save.
    assert_eq!(h.app.next_autosave(h.now), Some(AUTOSAVE_EVERY));
    assert_eq!(h.app.next_autosave(h.t0 + secs(12)), Some(secs(12)));
    // The clock alone: not saved before 15 s have passed since the last save…
    h.at(20).cmd(Command::Tick);
    assert_eq!(only_saved(&results).used_ms, 9_000);
    // … and saved once they have.
    h.at(9 + AUTOSAVE_EVERY.as_secs()).cmd(Command::Tick);
    assert_eq!(only_saved(&results).used_ms, 24_000);
    // Moving on is a change too (the current question).
    h.at(25).key(KeyCode::Right);
    assert_eq!(only_saved(&results).current, 1);
    // It is held by this app while it runs.
    assert!(saved(&results)[0].1, "claimed while the quiz runs");

    // Submitting writes the row, and only then is the autosave removed.
    h.at(30).submit();
    assert_eq!(h.app.screen(), Screen::Result);
    assert!(saved(&results).is_empty());
    assert_eq!(
        fs::read_dir(Autosaves::for_results(&results).dir())
            .map(|d| d.count())
            .unwrap_or(0),
        0
    );
    let r = rows(&results);
    assert_eq!(r[0].answers, "nd61-hieu-luc:B;nq30c-6:-;mot-cua:-");
}

#[test]
fn a_killed_app_is_resumed_with_its_answers_and_the_time_of_the_last_save() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let t0 = Instant::now();
    let mut first = Harness::new(vec![plain_bank()], &results, Lang::Vi, t0);
    first.start_quiz_as("Trần Thị Bình");
    first.at(5).answer_two();
    first.at(12).cmd(Command::Tick);
    let id = first
        .app
        .attempt()
        .expect("attempt")
        .attempt_id()
        .to_owned();
    // Killed: no shutdown, the process (and its lock) just goes away.
    first.kill(&results);

    // Much later, another app starts on the same results file.
    let t1 = t0 + secs(3_600);
    let mut second = Harness::new(vec![plain_bank()], &results, Lang::Vi, t1);
    assert_eq!(second.app.screen(), Screen::Resume);
    assert_eq!(second.app.resumable().len(), 1);
    let entry = &second.app.resumable()[0];
    assert_eq!(entry.snapshot.member.name, "Trần Thị Bình");
    assert_eq!(entry.answered, 2);
    assert_eq!(entry.left, Some(secs(20 * 60 - 5)));
    let screen = second.screen();
    assert!(
        screen.contains("Trần Thị Bình — Công đoàn Sở Tư pháp"),
        "{screen}"
    );
    assert!(
        screen.contains("còn 19:55 · đã trả lời 2/3 câu"),
        "{screen}"
    );
    let english = Harness::new(vec![plain_bank()], &results, Lang::En, t1).screen();
    assert!(english.contains("19:55 left · 2/3 answered"), "{english}");

    second.key(KeyCode::Enter);
    assert_eq!(second.app.screen(), Screen::Question);
    let a = second.app.attempt().expect("resumed");
    assert_eq!(a.attempt_id(), id);
    assert_eq!(a.chosen(0), vec![1]);
    assert_eq!(a.chosen(1), vec![0, 2]);
    // Time while no app ran is not counted.
    assert_eq!(a.used(t1), secs(5));
    assert_eq!(a.remaining(t1), Some(secs(20 * 60 - 5)));
    // The other window would not be offered it now.
    assert!(saved(&results)[0].1);

    second.now = t1 + secs(10);
    second.submit();
    let r = rows(&results);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].attempt_id, id);
    assert_eq!(r[0].member_name, "Trần Thị Bình");
    assert_eq!(r[0].answers, "nd61-hieu-luc:B;nq30c-6:AC;mot-cua:-");
    assert_eq!(r[0].duration_s, 15);
    assert!(!r[0].timed_out);
    assert_eq!(r[0].app_version, "0.1.0");
    assert!(saved(&results).is_empty());
}

#[test]
fn an_attempt_open_in_another_window_is_not_offered() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let t0 = Instant::now();
    let mut first = Harness::new(vec![plain_bank()], &results, Lang::Vi, t0);
    first.start_quiz_as("Lê Văn Cường").typed("a");
    let second = Harness::new(vec![plain_bank()], &results, Lang::Vi, t0);
    assert_eq!(second.app.screen(), Screen::Identity);
    assert!(second.app.resumable().is_empty());
}

#[test]
fn a_changed_bank_is_not_resumed_and_the_member_is_told() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let t0 = Instant::now();
    let mut first = Harness::new(vec![plain_bank()], &results, Lang::Vi, t0);
    first.start_quiz_as("Phạm Thị Dung").typed("c");
    first.kill(&results);
    let mut changed = plain_bank();
    changed.sha256 = "cd".repeat(32);
    let mut second = Harness::new(vec![changed], &results, Lang::Vi, t0);
    assert_eq!(second.app.screen(), Screen::Resume);
    second.key(KeyCode::Enter);
    assert_eq!(second.app.screen(), Screen::Resume);
    assert_eq!(
        second.app.resume_problem(),
        Some(texts(Lang::Vi).resume_bank_changed)
    );
    assert!(second.screen().contains("bộ câu hỏi của bài này đã bị sửa"));
    // Nothing lost: the autosave is still there, free for `recover`.
    assert_eq!(saved(&results).len(), 1);
    assert!(!saved(&results)[0].1);
    // Esc starts a new quiz instead.
    second.key(KeyCode::Esc);
    assert_eq!(second.app.screen(), Screen::Identity);
}

#[test]
fn quitting_mid_quiz_saves_the_time_used_and_lets_go() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    h.start_quiz_as("Võ Thị Em").at(2).typed("d");
    h.at(7).key_mod(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.app.quit);
    // What the event loop does on any exit: quit, signal or a lost
    // terminal. It says what is left, for the member to be told.
    assert!(matches!(h.app.shutdown(h.now), Some(Left::Kept)));
    let (s, in_use) = saved(&results).remove(0);
    assert_eq!(s.used_ms, 7_000);
    assert_eq!(s.answers[0], vec![3]);
    assert!(!in_use);
}

/// Finishes a quiz as "Đặng Văn Phúc" and returns the harness on the result
/// screen.
fn finish(results: &Path) -> Harness {
    let mut h = Harness::new(vec![plain_bank()], results, Lang::Vi, Instant::now());
    h.start_quiz_as("Đặng Văn Phúc").at(3).answer_two();
    h.at(40).submit();
    assert_eq!(h.app.screen(), Screen::Result);
    h
}

fn not_saved(h: &Harness) -> bool {
    h.app.finished().is_some_and(|f| f.saved.is_err())
}

#[test]
fn a_results_path_that_is_a_folder_keeps_the_attempt_and_retries() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    fs::create_dir_all(&results).expect("a folder where the file should be");
    let mut h = finish(&results);
    assert!(
        h.app.results_problem.is_some(),
        "the trainer was warned at start"
    );
    assert!(not_saved(&h));
    let screen = h.screen();
    assert!(screen.contains("CHƯA LƯU ĐƯỢC KẾT QUẢ"), "{screen}");
    assert!(
        screen.contains("người hướng dẫn có thể khôi phục"),
        "{screen}"
    );
    assert!(screen.contains("Bấm phím R để thử lưu lại."), "{screen}");
    let s = only_saved(&results);
    assert!(s.finish.is_some(), "the autosave says it was submitted");
    assert_eq!(s.answers[1], vec![0, 2]);

    // Still failing: still kept.
    h.typed("r");
    assert!(not_saved(&h));
    assert_eq!(saved(&results).len(), 1);
    // The trainer fixes it; R writes the row and only then drops the autosave.
    fs::remove_dir(&results).expect("rmdir");
    h.typed("r");
    assert!(!not_saved(&h));
    assert!(h.screen().contains("Kết quả đã được lưu."));
    let r = rows(&results);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].answers, "nd61-hieu-luc:B;nq30c-6:AC;mot-cua:-");
    assert_eq!(r[0].duration_s, 40);
    assert!(saved(&results).is_empty());
}

#[test]
fn a_results_file_that_cannot_be_opened_is_recovered_by_the_trainer() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    fs::create_dir_all(&results).expect("a folder where the file should be");
    let mut h = finish(&results);
    assert!(not_saved(&h));
    // The member leaves; the autosave stays, free for `recover`.
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.screen(),
        Screen::Resume,
        "offered to the next member too"
    );
    let found = recover::list(&room(Vec::new(), None, &results));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].state, RecoverState::FinishedNotSaved);
    fs::remove_dir(&results).expect("rmdir");
    let done = recover::submit_all(&room(vec![plain_bank()], None, &results), Instant::now());
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].1, RecoverDone::Submitted);
    let r = rows(&results);
    assert_eq!(r[0].member_name, "Đặng Văn Phúc");
    assert_eq!(r[0].answers, "nd61-hieu-luc:B;nq30c-6:AC;mot-cua:-");
    assert_eq!(r[0].app_version, "0.1.0+recovered");
    assert!(!r[0].timed_out);
    assert!(saved(&results).is_empty());
}

#[test]
fn what_an_ended_app_leaves_is_said() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    // No attempt yet: nothing.
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    assert!(h.app.shutdown(h.now).is_none());
    // A finished attempt whose row is written: done.
    let mut h = finish(&results);
    assert!(matches!(h.app.shutdown(h.now), Some(Left::Done)));
    // An attempt whose saves fail: said, with the reason.
    let dir = tempfile::tempdir().expect("dir");
    fs::write(dir.path().join("results"), b"not a folder").expect("file");
    let results = results_in(dir.path());
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    h.start_quiz_as("Ngô Thị Giang").at(2).typed("b");
    assert!(matches!(h.app.shutdown(h.now), Some(Left::Unsaved(_))));
}

#[test]
fn a_results_folder_that_is_a_file_keeps_the_attempt_in_the_window() {
    let dir = tempfile::tempdir().expect("dir");
    fs::write(dir.path().join("results"), b"not a folder").expect("file");
    let results = results_in(dir.path());
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    h.start_quiz_as("Ngô Thị Giang");
    // The autosave folder is beside the results file, so it fails too, and
    // the member and trainer see it on the question screen.
    assert!(h.app.save_problem().is_some());
    assert!(h.screen().contains("Không lưu tạm được bài làm"));
    // A failing save is retried with the next change or period, never in a
    // tight loop.
    assert_eq!(h.app.next_autosave(h.now), Some(AUTOSAVE_EVERY));
    h.at(3).answer_two().at(40).submit();
    assert!(not_saved(&h));
    assert!(h.app.only_in_memory());
    let screen = h.screen();
    assert!(screen.contains("ĐỪNG ĐÓNG CỬA SỔ"), "{screen}");
    // Enter does not throw the only copy away.
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Result);
    // The trainer removes the file in the way; R writes the row.
    fs::remove_file(dir.path().join("results")).expect("rm");
    h.typed("r");
    assert!(!not_saved(&h));
    assert_eq!(
        rows(&results)[0].answers,
        "nd61-hieu-luc:B;nq30c-6:AC;mot-cua:-"
    );
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Identity);
}

// Windows does not remove a folder while a file in it is open (the
// attempt's lock), so this cannot happen there.
#[cfg(unix)]
#[test]
fn a_results_folder_removed_while_the_quiz_runs_loses_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    h.start_quiz_as("Hoàng Văn Hải").at(3).typed("b");
    fs::remove_dir_all(dir.path().join("results")).expect("rm -r");
    // The next change makes the autosave folder again, with the answer
    // given before the folder went.
    h.at(6).key(KeyCode::Enter).typed("a");
    let s = only_saved(&results);
    assert_eq!(s.answers[0], vec![1]);
    assert_eq!(s.answers[1], vec![0]);
    assert!(saved(&results)[0].1, "claimed again on the new lock file");
    fs::remove_dir_all(dir.path().join("results")).expect("rm -r again");
    h.at(9).submit();
    assert!(!not_saved(&h), "the results folder is made again");
    let r = rows(&results);
    assert_eq!(r[0].answers, "nd61-hieu-luc:B;nq30c-6:A;mot-cua:-");
    assert!(saved(&results).is_empty());
}

/// Makes `dir` read-only even for root: the immutable attribute. Returns
/// why not when the system does not allow it.
fn make_immutable(dir: &Path) -> Result<(), String> {
    let out = std::process::Command::new("chattr")
        .arg("+i")
        .arg(dir)
        .output()
        .map_err(|e| format!("chattr: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    if fs::write(dir.join("probe"), b"x").is_ok() {
        let _ = fs::remove_file(dir.join("probe"));
        return Err("the folder is still writable".to_owned());
    }
    Ok(())
}

struct Mutable<'a>(&'a Path);

impl Drop for Mutable<'_> {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(self.0)
            .output();
    }
}

#[test]
fn a_read_only_results_folder_keeps_the_attempt_and_retries() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("results");
    let results = folder.join("results.csv");
    // The autosave folder exists, the results folder then becomes
    // read-only: the row cannot be written, the autosave still can.
    fs::create_dir_all(Autosaves::for_results(&results).dir()).expect("mkdir");
    let _guard = Mutable(&folder);
    if let Err(why) = make_immutable(&folder) {
        eprintln!("SKIPPED a_read_only_results_folder_keeps_the_attempt_and_retries: {why}");
        return;
    }
    let mut h = finish(&results);
    assert!(h.app.results_problem.is_some());
    assert!(not_saved(&h));
    assert!(!h.app.only_in_memory());
    assert!(only_saved(&results).finish.is_some());
    assert!(h.screen().contains("người hướng dẫn có thể khôi phục"));
    drop(_guard);
    h.typed("r");
    assert!(!not_saved(&h));
    assert_eq!(rows(&results).len(), 1);
    assert!(saved(&results).is_empty());
}

#[test]
fn a_results_file_on_a_read_only_filesystem_is_not_lost_from_the_window() {
    // sysfs refuses new files even to root (EACCES/EPERM).
    let results = Path::new("/sys/union-quiz-test/results.csv");
    if !Path::new("/sys").is_dir() || results::check_writable(results).is_ok() {
        eprintln!("SKIPPED a_results_file_on_a_read_only_filesystem…: no read-only /sys here");
        return;
    }
    let mut h = finish(results);
    assert!(h.app.results_problem.is_some());
    assert!(not_saved(&h));
    assert!(h.app.only_in_memory());
    h.typed("r");
    assert!(not_saved(&h));
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.screen(),
        Screen::Result,
        "the only copy stays on screen"
    );
    let a = h.app.attempt().expect("kept");
    assert_eq!(a.chosen(1), vec![0, 2]);
}

#[test]
fn the_result_screen_that_was_not_saved() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    fs::create_dir_all(&results).expect("a folder where the file should be");
    for lang in [Lang::Vi, Lang::En] {
        let mut h = Harness::new(vec![plain_bank()], &results, lang, Instant::now());
        h.start_quiz_as("Đặng Văn Phúc")
            .at(3)
            .answer_two()
            .at(40)
            .submit();
        let screen = h.screen();
        // The detail names the temporary path: keep the screen to the rows
        // above it, and check it says the reason in the member's language.
        let shown: String = screen
            .lines()
            .take_while(|l| !l.contains("results.csv"))
            .collect::<Vec<_>>()
            .join("\n");
        let detail = screen
            .lines()
            .find(|l| l.contains("results.csv"))
            .unwrap_or_default();
        // Windows refuses to open a folder as a file with "access denied".
        let kind = if cfg!(windows) {
            std::io::ErrorKind::PermissionDenied
        } else {
            std::io::ErrorKind::IsADirectory
        };
        let reason = union_quiz::i18n::io_error_text(kind, lang);
        assert!(detail.contains(reason), "{detail}");
        assert!(!screen.contains("os error"), "{screen}");
        insta::assert_snapshot!(format!("result_not_saved_{lang}"), shown);
        // Leave it to the next member, whose start screen lists it.
        h.key(KeyCode::Enter);
        let resume = h.screen();
        // Submitted: no time left to offer, only its row to write.
        let said = lang.pick(
            "đã nộp, chưa lưu được kết quả",
            "submitted, result not saved yet",
        );
        assert!(resume.contains(said), "{resume}");
        assert!(!resume.contains("19:20"), "{resume}");
        insta::assert_snapshot!(format!("resume_{lang}"), resume);
        // Resuming a submitted attempt writes its row once the trainer fixed
        // the file — here it is still a folder, so it stays on the result
        // screen with its answers.
        h.key(KeyCode::Enter);
        assert_eq!(h.app.screen(), Screen::Result);
        assert!(not_saved(&h));
        h.key(KeyCode::Enter);
        // Clear the way for the next language.
        drop(h);
        fs::remove_dir_all(Autosaves::for_results(&results).dir()).expect("rm");
    }
}

#[test]
fn recover_lists_and_submits_unfinished_attempts_marked_recovered() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let t0 = Instant::now();
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, t0);
    h.start_quiz_as("Bùi Thị Lan").at(4).answer_two();
    // Saved: 29 s after the last save. (At 15 s it would not have been.)
    h.at(33).cmd(Command::Tick);
    h.kill(&results);
    let found = recover::list(&room(Vec::new(), None, &results));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].state, RecoverState::Unfinished);
    let table = table(&found, Lang::Vi).join("\n");
    assert!(table.contains("Bùi Thị Lan"), "{table}");
    assert!(table.contains("2/3"), "{table}");
    assert!(table.contains("00:33"), "{table}");
    assert!(table.contains("đang làm dở"), "{table}");

    let done = recover::submit_all(&room(vec![plain_bank()], None, &results), Instant::now());
    assert_eq!(done[0].1, RecoverDone::Submitted);
    let r = rows(&results);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].member_name, "Bùi Thị Lan");
    assert_eq!(r[0].answers, "nd61-hieu-luc:B;nq30c-6:AC;mot-cua:-");
    assert_eq!(r[0].answered, 2);
    assert_eq!(r[0].duration_s, 33, "time used as of the last save");
    assert!(!r[0].timed_out, "33 s of 20 min is not timed out");
    assert_eq!(r[0].app_version, "0.1.0+recovered");
    assert!(saved(&results).is_empty());
    assert!(recover::list(&room(Vec::new(), None, &results)).is_empty());
}

#[test]
fn recover_keeps_timed_out_true_only_when_the_time_was_up() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    fs::create_dir_all(&results).expect("blocked");
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    h.start_quiz_as("Đỗ Văn Minh").at(3).typed("b");
    // The deadline submits it; the row cannot be written.
    h.at(20 * 60 + 1).cmd(Command::Tick);
    assert_eq!(h.app.screen(), Screen::TimeUp);
    assert!(h.screen().contains("CHƯA LƯU ĐƯỢC KẾT QUẢ"));
    h.kill(&results);
    fs::remove_dir(&results).expect("unblock");
    let done = recover::submit_all(&room(vec![plain_bank()], None, &results), Instant::now());
    assert_eq!(done[0].1, RecoverDone::Submitted);
    let r = rows(&results);
    assert!(r[0].timed_out);
    assert_eq!(r[0].duration_s, 20 * 60);
    assert_eq!(r[0].answers, "nd61-hieu-luc:B;nq30c-6:-;mot-cua:-");
}

#[test]
fn recover_never_writes_a_row_twice_nor_touches_an_attempt_in_use() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let saves = Autosaves::for_results(&results);
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    h.start_quiz_as("Mai Văn Nam").at(3).typed("b");
    let id = h.app.attempt().expect("a").attempt_id().to_owned();
    let copy = fs::read(saves.dir().join(format!("{id}.json"))).expect("autosave");
    h.at(9).submit();
    assert_eq!(rows(&results).len(), 1);
    // As if the autosave could not be removed after the row was written.
    fs::write(saves.dir().join(format!("{id}.json")), &copy).expect("restore");
    // And another member is at work in another window.
    let mut other = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    assert_eq!(other.app.screen(), Screen::Resume);
    other
        .key(KeyCode::Esc)
        .start_quiz_as("Người Khác")
        .typed("a");
    let done = recover::submit_all(&room(vec![plain_bank()], None, &results), Instant::now());
    let mut kinds: Vec<_> = done.iter().map(|(_, d)| d.clone()).collect();
    kinds.sort_by_key(|d| format!("{d:?}"));
    assert_eq!(
        kinds,
        vec![RecoverDone::AlreadyInResults, RecoverDone::InUse]
    );
    assert_eq!(rows(&results).len(), 1);
    assert_eq!(saved(&results).len(), 1, "only the other member's");
}

#[test]
fn recover_on_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let bank_path = dir.path().join("bank.yaml");
    fs::write(
        &bank_path,
        "title: Kiểm tra\nid: cli-bank\nshuffle_choices: false\nquestions:\n  - id: q1\n    text: Một?\n    choices: [a, b]\n    answer: B\n",
    )
    .expect("bank");
    let bank = union_quiz::bank::load(&bank_path).expect("load");
    let mut h = Harness::new(vec![bank], &results, Lang::Vi, Instant::now());
    h.start_quiz_as("Tạ Thị Oanh").at(2).typed("b");
    h.kill(&results);
    let bin = env!("CARGO_BIN_EXE_union-quiz");
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(bin)
            .arg("recover")
            .arg("--results")
            .arg(&results)
            .arg("--banks")
            .arg(&bank_path)
            .args(extra)
            .output()
            .expect("run");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, out) = run(&[]);
    assert_eq!(code, Some(0));
    assert!(out.contains("1 bài làm chưa nộp"), "{out}");
    assert!(out.contains("Thời gian đã làm"), "{out}");
    assert!(out.contains("Tạ Thị Oanh"), "{out}");
    assert!(out.contains("cli-bank"), "{out}");
    assert!(rows_or_none(&results).is_empty(), "listing writes nothing");
    let (code, out) = run(&["--submit", "--lang", "en"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("written to the results file (marked recovered)"),
        "{out}"
    );
    let r = rows(&results);
    assert_eq!(r[0].answers, "q1:B");
    assert_eq!(
        r[0].app_version,
        format!("{}+recovered", env!("CARGO_PKG_VERSION"))
    );
    let (_, out) = run(&[]);
    assert!(out.contains("Không có bài làm nào chưa nộp"), "{out}");
}

/// `union-quiz recover | head -1`: the pipe closes before recover has
/// written its table; it stops quietly instead of panicking.
#[test]
fn recover_into_a_closed_pipe_does_not_panic() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    for name in ["Tạ Thị Oanh", "Đỗ Văn Lực", "Mai Anh"] {
        let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
        h.start_quiz_as(name).at(2).typed("b");
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_union-quiz"))
        .arg("recover")
        .arg("--results")
        .arg(&results)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    // Closed before the child writes a byte: every write fails.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

fn rows_or_none(path: &Path) -> Vec<results::ResultRow> {
    results::read_file(path).map(|r| r.rows).unwrap_or_default()
}

#[test]
fn a_hostile_autosave_file_never_reaches_the_screen() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    h.start_quiz_as("Lý Văn Phú").typed("a");
    let id = h.app.attempt().expect("a").attempt_id().to_owned();
    drop(h);
    let path = Autosaves::for_results(&results)
        .dir()
        .join(format!("{id}.json"));
    let text = fs::read_to_string(&path).expect("read");
    let text = text.replace(
        "Lý Văn Phú",
        "Lý\\u001b]0;pwned\\u0007 Văn\\u009b2J Phú\\u202e",
    );
    fs::write(&path, text).expect("write");
    let h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    assert_eq!(h.app.screen(), Screen::Resume);
    let screen = screen_of(&h.app, h.now, 80, 24);
    assert!(!resilience_support::has_control(&screen), "{screen:?}");
    assert!(screen.contains("Lý]0;pwned Văn2J Phú"), "{screen}");
    let table = table(&recover::list(&room(Vec::new(), None, &results)), Lang::Vi).join("\n");
    assert!(!resilience_support::has_control(&table));
}

#[test]
fn two_windows_choosing_the_same_attempt_get_it_once() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let t0 = Instant::now();
    let mut first = Harness::new(vec![plain_bank()], &results, Lang::Vi, t0);
    first.start_quiz_as("Châu Văn Quý").typed("a");
    first.kill(&results);
    // Both windows list it…
    let mut a = Harness::new(vec![plain_bank()], &results, Lang::Vi, t0);
    let mut b = Harness::new(vec![plain_bank()], &results, Lang::Vi, t0);
    assert_eq!(a.app.resumable().len(), 1);
    assert_eq!(b.app.resumable().len(), 1);
    // … one takes it, the other is told and offered a new quiz.
    a.key(KeyCode::Enter);
    assert_eq!(a.app.screen(), Screen::Question);
    b.key(KeyCode::Enter);
    assert_eq!(b.app.screen(), Screen::Resume);
    assert_eq!(b.app.resume_problem(), Some(texts(Lang::Vi).resume_in_use));
    assert!(b.app.resumable().is_empty());
    b.key(KeyCode::Enter);
    assert_eq!(b.app.screen(), Screen::Identity);
}

#[test]
fn the_new_screens_never_panic_at_any_size() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    fs::create_dir_all(&results).expect("blocked");
    let mut h = finish(&results);
    let mut apps = Vec::new();
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Resume);
    let resume = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    apps.push(resume);
    let other = tempfile::tempdir().expect("dir");
    let other_results = results_in(other.path());
    fs::create_dir_all(&other_results).expect("blocked");
    let mut result = finish(&other_results);
    result.key(KeyCode::F(1));
    apps.push(result);
    let mut pin = Harness {
        app: resilience_support::app(vec![plain_bank()], None, Lang::En, &results).into_kiosk(),
        t0: Instant::now(),
        now: Instant::now(),
    };
    pin.typed("12345678");
    apps.push(pin);
    for h in &apps {
        for (w, hgt) in [(0, 0), (1, 1), (10, 3), (79, 23), (80, 24), (200, 60)] {
            let _ = screen_of(&h.app, h.now, w, hgt);
        }
    }
}

#[test]
fn a_submitted_attempt_whose_row_is_written_is_not_offered_again() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    fs::create_dir_all(&results).expect("blocked");
    let mut h = finish(&results);
    let id = h.app.attempt().expect("a").attempt_id().to_owned();
    let path = Autosaves::for_results(&results)
        .dir()
        .join(format!("{id}.json"));
    let copy = fs::read(&path).expect("autosave");
    fs::remove_dir(&results).expect("unblock");
    h.typed("r");
    assert!(!not_saved(&h));
    // As if removing the autosave had failed after the row was written.
    fs::write(&path, copy).expect("put back");
    let next = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    assert_eq!(next.app.screen(), Screen::Identity);
    assert_eq!(rows(&results).len(), 1);
}

/// Not a test on its own: the other program of the tests of a held file.
#[test]
#[ignore = "run in a child process by the tests of a held file"]
fn child_holds_a_file() {
    holder_support::hold();
}

#[test]
fn a_results_file_held_by_another_program_is_told_and_r_writes_it() {
    // Excel shows a results file with the file locked (on Windows). The
    // member is told, the answers stay in the autosave, and R writes the
    // row once the file is closed. Elsewhere the holder keeps union-quiz's
    // own lock, which a writer waits for (`results::LOCK_WAIT`) first.
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    fs::create_dir_all(dir.path().join("results")).expect("mkdir");
    let holder = holder_support::Holder::start("child_holds_a_file", &results);
    let mut h = finish(&results);
    assert!(not_saved(&h));
    let screen = h.screen();
    assert!(screen.contains("CHƯA LƯU ĐƯỢC KẾT QUẢ"), "{screen}");
    assert!(
        screen.contains("results.csv: tệp đang được mở trong"),
        "{screen}"
    );
    assert!(screen.contains("Bấm phím R để thử lưu lại."), "{screen}");
    let s = only_saved(&results);
    assert!(s.finish.is_some(), "the autosave says it was submitted");
    assert_eq!(s.answers[1], vec![0, 2]);
    holder.release();
    h.typed("r");
    assert!(!not_saved(&h));
    assert!(h.screen().contains("Kết quả đã được lưu."));
    let r = rows(&results);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].member_name, "Đặng Văn Phúc");
    assert_eq!(r[0].answers, "nd61-hieu-luc:B;nq30c-6:AC;mot-cua:-");
    assert!(saved(&results).is_empty());
}

#[test]
fn an_autosave_held_by_another_program_keeps_the_last_good_save() {
    // An antivirus scanning the autosave just written has it open. A change
    // is a line of the attempt's journal, not a replace of the whole save,
    // so it is kept on both systems while the whole save is held; a later
    // whole save (Windows refuses to replace a held file and retries for
    // `autosave::SHARE_WAIT`) leaves no temporary file behind.
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    h.start_quiz_as("Lê Thị Thu").at(3).typed("b");
    let file = fs::read_dir(dir.path().join("results").join("results.autosave"))
        .expect("autosave folder")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("an autosave");
    let holder = holder_support::Holder::start("child_holds_a_file", &file);
    h.at(6).key(KeyCode::Enter).typed("a");
    let s = only_saved(&results);
    assert_eq!(s.answers[1], vec![0], "the change is in the journal");
    assert!(h.app.save_problem().is_none());
    holder.release();
    h.at(9).typed("c");
    let s = only_saved(&results);
    assert_eq!(s.answers[0], vec![1]);
    assert_eq!(s.answers[1], vec![0, 2]);
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("results").join("results.autosave"))
        .expect("autosave folder")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
