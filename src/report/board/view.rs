//! How the board is drawn from its [`BoardModel`](super::BoardModel): the
//! header, the member and unit tables, the histogram and the footer. Pure
//! drawing into a buffer, so tests render it without a terminal.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block, Paragraph, Row, Table, Widget, Wrap};

use super::*;
use crate::report::format::{self, fit};
use crate::text::width;

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
    /// Bộ đề 1/2: <id> (theo bài mới nhất)       ←/→ Tab: đổi bộ đề · q: thoát
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
        render_footer(self, footer, buf);
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
    let summary = tr::board_summary(m.lang, m.attempts, m.passed, m.bad, m.roster_units);
    let summary_w = u16::try_from(width(&summary)).unwrap_or(u16::MAX);
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(summary_w)])
        .spacing(1)
        .areas(area);
    let mut title = tr::BOARD_TITLE.get(m.lang).to_owned();
    if let Some(bank) = &m.bank_title {
        title.push_str(" · ");
        title.push_str(bank);
    }
    // A long bank title is cut with "…", never run into the summary.
    let title = fit(&title, usize::from(left.width));
    Line::styled(title, Style::new().add_modifier(Modifier::BOLD)).render(left, buf);
    Line::from(summary).render(right, buf);
}

/// The width of a column whose cells are shown whole: its widest cell or
/// header.
fn column_width<'a>(header: &str, cells: impl Iterator<Item = &'a str>) -> usize {
    cells.map(width).chain([width(header)]).max().unwrap_or(0)
}

/// Shares `room` cells between two columns that need `first` and `second`,
/// the first (names) served first: the second keeps at least a third of the
/// room (or what it needs, if less) and gets whatever the first leaves.
fn share(room: usize, first: usize, second: usize) -> (usize, usize) {
    if first + second <= room {
        return (first, room - first);
    }
    let second_min = second.min(room / 3);
    let first = first.min(room - second_min);
    (first, room - first)
}

/// Cells between the columns of a ratatui table (its default).
const COLUMN_SPACING: usize = 1;

fn length(w: usize) -> Constraint {
    Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX))
}

/// Which bank is shown, and the keys: the switch keys only when there is
/// another bank to switch to.
fn render_footer(m: &BoardModel, area: Rect, buf: &mut Buffer) {
    let position = m
        .bank_id
        .as_ref()
        .and_then(|id| m.banks.iter().position(|b| b == id));
    let can_switch =
        m.banks.len() > 1 || (m.bank_id.is_some() && position.is_none() && !m.banks.is_empty());
    let keys = if can_switch {
        tr::BOARD_KEYS_SWITCH.get(m.lang)
    } else {
        tr::BOARD_KEYS.get(m.lang)
    };
    let keys_w = u16::try_from(width(keys)).unwrap_or(u16::MAX);
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(keys_w)])
        .spacing(2)
        .areas(area);
    if let Some(id) = &m.bank_id {
        let shown = tr::board_bank(m.lang, position, m.banks.len(), id, m.following);
        Line::from(fit(&shown, usize::from(left.width))).render(left, buf);
    }
    Line::from(keys).render(right, buf);
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
    let headers = [
        tr::COL_RANK.get(lang),
        tr::COL_NAME.get(lang),
        tr::BOARD_COL_UNIT.get(lang),
        tr::COL_PERCENT.get(lang),
        tr::BOARD_COL_TIME.get(lang),
    ];
    let cells: Vec<[String; 5]> = m
        .members
        .iter()
        .map(|p| {
            [
                p.rank.to_string(),
                p.name.clone(),
                short_unit(&p.unit),
                one_decimal(p.percent, lang),
                format::duration(p.time_used_s),
            ]
        })
        .collect();
    // Rank, percent and time are shown whole; names get the most of the
    // rest, units what names leave; both are cut with "…", never silently.
    let col = |i: usize| column_width(headers[i], cells.iter().map(|c| c[i].as_str()));
    let fixed = col(0) + col(3) + col(4) + 4 * COLUMN_SPACING;
    let room = usize::from(area.width.saturating_sub(2)).saturating_sub(fixed);
    let (name_w, unit_w) = share(room, col(1), col(2));
    let widths = [col(0), name_w, unit_w, col(3), col(4)];
    let cut = [false, true, true, false, false];
    render_table(block, headers, &cells, widths, cut, area, buf);
}

