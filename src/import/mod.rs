//! `union-quiz import`: a bank from a Word document, a spreadsheet, or a
//! Moodle Aiken or GIFT file.
//!
//! Each format has its own reader (`docx`, `sheet`, `aiken`, `gift`) that
//! builds a [`draft::Draft`]; [`draft::finalize`] applies the rules of a
//! bank once for all of them, and [`draft::to_yaml`] writes the bank, which
//! is then loaded back through the bank loader: what is written always
//! passes `check`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

pub mod aiken;
pub mod diag;
pub mod docx;
pub mod draft;
pub mod gift;
pub mod sheet;
pub mod zipped;

use diag::{Diagnostic, Kind, Place, Problem};
use draft::DraftQuestion;

use crate::i18n::Lang;
use crate::i18n::import as msg;

/// The largest file read: a 1,000-question Word file with a few pictures is
/// well under 5 MiB.
pub const MAX_INPUT_BYTES: u64 = 20 * 1024 * 1024;

/// Options of `union-quiz import`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The file: .docx, .xlsx, .csv, Aiken (.txt) or GIFT (.gift, .txt).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The bank to write (`-` for the screen); default: FILE with the
    /// extension .yaml, never overwritten.
    #[arg(short, long, value_name = "OUT.yaml")]
    pub output: Option<PathBuf>,
    /// The bank's title; default: the document's first line, or the file
    /// name.
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// The bank's id; default: made from the output file's name.
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
}

/// What an import produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The questions written, in order.
    pub questions: Vec<DraftQuestion>,
    /// Every problem, in file order; the errors are the questions left out.
    pub diagnostics: Vec<Diagnostic>,
    /// The bank file, when at least one question could be imported.
    pub yaml: Option<String>,
}

/// The kind of a file from its extension, content and name, as
/// [`read_draft`] decides it; `None` when it is refused before.
fn kind_of(path: &Path, bytes: &[u8]) -> Option<Kind> {
    if zipped::is_zip(bytes) {
        return zipped::Archive::open(bytes).ok()?.kind();
    }
    ext_kind(path).or_else(|| sniff_text(decode(bytes).ok()?))
}

impl Imported {
    /// How many errors (questions left out, or a file refused).
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Every diagnostic, one after the other, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&d.render(lang));
            out.push('\n');
        }
        out
    }
}

/// Title and id of the bank to write.
#[derive(Debug, Clone, Default)]
pub struct Naming {
    /// `--title`.
    pub title: Option<String>,
    /// `--id`.
    pub id: Option<String>,
    /// The output file, whose name gives the default id.
    pub output: Option<PathBuf>,
}

fn ext_kind(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "docx" => Some(Kind::Docx),
        "xlsx" | "xlsm" => Some(Kind::Xlsx),
        "csv" => Some(Kind::Csv),
        "gift" => Some(Kind::Gift),
        _ => None,
    }
}

/// GIFT has answers in braces or `::title::`; Aiken has `ANSWER:` lines.
fn sniff_text(text: &str) -> Option<Kind> {
    let aiken = text
        .lines()
        .any(|l| l.trim_start().to_ascii_uppercase().starts_with("ANSWER:"));
    let gift = text.contains('{') && text.contains('}')
        || text.contains("::")
        || text.contains("$CATEGORY");
    match (aiken, gift) {
        (true, false) => Some(Kind::Aiken),
        (false, true) => Some(Kind::Gift),
        (true, true) => {
            // Both can look alike in a question's text; braces holding
            // `=` or `~` decide.
            if text.contains("{=") || text.contains("{~") || text.contains("\n=") {
                Some(Kind::Gift)
            } else {
                Some(Kind::Aiken)
            }
        }
        (false, false) => None,
    }
}

/// Text of a text file: UTF-8 (a BOM allowed), or where it stops being.
pub fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t.strip_prefix('\u{feff}').unwrap_or(t)),
        Err(e) => Err(Problem::NotUtf8 {
            offset: e.valid_up_to(),
        }),
    }
}

