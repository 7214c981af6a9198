//! The workbook for the union office: one sheet per view, localised
//! headers, numbers written as numbers (so Excel can sum and sort them).

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::format::{Cell, Table};
use crate::text::truncate_chars;

/// Excel's limit on a sheet name, in characters.
pub const SHEET_NAME_MAX: usize = 31;

/// A sheet name Excel accepts: without `[]:*?/\` and at most 31 characters.
pub fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    truncate_chars(&clean, SHEET_NAME_MAX).to_owned()
}

/// Writes `sheets` (name, table) to a new workbook at `path`.
pub fn write_workbook(path: &Path, sheets: &[(String, Table)]) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let one = Format::new().set_num_format("0.0");
    let three = Format::new().set_num_format("0.000");
    let points = Format::new().set_num_format("0.##");
    // Excel durations are fractions of a day.
    let clock = Format::new().set_num_format("[h]:mm:ss");
    for (name, table) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(name))?;
        for (c, h) in (0u16..).zip(&table.headers) {
            sheet.write_string_with_format(0, c, h, &bold)?;
        }
        for (r, row) in (1u32..).zip(&table.rows) {
            for (c, cell) in (0u16..).zip(row) {
                match cell {
                    Cell::Text(s) => {
                        sheet.write_string(r, c, s)?;
                    }
                    Cell::Int(n) => {
                        // Counts and ranks are far below 2^53.
                        sheet.write_number(r, c, *n as f64)?;
                    }
                    Cell::Num(v, d) => {
                        let f = if *d >= 2 { &three } else { &one };
                        sheet.write_number_with_format(r, c, *v, f)?;
                    }
                    Cell::Points(v) => {
                        sheet.write_number_with_format(r, c, *v, &points)?;
                    }
                    Cell::Duration(s) => {
                        sheet.write_number_with_format(r, c, *s as f64 / 86_400.0, &clock)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofit();
    }
    book.save(path)
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