fn render_units(m: &BoardModel, area: Rect, buf: &mut Buffer) {
    let lang = m.lang;
    let block = Block::bordered().title(tr::BOARD_UNITS.get(lang));
    let none = || "—".to_owned();
    let pct = |v: Option<f64>| v.map_or_else(none, |p| one_decimal(p, lang));
    // Without a roster: the count, then the mean. With one, the mean, then
    // the participation rate (the panel is narrow, and the rate says more
    // than the count once head counts are known).
    let roster = m.roster_units.is_some();
    let headers = if roster {
        [
            tr::COL_RANK.get(lang),
            tr::BOARD_COL_UNIT.get(lang),
            tr::COL_MEAN.get(lang),
            tr::BOARD_COL_PARTICIPATION.get(lang),
        ]
    } else {
        [
            tr::COL_RANK.get(lang),
            tr::BOARD_COL_UNIT.get(lang),
            tr::BOARD_COL_PARTICIPANTS.get(lang),
            tr::COL_MEAN.get(lang),
        ]
    };
    let cells: Vec<[String; 4]> = m
        .units
        .iter()
        .map(|u| {
            let (third, fourth) = if roster {
                (pct(u.mean_percent), pct(u.participation))
            } else {
                (u.participants.to_string(), pct(u.mean_percent))
            };
            [
                u.rank.map_or_else(none, |r| r.to_string()),
                short_unit(&u.unit),
                third,
                fourth,
            ]
        })
        .collect();
    let col = |i: usize| column_width(headers[i], cells.iter().map(|c| c[i].as_str()));
    let fixed = col(0) + col(2) + col(3) + 3 * COLUMN_SPACING;
    let unit_w = usize::from(area.width.saturating_sub(2)).saturating_sub(fixed);
    let widths = [col(0), unit_w, col(2), col(3)];
    let cut = [false, true, false, false];
    render_table(block, headers, &cells, widths, cut, area, buf);
}

/// One ranked table of the board (members or units) under bold headers.
/// Text columns (`cut`) are left-aligned and cut to their width with "…";
/// the others are numbers, sized to fit whole, so they are right-aligned.
fn render_table<const N: usize>(
    block: Block,
    headers: [&str; N],
    cells: &[[String; N]],
    widths: [usize; N],
    cut: [bool; N],
    area: Rect,
    buf: &mut Buffer,
) {
    let header = Row::new(
        headers
            .iter()
            .zip(widths)
            .map(|(h, w)| Line::from(fit(h, w))),
    )
    .style(bold());
    let rows = cells.iter().map(|c| {
        Row::new(c.iter().zip(widths).zip(cut).map(|((text, w), cut)| {
            if cut {
                Line::from(fit(text, w))
            } else {
                Line::from(text.as_str()).alignment(Alignment::Right)
            }
        }))
    });
    Table::new(rows, widths.map(length))
        .header(header)
        .block(block)
        .render(area, buf);
}

/// Cells between two bars of the histogram.
const BAR_GAP: u16 = 2;

/// The label under a bar: its lower bound, and the whole range for the last
/// bin, which alone includes its upper bound (100 %).
fn bar_label(bin: usize) -> String {
    if bin + 1 >= BINS {
        format!("{}–100", bin * 10)
    } else {
        (bin * 10).to_string()
    }
}

fn render_histogram(m: &BoardModel, area: Rect, buf: &mut Buffer) {
    // The bars share the panel's width: 6 cells at 80 columns (enough for
    // "90–100"), wider on a wide projector.
    let bins = u16::try_from(BINS).unwrap_or(u16::MAX);
    let inner = area.width.saturating_sub(2);
    let bar_width = (inner.saturating_sub(BAR_GAP * bins.saturating_sub(1)) / bins).max(1);
    let bars: Vec<Bar<'_>> = m
        .bins
        .iter()
        .enumerate()
        .map(|(i, n)| Bar::with_label(bar_label(i), u64::from(*n)))
        .collect();
    BarChart::new(bars)
        .block(Block::bordered().title(tr::BOARD_HISTOGRAM.get(m.lang)))
        .bar_width(bar_width)
        .bar_gap(BAR_GAP)
        .value_style(Style::new().add_modifier(Modifier::REVERSED))
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis_at_a_word_or_cell_boundary() {
        assert_eq!(fit("Kho bạc Nhà nước tỉnh", 21), "Kho bạc Nhà nước tỉnh");
        assert_eq!(fit("Kho bạc Nhà nước tỉnh", 14), "Kho bạc Nhà…");
        assert_eq!(fit("Cục Thuế tỉnh", 11), "Cục Thuế…");
        assert_eq!(fit("Kho bạc", 6), "Kho…");
        // No word ends in the second half: cut at a cell.
        assert_eq!(fit("Đoàn Thanhniên", 10), "Đoàn Than…");
        assert_eq!(fit("Nguyễn", 4), "Ngu…");
        // Wide characters take two cells and are never split.
        assert_eq!(fit("工会工会", 4), "工…");
        assert_eq!(fit("工会工会", 5), "工会…");
        assert_eq!(fit("abc", 1), "…");
        assert_eq!(fit("abc", 0), "");
        for max in 0..30 {
            assert!(width(&fit("Công đoàn Kho bạc Nhà nước tỉnh", max)) <= max);
        }
    }

    #[test]
    fn names_get_the_most_room() {
        assert_eq!(share(27, 13, 21), (13, 14));
        assert_eq!(share(27, 22, 21), (18, 9));
        assert_eq!(share(40, 13, 21), (13, 27));
        assert_eq!(share(27, 30, 5), (22, 5));
        assert_eq!(share(0, 10, 10), (0, 0));
    }
}
