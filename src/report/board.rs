//! `union-quiz board`: a read-only leaderboard for the projector, re-read
//! whenever the results file changes.
//!
//! The board shows the bank of the most recently finished attempt (the quiz
//! the room is taking now), counted as `--attempt first`: the top members,
//! the top units and the histogram of percents. The screen is drawn from a
//! pure [`BoardModel`]; [`Board::refresh`] is the only part that touches the
//! file, so tests call it directly instead of waiting.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block, Paragraph, Row, Table, Widget, Wrap};

use super::stats::{self, BINS};
use crate::cli::{AttemptPick, BoardArgs};
use crate::i18n::Lang;
use crate::i18n::report as tr;
use crate::results::ResultRow;
use crate::text::width;

/// How long the board sleeps waiting for a key before it looks at the file
/// again: a new row shows within this (well under the 1 s asked for).
pub const POLL: Duration = Duration::from_millis(500);

/// The smallest terminal the board draws on; smaller shows a message.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// How many members and units the model keeps (more than fit on 80×24; a
/// taller terminal shows more).
const TOP: usize = 40;

/// One member on the board.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardMember {
    /// Competition rank in the bank.
    pub rank: u32,
    /// The name, as typed.
    pub name: String,
    /// The unit, as typed.
    pub unit: String,
    /// Percent.
    pub percent: f64,
    /// Seconds used.
    pub time_used_s: u64,
}

/// One unit on the board.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardUnit {
    /// Rank by mean percent, ties by pass rate.
    pub rank: u32,
    /// The unit's name.
    pub unit: String,
    /// Members with a counted attempt.
    pub participants: u32,
    /// Mean percent.
    pub mean_percent: f64,
}

/// Everything the board shows; built from rows, drawn by `impl Widget`.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardModel {
    /// The language of the screen.
    pub lang: Lang,
    /// The title of the bank shown; `None` before the first row.
    pub bank_title: Option<String>,
    /// Members counted in the bank.
    pub attempts: usize,
    /// Of those, how many passed.
    pub passed: usize,
    /// Rows of the file that could not be read.
    pub bad: usize,
    /// The top members, by rank.
    pub members: Vec<BoardMember>,
    /// The top units, by rank.
    pub units: Vec<BoardUnit>,
    /// Members per 10-point bin of percent.
    pub bins: [u32; BINS],
}

impl BoardModel {
    /// The board before any row.
    pub fn empty(lang: Lang) -> BoardModel {
        BoardModel {
            lang,
            bank_title: None,
            attempts: 0,
            passed: 0,
            bad: 0,
            members: Vec::new(),
            units: Vec::new(),
            bins: [0; BINS],
        }
    }

    /// The board for these (distinct) rows, `bad` of the file's rows having
    /// been skipped.
    pub fn from_rows(rows: &[ResultRow], bad: usize, lang: Lang) -> BoardModel {
        let mut model = BoardModel::empty(lang);
        model.bad = bad;
        let Some(latest) = latest(rows) else {
            return model;
        };
        let bank = latest.bank_id.clone();
        model.bank_title = Some(latest.bank_title.clone());
        let counted: Vec<stats::Counted<'_>> = stats::counted_attempts(rows, AttemptPick::First)
            .into_iter()
            .filter(|c| c.row.bank_id == bank)
            .collect();
        model.attempts = counted.len();
        model.passed = counted.iter().filter(|c| c.row.passed).count();
        model.bins = stats::histogram(counted.iter().map(|c| c.row.percent));
        model.members = stats::member_lines(&counted)
            .into_iter()
            .take(TOP)
            .map(|l| BoardMember {
                rank: l.rank,
                name: l.name,
                unit: l.unit,
                percent: l.percent,
                time_used_s: l.time_used_s,
            })
            .collect();
        model.units = stats::unit_lines(&counted, None)
            .into_iter()
            .take(TOP)
            .map(|l| BoardUnit {
                rank: l.rank.unwrap_or(0),
                unit: l.unit,
                participants: l.participants,
                mean_percent: l.mean_percent.unwrap_or(0.0),
            })
            .collect();
        model
    }
}

/// The most recently finished row (by `finished_at`; the last in the file
/// when times do not parse).
fn latest(rows: &[ResultRow]) -> Option<&ResultRow> {
    rows.iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| {
            let ta = a.finished_at.parse::<jiff::Timestamp>().ok();
            let tb = b.finished_at.parse::<jiff::Timestamp>().ok();
            ta.cmp(&tb).then(i.cmp(j))
        })
        .map(|(_, r)| r)
}

