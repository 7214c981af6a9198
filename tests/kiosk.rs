//! Issue 4, item 6: kiosk mode. The trainer sets a PIN at start (typed
//! twice, hidden); members then cannot leave the app with any key; only the
//! trainer's exit key (Ctrl-Q or F12, shown on no member screen) and the
//! PIN end it. Driven by key scripts through `App::step`.

mod engine_support;
mod resilience_support;

use std::time::Instant;

use engine_support::ten;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use resilience_support::{Harness, plain_bank, results_in, saved};
use union_quiz::bank::Bank;
use union_quiz::i18n::Lang;
use union_quiz::ui::app::{Kiosk, Screen};

fn kiosk(banks: Vec<Bank>, lang: Lang, dir: &std::path::Path) -> Harness {
    let t0 = Instant::now();
    Harness {
        app: resilience_support::app(banks, None, lang, &results_in(dir)).into_kiosk(),
        t0,
        now: t0,
    }
}

fn set_pin(h: &mut Harness, pin: &str) {
    h.typed(pin)
        .key(KeyCode::Enter)
        .typed(pin)
        .key(KeyCode::Enter);
}

fn ctrl(h: &mut Harness, c: char) {
    h.key_mod(KeyCode::Char(c), KeyModifiers::CONTROL);
}

#[test]
fn the_trainer_sets_the_pin_twice_and_it_is_never_shown_or_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = kiosk(vec![plain_bank()], Lang::Vi, dir.path());
    assert_eq!(h.app.screen(), Screen::SetPin);
    h.typed("2468");
    let screen = h.screen();
    assert!(screen.contains("Nhập mã PIN: ••••"), "{screen}");
    assert!(!screen.contains("2468"));
    insta::assert_snapshot!("set_pin_vi", screen);
    h.key(KeyCode::Enter);
    assert!(h.app.pin_typed().is_empty(), "wiped after Enter");
    assert!(h.screen().contains("Nhập lại mã PIN để xác nhận"));
    h.typed("2468").key(KeyCode::Enter);
    assert!(matches!(h.app.kiosk, Kiosk::On(_)));
    assert_eq!(h.app.screen(), Screen::Identity);
    // Kept only as a salted hash: nowhere in the app's state as typed.
    assert!(h.app.pin_typed().is_empty());
    assert!(!format!("{:?}", h.app).contains("2468"));
}

#[test]
fn a_short_pin_or_a_different_confirmation_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = kiosk(vec![plain_bank()], Lang::En, dir.path());
    h.typed("12").key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::SetPin);
    assert!(
        h.screen()
            .contains("The PIN must have at least 4 characters.")
    );
    h.typed("1234")
        .key(KeyCode::Enter)
        .typed("1235")
        .key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::SetPin);
    let screen = h.screen();
    assert!(screen.contains("The two entries differ."), "{screen}");
    assert!(
        screen.contains("Type the PIN:") && !screen.contains("to confirm"),
        "back to the first entry"
    );
    insta::assert_snapshot!("set_pin_mismatch_en", screen);
    set_pin(&mut h, "9999");
    assert!(h.app.is_kiosk());
}

#[test]
fn members_cannot_quit_with_q_esc_or_ctrl_c() {
    let dir = tempfile::tempdir().expect("dir");
    let mut two = kiosk(vec![plain_bank(), ten()], Lang::Vi, dir.path());
    set_pin(&mut two, "2468");
    assert_eq!(two.app.screen(), Screen::ChooseBank);
    two.typed("q");
    two.key(KeyCode::Esc);
    ctrl(&mut two, 'c');
    ctrl(&mut two, 'z');
    ctrl(&mut two, '\\');
    ctrl(&mut two, 'd');
    assert!(!two.app.quit);
    assert_eq!(two.app.screen(), Screen::ChooseBank);
    // The footer of the start screen offers no way out.
    let screen = two.screen();
    assert!(!screen.contains("Esc thoát"), "{screen}");

    let dir = tempfile::tempdir().expect("dir");
    let mut one = kiosk(vec![plain_bank()], Lang::Vi, dir.path());
    set_pin(&mut one, "2468");
    one.key(KeyCode::Esc).key(KeyCode::Esc);
    ctrl(&mut one, 'c');
    assert!(!one.app.quit);
    assert_eq!(one.app.screen(), Screen::Identity);
    one.start_quiz_as("Nguyễn Văn An");
    ctrl(&mut one, 'c');
    one.key(KeyCode::Esc).key(KeyCode::Esc);
    assert!(!one.app.quit);
    assert_eq!(one.app.screen(), Screen::Question);
    // With --once the result screen still returns to the start.
    one.app.settings.once = true;
    one.submit().key(KeyCode::Enter);
    assert!(!one.app.quit);
    assert_eq!(one.app.screen(), Screen::Identity);
}

#[test]
fn the_exit_key_is_shown_on_no_member_screen() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = kiosk(vec![plain_bank(), ten()], Lang::Vi, dir.path());
    set_pin(&mut h, "2468");
    let mut screens = vec![h.screen()];
    h.key(KeyCode::Enter);
    screens.push(h.screen());
    h.start_quiz_as("Nguyễn Văn An");
    screens.push(h.screen());
    h.key(KeyCode::F(1));
    screens.push(h.screen());
    h.key(KeyCode::F(1)).key(KeyCode::Esc);
    screens.push(h.screen());
    h.typed("y");
    screens.push(h.screen());
    for s in &screens {
        for hint in ["Ctrl-Q", "Ctrl+Q", "F12", "PIN"] {
            assert!(!s.contains(hint), "{hint} shown:\n{s}");
        }
    }
}

#[test]
fn a_wrong_pin_goes_back_to_the_quiz_and_the_right_one_ends_the_app() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let mut h = kiosk(vec![plain_bank()], Lang::Vi, dir.path());
    set_pin(&mut h, "2468");
    h.start_quiz_as("Trần Thị Bình").at(4).typed("b");
    ctrl(&mut h, 'q');
    assert_eq!(h.app.screen(), Screen::ExitPin);
    h.typed("1111");
    let screen = h.screen();
    assert!(
        screen.contains("••••") && !screen.contains("1111"),
        "{screen}"
    );
    insta::assert_snapshot!("exit_pin_vi", screen);
    h.key(KeyCode::Enter);
    assert!(!h.app.quit);
    assert_eq!(h.app.screen(), Screen::Question, "back to the quiz");
    assert_eq!(h.app.attempt().expect("a").chosen(0), vec![1]);
    // Esc on the PIN screen goes back too.
    h.key(KeyCode::F(12)).key(KeyCode::Esc);
    assert_eq!(h.app.screen(), Screen::Question);
    // The right PIN: the app ends, the attempt saved with its time.
    h.at(30)
        .key(KeyCode::F(12))
        .typed("2468")
        .key(KeyCode::Enter);
    assert!(h.app.quit);
    h.app.shutdown(h.now);
    let (s, in_use) = saved(&results).remove(0);
    assert_eq!(s.answers[0], vec![1]);
    assert_eq!(s.used_ms, 30_000);
    assert!(!in_use);
}

#[test]
fn without_kiosk_the_exit_key_does_nothing_and_ctrl_c_quits() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = Harness::new(
        vec![plain_bank()],
        &results_in(dir.path()),
        Lang::Vi,
        Instant::now(),
    );
    h.key(KeyCode::F(12));
    ctrl(&mut h, 'q');
    assert_eq!(h.app.screen(), Screen::Identity);
    ctrl(&mut h, 'c');
    assert!(h.app.quit);
}