fn refused(path: &Path, p: Problem) -> Imported {
    Imported {
        questions: Vec::new(),
        diagnostics: vec![Diagnostic::new(path.to_path_buf(), Place::File, p)],
        yaml: None,
    }
}

/// Reads the file at `path` within [`MAX_INPUT_BYTES`] and imports it.
pub fn import_file(path: &Path, naming: &Naming, lang: Lang) -> Imported {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return refused(path, Problem::Io(crate::i18n::io_error_message(&e, lang))),
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_INPUT_BYTES {
        return refused(
            path,
            Problem::TooLarge {
                bytes: size,
                limit: MAX_INPUT_BYTES,
            },
        );
    }
    let mut bytes = Vec::new();
    if let Err(e) = file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes) {
        return refused(path, Problem::Io(crate::i18n::io_error_message(&e, lang)));
    }
    import_bytes(path, &bytes, naming, lang)
}

/// The draft of the bytes of a file named `path` (not read), or why the
/// file is refused as a whole.
pub fn read_draft(path: &Path, bytes: &[u8]) -> Result<draft::Draft, Problem> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Problem::TooLarge {
            bytes: bytes.len() as u64,
            limit: MAX_INPUT_BYTES,
        });
    }
    let named = ext_kind(path);
    if zipped::is_zip(bytes)
        || zipped::is_ole(bytes)
        || matches!(named, Some(Kind::Docx | Kind::Xlsx))
    {
        if !zipped::is_zip(bytes) && !zipped::is_ole(bytes) {
            return Err(Problem::Corrupt {
                detail: "not a zip archive".to_owned(),
            });
        }
        let mut archive = zipped::Archive::open(bytes)?;
        let found = archive.kind().ok_or(Problem::UnknownFormat)?;
        if let Some(named) = named
            && named != found
        {
            return Err(Problem::WrongKind { found, named });
        }
        return match found {
            Kind::Docx => docx::read(&mut archive),
            _ => sheet::read_xlsx(archive, bytes),
        };
    }
    let text = decode(bytes)?;
    let kind = match named {
        Some(k) => k,
        None => sniff_text(text).ok_or(Problem::UnknownFormat)?,
    };
    match kind {
        Kind::Csv => sheet::read_csv(text),
        Kind::Gift => Ok(gift::read(text)),
        _ => Ok(aiken::read(text)),
    }
}

/// Imports the bytes of a file named `path` (which is not read: it names
/// the file in diagnostics and gives the default title and id).
pub fn import_bytes(path: &Path, bytes: &[u8], naming: &Naming, lang: Lang) -> Imported {
    let draft = match read_draft(path, bytes) {
        Ok(d) => d,
        Err(p) => return refused(path, p),
    };
    let doc_title = draft.title.clone();
    let had_any = !draft.questions.is_empty();
    let (questions, mut diagnostics) = draft::finalize(draft, path);
    let kind = kind_of(path, bytes);
    for d in &mut diagnostics {
        d.kind = kind;
    }
    if !had_any && !diagnostics.iter().any(Diagnostic::is_error) {
        diagnostics.push(Diagnostic::new(
            path.to_path_buf(),
            Place::File,
            Problem::NoQuestions,
        ));
    }
    sort_diagnostics(&mut diagnostics);
    if questions.is_empty() {
        return Imported {
            questions,
            diagnostics,
            yaml: None,
        };
    }
    let stem = |p: &Path| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let title = naming
        .title
        .clone()
        .map(|t| draft::tidy_line(&t))
        .filter(|t| !t.is_empty())
        .or(doc_title.filter(|t| !t.is_empty()))
        .unwrap_or_else(|| stem(path));
    let given_id = naming.id.clone().filter(|id| {
        let ok = crate::bank::is_valid_id(id);
        if !ok {
            diagnostics.push(Diagnostic::new(
                path.to_path_buf(),
                Place::File,
                Problem::BadId { id: id.clone() },
            ));
        }
        ok
    });
    let id = given_id.unwrap_or_else(|| {
        let from = match &naming.output {
            Some(o) if o.as_os_str() != "-" => stem(o),
            _ => stem(path),
        };
        draft::slug(&from)
    });
    let source_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let yaml = draft::to_yaml(
        &title,
        &id,
        &crate::bank::diag::shown(&source_name),
        &questions,
        lang,
    );
    // The bank must pass `check`; were it not to, say so rather than write
    // a file the trainer cannot use.
    let out_name = naming
        .output
        .clone()
        .unwrap_or_else(|| path.with_extension("yaml"));
    if let Err(e) = crate::bank::load_bytes(&out_name, yaml.as_bytes()) {
        for d in e.diagnostics.iter().filter(|d| d.is_error()) {
            diagnostics.push(Diagnostic::new(
                path.to_path_buf(),
                Place::File,
                Problem::CheckFailed {
                    message: d.render(lang),
                },
            ));
        }
        return Imported {
            questions,
            diagnostics,
            yaml: None,
        };
    }
    Imported {
        questions,
        diagnostics,
        yaml: Some(yaml),
    }
}