/// "Công đoàn Kho bạc" → "Kho bạc": on a narrow panel the common prefix
/// only hides the part that tells units apart. Runs of spaces are folded.
fn short_unit(unit: &str) -> String {
    let words: Vec<&str> = unit.split_whitespace().collect();
    let prefix = words.len() > 2
        && words
            .iter()
            .take(2)
            .map(|w| w.to_lowercase())
            .eq(["công", "đoàn"].map(str::to_owned));
    let rest = if prefix {
        words.get(2..).unwrap_or(&[])
    } else {
        &words[..]
    };
    rest.join(" ")
}

fn one_decimal(v: f64, lang: Lang) -> String {
    let s = format!("{v:.1}");
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

impl Widget for &BoardModel {
    /// Layout (80×24 and up):
    ///
    /// ```text
    /// BẢNG XẾP HẠNG · <bank title>                     6 bài · 4 đạt
    /// ┌Đoàn viên dẫn đầu──────────────┐┌Công đoàn cơ sở dẫn đầu──┐
    /// │Hạng Họ và tên  CĐCS  %  T.gian ││Hạng CĐCS   Dự thi  TB % │
    /// └────────────────────────────────┘└─────────────────────────┘
    /// ┌Phân bố điểm (%)───────────────────────────────────────────┐
    /// │ ▆▆  ██ …  (10 bars: 0, 10, … 90)                          │
    /// └───────────────────────────────────────────────────────────┘
    /// q, Esc: thoát
    /// ```
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            render_too_small(self.lang, area, buf);
            return;
        }
        let [header, body, histogram, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(9),
            Constraint::Length(1),
        ])
        .areas(area);
        let [members, units] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(body);
        render_header(self, header, buf);
        render_members(self, members, buf);
        render_units(self, units, buf);
        render_histogram(self, histogram, buf);
        Line::from(tr::BOARD_KEYS.get(self.lang)).render(footer, buf);
    }
}

fn render_too_small(lang: Lang, area: Rect, buf: &mut Buffer) {
    let [middle] = Layout::vertical([Constraint::Length(2)])
        .flex(Flex::Center)
        .areas(area);
    Paragraph::new(tr::BOARD_TOO_SMALL.get(lang))
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(middle, buf);
}

fn render_header(m: &BoardModel, area: Rect, buf: &mut Buffer) {
    let summary = tr::board_summary(m.lang, m.attempts, m.passed, m.bad);
    let summary_w = u16::try_from(width(&summary)).unwrap_or(u16::MAX);
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(summary_w)]).areas(area);
    let mut title = tr::BOARD_TITLE.get(m.lang).to_owned();
    if let Some(bank) = &m.bank_title {
        title.push_str(" · ");
        title.push_str(bank);
    }
    Line::styled(title, Style::new().add_modifier(Modifier::BOLD)).render(left, buf);
    Line::from(summary).render(right, buf);
}

fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

fn render_members(m: &BoardModel, area: Rect, buf: &mut Buffer) {
    let lang = m.lang;
    let block = Block::bordered().title(tr::BOARD_MEMBERS.get(lang));
    if m.members.is_empty() {
        Paragraph::new(tr::BOARD_WAITING.get(lang))
            .block(block)
            .render(area, buf);
        return;
    }
    let header = Row::new([
        tr::COL_RANK.get(lang),
        tr::COL_NAME.get(lang),
        tr::BOARD_COL_UNIT.get(lang),
        tr::COL_PERCENT.get(lang),
        tr::BOARD_COL_TIME.get(lang),
    ])
    .style(bold());
    let rows = m.members.iter().map(|p| {
        Row::new([
            Line::from(p.rank.to_string()).alignment(Alignment::Right),
            Line::from(p.name.as_str()),
            Line::from(short_unit(&p.unit)),
            Line::from(one_decimal(p.percent, lang)).alignment(Alignment::Right),
            Line::from(super::format::duration(p.time_used_s)).alignment(Alignment::Right),
        ])
    });
    Table::new(
        rows,
        [
            Constraint::Length(4),
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(5),
            Constraint::Length(6),
        ],
    )
    .header(header)
    .block(block)
    .render(area, buf);
}

