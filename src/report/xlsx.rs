//! The workbook for the union office: a guide sheet first, then one sheet
//! per view, with localised headers, numbers written as numbers (so Excel
//! can sum and sort them), percents as percents, frozen headers, filters,
//! and native Excel charts drawn from the sheets' own cells.

use std::path::Path;

use rust_xlsxwriter::{
    Chart, ChartAxis, ChartLegendPosition, ChartType, Format, FormatAlign, Workbook, Worksheet,
    XlsxError,
};

use super::format::{Cell, Table};
use crate::text::truncate_chars;

/// Excel's limit on a sheet name, in characters.
pub const SHEET_NAME_MAX: usize = 31;

/// The widest a column is made by fitting it to its contents, in pixels
/// (about 50 characters): a long unit name or choice text is cut at the
/// column's edge instead of pushing the figures off the screen.
pub const MAX_COLUMN_PIXELS: u32 = 360;

/// A sheet name Excel accepts: without `[]:*?/\` and at most 31 characters.
pub fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    truncate_chars(&clean, SHEET_NAME_MAX).to_owned()
}

/// A block of cells of the same sheet, by 0-based sheet row and column;
/// the header is row 0, so a table's row `i` is sheet row `i + 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First row.
    pub first_row: u32,
    /// First column.
    pub first_col: u16,
    /// Last row (inclusive).
    pub last_row: u32,
    /// Last column (inclusive).
    pub last_col: u16,
}

impl Span {
    /// Rows `first..=last` of one column.
    pub fn column(col: u16, first: u32, last: u32) -> Span {
        Span {
            first_row: first,
            first_col: col,
            last_row: last,
            last_col: col,
        }
    }

    /// Columns `first..=last` of one row.
    pub fn row(row: u32, first: u16, last: u16) -> Span {
        Span {
            first_row: row,
            first_col: first,
            last_row: row,
            last_col: last,
        }
    }
}

/// The kind of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Vertical bars (a histogram, facility by question).
    Column,
    /// Horizontal bars, first category on top (units by rank).
    Bar,
}

/// A chart of a sheet's cells.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    /// The sheet whose cells it draws (its name before [`sheet_name`]).
    pub data: String,
    /// The bank it is about, to keep each bank's charts together.
    pub bank: String,
    /// Column or bar.
    pub kind: ChartKind,
    /// The chart's title.
    pub title: String,
    /// The category labels.
    pub categories: Span,
    /// Each series: its name and its values.
    pub series: Vec<(String, Span)>,
    /// The category axis's title.
    pub category_title: String,
    /// The value axis's title (empty for none).
    pub value_title: String,
    /// Whether the values are percents (fractions shown as "50%").
    pub percent: bool,
}

/// One sheet: its name, its table and the charts drawn from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name (made Excel-safe when written).
    pub name: String,
    /// The header row and the rows.
    pub table: Table,
    /// Charts, one under the other: beside the table, or from the top left
    /// of a sheet without one (the charts sheet).
    pub charts: Vec<ChartSpec>,
    /// Columns whose text wraps at this width (the guide's explanations).
    pub wrap: Option<(u16, f64)>,
}

impl Sheet {
    /// A sheet of `table` without charts.
    pub fn new(name: impl Into<String>, table: Table) -> Sheet {
        Sheet {
            name: name.into(),
            table,
            charts: Vec::new(),
            wrap: None,
        }
    }
}

/// Pixels per bar of a bar chart, so that 87 unit names stay legible.
const BAR_PIXELS: u32 = 14;

/// Width of a chart, in pixels: it fits a portrait A4 page.
const CHART_WIDTH: u32 = 640;