/// File-level problems first, then in the order of the file.
fn sort_diagnostics(diags: &mut [Diagnostic]) {
    fn key(p: &Place) -> (u8, String, u64, u64) {
        match p {
            Place::File => (0, String::new(), 0, 0),
            Place::Paragraph(n) => (1, String::new(), *n as u64, 0),
            Place::Line { line, col } => (1, String::new(), *line as u64, *col as u64),
            Place::Cell { sheet, row, col } => (
                1,
                sheet.clone().unwrap_or_default(),
                u64::from(*row),
                u64::from(*col),
            ),
        }
    }
    diags.sort_by_key(|d| key(&d.place));
}

/// Runs `union-quiz import`: exit 0 when every question was imported, 1
/// when any was left out or the file was refused, 2 on misuse.
pub fn run(args: &ImportArgs, lang: Lang) -> ExitCode {
    if !args.file.is_file() {
        eprintln!("{}", msg::no_such_file("import", &args.file, lang));
        return ExitCode::from(2);
    }
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| args.file.with_extension("yaml"));
    let to_stdout = out.as_os_str() == "-";
    let naming = Naming {
        title: args.title.clone(),
        id: args.id.clone(),
        output: Some(out.clone()),
    };
    let mut imported = import_file(&args.file, &naming, lang);
    if args.output.is_none() && out.exists() && imported.yaml.is_some() {
        imported.diagnostics.push(Diagnostic::new(
            args.file.clone(),
            Place::File,
            Problem::OutputExists { path: out.clone() },
        ));
        imported.yaml = None;
    }
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(imported.render(lang).as_bytes());
    let left_out = imported
        .diagnostics
        .iter()
        .filter(|d| d.is_question_left_out())
        .count();
    match &imported.yaml {
        Some(yaml) if to_stdout => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(yaml.as_bytes());
            let _ = stdout.flush();
        }
        Some(yaml) => {
            if let Err(e) = write_new(&out, yaml.as_bytes()) {
                let _ = writeln!(stderr, "{}", msg::cannot_write(&out, &e, lang));
                return ExitCode::from(1);
            }
        }
        None => {}
    }
    let written = if imported.yaml.is_some() {
        imported.questions.len()
    } else {
        0
    };
    let _ = writeln!(
        stderr,
        "{}",
        msg::summary(written, left_out, &out.display().to_string(), lang)
    );
    if imported.errors() > 0 || imported.yaml.is_none() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes through a temporary file beside `path` and renames it, so a full
/// disk never leaves half a bank.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(d) = dir {
        std::fs::create_dir_all(d)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_formats_are_told_apart() {
        assert_eq!(sniff_text("Q?\nA. x\nB. y\nANSWER: A\n"), Some(Kind::Aiken));
        assert_eq!(sniff_text("Q? {=x ~y}"), Some(Kind::Gift));
        assert_eq!(sniff_text("just text"), None);
    }
}