fn render_units(m: &BoardModel, area: Rect, buf: &mut Buffer) {
    let lang = m.lang;
    let block = Block::bordered().title(tr::BOARD_UNITS.get(lang));
    let header = Row::new([
        tr::COL_RANK.get(lang),
        tr::BOARD_COL_UNIT.get(lang),
        tr::BOARD_COL_PARTICIPANTS.get(lang),
        tr::COL_MEAN.get(lang),
    ])
    .style(bold());
    let rows = m.units.iter().map(|u| {
        Row::new([
            Line::from(u.rank.to_string()).alignment(Alignment::Right),
            Line::from(short_unit(&u.unit)),
            Line::from(u.participants.to_string()).alignment(Alignment::Right),
            Line::from(one_decimal(u.mean_percent, lang)).alignment(Alignment::Right),
        ])
    });
    Table::new(
        rows,
        [
            Constraint::Length(4),
            Constraint::Fill(1),
            Constraint::Length(6),
            Constraint::Length(6),
        ],
    )
    .header(header)
    .block(block)
    .render(area, buf);
}

fn render_histogram(m: &BoardModel, area: Rect, buf: &mut Buffer) {
    let bars: Vec<Bar<'_>> = m
        .bins
        .iter()
        .enumerate()
        .map(|(i, n)| Bar::with_label((i * 10).to_string(), u64::from(*n)))
        .collect();
    BarChart::new(bars)
        .block(Block::bordered().title(tr::BOARD_HISTOGRAM.get(m.lang)))
        .bar_width(5)
        .bar_gap(2)
        .value_style(Style::new().add_modifier(Modifier::REVERSED))
        .render(area, buf);
}

/// What the board last saw of the file: it is re-read when this changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

/// The board's state: the file it watches and the model of what it shows.
#[derive(Debug, Clone)]
pub struct Board {
    path: PathBuf,
    lang: Lang,
    stamp: Option<Stamp>,
    /// What the screen shows.
    pub model: BoardModel,
}

impl Board {
    /// A board on `path`, empty until the first [`Board::refresh`].
    pub fn new(path: &Path, lang: Lang) -> Board {
        Board {
            path: path.to_owned(),
            lang,
            stamp: None,
            model: BoardModel::empty(lang),
        }
    }

    /// Re-reads the file if its size or modification time changed; returns
    /// whether the model was rebuilt. A missing or unreadable file shows the
    /// waiting board (the session may not have started).
    pub fn refresh(&mut self) -> bool {
        let stamp = std::fs::metadata(&self.path).ok().map(|m| Stamp {
            modified: m.modified().ok(),
            len: m.len(),
        });
        if stamp == self.stamp {
            return false;
        }
        self.stamp = stamp;
        self.model = match crate::results::read_file(&self.path) {
            Ok(read) => {
                let loaded = super::loaded_from(read.rows, read.bad);
                BoardModel::from_rows(&loaded.rows, loaded.bad.len(), self.lang)
            }
            Err(_) => BoardModel::empty(self.lang),
        };
        true
    }
}

/// Runs `union-quiz board`.
pub fn board(args: &BoardArgs, lang: Lang) -> ExitCode {
    let mut board = Board::new(&args.results, lang);
    board.refresh();
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "{}",
                tr::terminal_error(lang, &crate::i18n::io_error_message(&e, lang))
            );
            return ExitCode::FAILURE;
        }
    };
    let result = event_loop(&mut terminal, &mut board);
    ratatui::restore();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "{}",
                tr::terminal_error(lang, &crate::i18n::io_error_message(&e, lang))
            );
            ExitCode::FAILURE
        }
    }
}

/// Draws when something changed, waits up to [`POLL`] for a key, looks at
/// the file, and again; q, Esc or Ctrl-C ends it.
fn event_loop(terminal: &mut ratatui::DefaultTerminal, board: &mut Board) -> io::Result<()> {
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| f.render_widget(&board.model, f.area()))?;
            dirty = false;
        }
        if event::poll(POLL)? {
            match event::read()? {
                Event::Key(k) if k.kind == KeyEventKind::Press => {
                    let ctrl_c =
                        k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
                    if matches!(k.code, KeyCode::Char('q' | 'Q') | KeyCode::Esc) || ctrl_c {
                        return Ok(());
                    }
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        }
        dirty |= board.refresh();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_prefix_is_dropped_only_when_something_is_left() {
        assert_eq!(
            short_unit("Công đoàn Kho bạc Nhà nước tỉnh"),
            "Kho bạc Nhà nước tỉnh"
        );
        assert_eq!(short_unit("CÔNG ĐOÀN  Sở Y tế"), "Sở Y tế");
        assert_eq!(short_unit("công đoàn  Sở Tư pháp"), "Sở Tư pháp");
        assert_eq!(short_unit("Công đoàn "), "Công đoàn");
        assert_eq!(short_unit("Sở Tư pháp"), "Sở Tư pháp");
        assert_eq!(short_unit(""), "");
    }
}