/// Writes `sheets` to a new workbook at `path`.
pub fn write_workbook(path: &Path, sheets: &[Sheet]) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    for sheet in sheets {
        let ws = book.add_worksheet();
        write_sheet(ws, sheet)?;
    }
    book.save(path)
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    let name = sheet_name(&sheet.name);
    ws.set_name(&name)?;
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let one = Format::new().set_num_format("0.0");
    let three = Format::new().set_num_format("0.000");
    let percent = Format::new().set_num_format("0.0%");
    let points = Format::new().set_num_format("0.##");
    // Excel durations are fractions of a day.
    let clock = Format::new().set_num_format("[h]:mm:ss");
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let table = &sheet.table;
    for (c, h) in (0u16..).zip(&table.headers) {
        ws.write_string_with_format(0, c, h, &bold)?;
    }
    for (r, row) in (1u32..).zip(&table.rows) {
        for (c, cell) in (0u16..).zip(row) {
            match cell {
                // On the guide every cell wraps and sits at the top, so each
                // figure's name stays beside its explanation.
                Cell::Text(s) if sheet.wrap.is_some() => {
                    ws.write_string_with_format(r, c, s, &wrapped)?;
                }
                Cell::Text(s) => {
                    ws.write_string(r, c, s)?;
                }
                Cell::Int(n) => {
                    // Counts and ranks are far below 2^53.
                    ws.write_number(r, c, *n as f64)?;
                }
                Cell::Num(v, d) => {
                    let f = if *d >= 2 { &three } else { &one };
                    ws.write_number_with_format(r, c, *v, f)?;
                }
                Cell::Percent(v) => {
                    ws.write_number_with_format(r, c, *v / 100.0, &percent)?;
                }
                Cell::Points(v) => {
                    ws.write_number_with_format(r, c, *v, &points)?;
                }
                Cell::Duration(s) => {
                    ws.write_number_with_format(r, c, *s as f64 / 86_400.0, &clock)?;
                }
                Cell::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = u16::try_from(table.headers.len().saturating_sub(1)).unwrap_or(u16::MAX);
    let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
    if !table.rows.is_empty() && sheet.wrap.is_none() {
        ws.autofilter(0, 0, last_row, last_col)?;
    }
    // Printed, a sheet is as wide as the page; long tables go on down.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_autofit_max_width(MAX_COLUMN_PIXELS);
    ws.autofit();
    if let Some((col, width)) = sheet.wrap {
        ws.set_column_width(col, width)?;
        // Spreadsheets do not grow a row for wrapped text written this way:
        // each row is given the height of its lines (15 points a line, a
        // character about a unit of column width).
        for (r, row) in (1u32..).zip(&table.rows) {
            if let Some(Cell::Text(text)) = row.get(usize::from(col)) {
                let chars = text.chars().count() as f64;
                let lines = (chars / (width * 0.95)).ceil().max(1.0);
                ws.set_row_height(r, 15.0 * lines + 2.0)?;
            }
        }
    }
    // Charts go one under the other, one column right of the table if any.
    let (chart_col, mut chart_row) = if table.headers.is_empty() {
        (0, 0)
    } else {
        (last_col.saturating_add(2), 1)
    };
    for spec in &sheet.charts {
        let chart = chart(&sheet_name(&spec.data), spec);
        let height = chart_height(spec);
        ws.insert_chart(chart_row, chart_col, &chart)?;
        // Default rows are 20 pixels high.
        chart_row += height / 20 + 2;
    }
    Ok(())
}

fn chart_height(spec: &ChartSpec) -> u32 {
    match spec.kind {
        ChartKind::Column => 320,
        ChartKind::Bar => {
            let n = spec
                .categories
                .last_row
                .saturating_sub(spec.categories.first_row)
                + 1;
            let per = BAR_PIXELS * u32::try_from(spec.series.len().max(1)).unwrap_or(1) + 6;
            (n * per + 120).max(320)
        }
    }
}

fn value_axis(axis: &mut ChartAxis, spec: &ChartSpec) {
    if !spec.value_title.is_empty() {
        axis.set_name(&spec.value_title);
    }
    if spec.percent {
        axis.set_num_format("0%");
    }
}

fn range(sheet: &str, s: Span) -> (&str, u32, u16, u32, u16) {
    (sheet, s.first_row, s.first_col, s.last_row, s.last_col)
}

fn chart(sheet: &str, spec: &ChartSpec) -> Chart {
    let mut chart = Chart::new(match spec.kind {
        ChartKind::Column => ChartType::Column,
        ChartKind::Bar => ChartType::Bar,
    });
    for (name, values) in &spec.series {
        chart
            .add_series()
            .set_name(name.as_str())
            .set_categories(range(sheet, spec.categories))
            .set_values(range(sheet, *values));
    }
    chart.title().set_name(&spec.title);
    chart.set_width(CHART_WIDTH).set_height(chart_height(spec));
    // rust_xlsxwriter's x axis is the horizontal one: the categories of a
    // column chart, the values of a bar chart.
    match spec.kind {
        ChartKind::Column => {
            chart.x_axis().set_name(&spec.category_title);
            value_axis(chart.y_axis(), spec);
        }
        ChartKind::Bar => {
            // Rank 1 at the top, as in the sheet.
            chart.y_axis().set_name(&spec.category_title).set_reverse();
            value_axis(chart.x_axis(), spec);
        }
    }
    // Several series are told apart by the legend's names, not by their
    // colours alone.
    if spec.series.len() < 2 {
        chart.legend().set_hidden();
    } else {
        chart.legend().set_position(ChartLegendPosition::Top);
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_fit_excel() {
        assert_eq!(sheet_name("Đoàn viên"), "Đoàn viên");
        assert_eq!(sheet_name("a/b:c"), "a_b_c");
        let long = "Công đoàn cơ sở của tỉnh và các huyện thị xã";
        assert_eq!(sheet_name(long).chars().count(), SHEET_NAME_MAX);
    }
}
