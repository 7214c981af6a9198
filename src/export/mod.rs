//! `union-quiz export`: a bank as GIFT, Aiken or Moodle XML (for Moodle),
//! or as a printable paper test in .xlsx or .docx with the answer key on a
//! sheet or page of its own.
//!
//! Each writer returns the bytes and what the format could not carry, per
//! question ([`Lost`]); `run` says each of those rather than drop anything
//! silently.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

pub mod aiken;
pub mod gift;
pub mod moodle;
pub mod paper;

use crate::bank::Bank;
use crate::i18n::Lang;
use crate::i18n::import::{self as msg, Loss};

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Moodle's GIFT text format.
    Gift,
    /// Moodle's Aiken text format (one right answer per question).
    Aiken,
    /// Moodle XML, `multichoice` questions.
    MoodleXml,
    /// A printable test in Excel, the answer key on its own sheet.
    Xlsx,
    /// A printable test in Word, the answer key on its own page.
    Docx,
}

impl ExportFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Gift => "gift",
            ExportFormat::Aiken => "txt",
            ExportFormat::MoodleXml => "xml",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Docx => "docx",
        }
    }

    fn name(self) -> &'static str {
        match self {
            ExportFormat::Gift => "GIFT",
            ExportFormat::Aiken => "Aiken",
            ExportFormat::MoodleXml => "Moodle XML",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Docx => "docx",
        }
    }
}

/// Options of `union-quiz export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The bank (.yaml).
    #[arg(value_name = "BANK")]
    pub bank: PathBuf,
    /// The format to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The file to write (`-` for standard output); default:
    /// the bank's name with the format's extension.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Something a format could not carry, for one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    /// The question's id.
    pub id: String,
    /// What.
    pub loss: Loss,
}

/// A bank written in a format.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// How many questions it holds.
    pub written: usize,
    /// What it could not carry.
    pub lost: Vec<Lost>,
}

/// A writer failed (only the xlsx writer can).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The xlsx library's error.
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Writing XML or the zip archive.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The zip archive.
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
}

/// Writes `bank` in `format`.
pub fn export(bank: &Bank, format: ExportFormat, lang: Lang) -> Result<Exported, ExportError> {
    match format {
        ExportFormat::Gift => Ok(gift::write(bank)),
        ExportFormat::Aiken => Ok(aiken::write(bank)),
        ExportFormat::MoodleXml => moodle::write(bank),
        ExportFormat::Xlsx => paper::xlsx(bank, lang),
        ExportFormat::Docx => paper::docx(bank, lang),
    }
}

/// Runs `union-quiz export`: exit 0 when written (what the format could not
/// carry is listed), 1 when the bank has errors or the file cannot be
/// written, 2 on misuse.
pub fn run(args: &ExportArgs, lang: Lang) -> ExitCode {
    if !args.bank.is_file() {
        eprintln!("{}", msg::no_such_file("export", &args.bank, lang));
        return ExitCode::from(2);
    }
    let bank = match crate::bank::load(&args.bank) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}", e.render(lang));
            return ExitCode::from(1);
        }
    };
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| args.bank.with_extension(args.format.extension()));
    let exported = match export(&bank, args.format, lang) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let mut stderr = std::io::stderr().lock();
    // One line per question, with everything it loses.
    let mut i = 0;
    while i < exported.lost.len() {
        let id = &exported.lost[i].id;
        let losses: Vec<Loss> = exported.lost[i..]
            .iter()
            .take_while(|l| l.id == *id)
            .map(|l| l.loss)
            .collect();
        let _ = writeln!(
            stderr,
            "{}",
            msg::loss(args.format.name(), id, &losses, lang)
        );
        i += losses.len().max(1);
    }
    if out.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(&exported.bytes);
        let _ = stdout.flush();
    } else if let Err(e) = crate::import::write_new(&out, &exported.bytes) {
        let _ = writeln!(stderr, "{}", msg::cannot_write(&out, &e, lang));
        return ExitCode::from(1);
    }
    let left_out = bank.questions.len() - exported.written;
    let _ = writeln!(
        stderr,
        "{}",
        msg::export_summary(exported.written, left_out, &out.display().to_string(), lang)
    );
    ExitCode::SUCCESS
}

/// Moodle accepts only its own list of fractions (percent, 7 significant
/// digits, as in its grade menu). Splitting 100 among `n` right choices (or
/// −100 among `n` wrong ones) for n = 1…10 gives exactly these entries of
/// that list: 100, 50, 33.33333, 25, 20, 16.66667, 14.28571, 12.5,
/// 11.11111, 10.
pub fn moodle_fraction(n: usize) -> &'static str {
    match n {
        0 | 1 => "100",
        2 => "50",
        3 => "33.33333",
        4 => "25",
        5 => "20",
        6 => "16.66667",
        7 => "14.28571",
        8 => "12.5",
        9 => "11.11111",
        _ => "10",
    }
}

/// Moodle's grade list, in percent (`question_bank::fraction_options_full`).
pub const MOODLE_FRACTIONS: [f64; 21] = [
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0,
];

/// The fraction of each choice of a question, as Moodle writes it: `100`
/// for the one right choice and `0` for the others; with several right
/// choices, right ones share 100 and wrong ones share −100.
pub fn fractions(q: &crate::bank::Question) -> Vec<String> {
    let right = q.answer.len();
    let wrong = q.choices.len() - right;
    (0..q.choices.len())
        .map(|i| {
            if q.answer.contains(&i) {
                moodle_fraction(right).to_owned()
            } else if right == 1 {
                "0".to_owned()
            } else {
                format!("-{}", moodle_fraction(wrong))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_are_moodles() {
        for n in 1..=10 {
            let f: f64 = moodle_fraction(n).parse().unwrap_or(-1.0);
            assert!(MOODLE_FRACTIONS.contains(&f), "{n}: {f}");
            assert!((f * n as f64 - 100.0).abs() < 0.0001, "{n}: {f}");
        }
    }
}
