//! Round trips: every shipped bank in `quizzes/` exported to GIFT, Aiken
//! (its questions with one right answer), xlsx and docx, then imported
//! back, gives the same questions, choices and answers; and the Moodle XML
//! export, parsed with a real XML parser, has Moodle's fractions on every
//! question.

use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use union_quiz::bank::{Bank, Question};
use union_quiz::export::{ExportFormat, MOODLE_FRACTIONS, export};
use union_quiz::i18n::Lang;
use union_quiz::import::{Naming, draft::tidy_text, import_bytes};

/// Every bank in `quizzes/`, whatever files it holds now.
fn shipped() -> Vec<Bank> {
    let (banks, diags) = union_quiz::bank::load_all(Path::new("quizzes"));
    assert!(
        diags.iter().all(|d| !d.is_error()),
        "{:?}",
        diags.iter().map(|d| d.render(Lang::En)).collect::<Vec<_>>()
    );
    assert!(!banks.is_empty());
    banks
}

/// A question as data: text, choices, right answers.
type Data = (String, Vec<String>, Vec<usize>);

fn data(q: &Question) -> Data {
    (tidy_text(&q.text), q.choices.clone(), q.answer.clone())
}

fn round_trip(bank: &Bank, format: ExportFormat, ext: &str) -> Vec<Data> {
    let out = export(bank, format, Lang::Vi).unwrap_or_else(|e| panic!("{}: {e}", bank.id));
    let path = PathBuf::from(format!("{}.{ext}", bank.id));
    let imported = import_bytes(&path, &out.bytes, &Naming::default(), Lang::Vi);
    assert_eq!(
        imported.errors(),
        0,
        "{} as {ext}: {}",
        bank.id,
        imported.render(Lang::En)
    );
    let yaml = imported
        .yaml
        .unwrap_or_else(|| panic!("{} as {ext}: no bank", bank.id));
    // The imported bank loads; compare what the loader reads.
    let back = union_quiz::bank::load_bytes(&path.with_extension("yaml"), yaml.as_bytes())
        .unwrap_or_else(|e| panic!("{} as {ext}: {}", bank.id, e.render(Lang::En)));
    back.questions.iter().map(data).collect()
}

#[test]
fn gift_xlsx_and_docx_keep_every_question() {
    for bank in shipped() {
        let want: Vec<Data> = bank.questions.iter().map(data).collect();
        for (format, ext) in [
            (ExportFormat::Gift, "gift"),
            (ExportFormat::Xlsx, "xlsx"),
            (ExportFormat::Docx, "docx"),
        ] {
            assert_eq!(round_trip(&bank, format, ext), want, "{} as {ext}", bank.id);
        }
    }
}

#[test]
fn gift_keeps_ids_topics_and_explanations() {
    for bank in shipped() {
        let out = export(&bank, ExportFormat::Gift, Lang::Vi).unwrap_or_else(|e| panic!("{e}"));
        let path = PathBuf::from(format!("{}.gift", bank.id));
        let imported = import_bytes(&path, &out.bytes, &Naming::default(), Lang::Vi);
        for (q, back) in bank.questions.iter().zip(&imported.questions) {
            assert_eq!(back.id.as_deref(), Some(q.id.as_str()));
            assert_eq!(back.topic.as_deref(), q.topic.as_deref());
            assert_eq!(
                back.explanation.as_deref().map(tidy_text),
                q.explanation.as_deref().map(tidy_text)
            );
        }
        // The one thing GIFT cannot carry is said per question.
        let sources = bank.questions.iter().filter(|q| q.source.is_some()).count();
        assert_eq!(out.lost.len(), sources);
    }
}

#[test]
fn aiken_keeps_the_questions_it_can_carry_and_lists_the_others() {
    let mut several = 0;
    for bank in shipped() {
        let want: Vec<Data> = bank
            .questions
            .iter()
            .filter(|q| !q.is_multiple())
            .map(|q| {
                let mut d = data(q);
                // Aiken has one line per question.
                d.0 = d.0.split('\n').collect::<Vec<_>>().join(" ");
                d
            })
            .collect();
        let out = export(&bank, ExportFormat::Aiken, Lang::Vi).unwrap_or_else(|e| panic!("{e}"));
        let left_out: Vec<&str> = out
            .lost
            .iter()
            .filter(|l| l.loss == union_quiz::i18n::import::Loss::SeveralAnswers)
            .map(|l| l.id.as_str())
            .collect();
        let multiple: Vec<&str> = bank
            .questions
            .iter()
            .filter(|q| q.is_multiple())
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(left_out, multiple, "{}", bank.id);
        several += multiple.len();
        if want.is_empty() {
            continue;
        }
        assert_eq!(
            round_trip(&bank, ExportFormat::Aiken, "txt"),
            want,
            "{}",
            bank.id
        );
    }
    assert!(
        several > 0,
        "the shipped banks have questions with several answers"
    );
}

/// One `<question type="multichoice">` as parsed back.
#[derive(Debug, Default)]
struct MoodleQuestion {
    name: String,
    single: Option<bool>,
    fractions: Vec<f64>,
    answers: Vec<String>,
}

fn parse_moodle(xml: &[u8]) -> Vec<MoodleQuestion> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut cur: Option<MoodleQuestion> = None;
    let mut path: Vec<String> = Vec::new();
    let mut buf = Vec::new();
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .unwrap_or_else(|e| panic!("Moodle XML does not parse: {e}"));
        match ev {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_owned();
                if name == "question" {
                    let ty = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "type")
                        .map(|a| a.value.into_owned());
                    if ty.as_deref() == Some("multichoice") {
                        cur = Some(MoodleQuestion::default());
                    }
                }
                if name == "answer"
                    && let Some(q) = cur.as_mut()
                {
                    let f = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "fraction")
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default();
                    q.fractions
                        .push(f.parse().unwrap_or_else(|_| panic!("fraction {f:?}")));
                }
                if name == "text"
                    && path.last().map(String::as_str) == Some("answer")
                    && let Some(q) = cur.as_mut()
                {
                    q.answers.push(String::new());
                }
                path.push(name);
            }
            Event::End(e) => {
                path.pop();
                if e.local_name().as_ref() == "question"
                    && let Some(q) = cur.take()
                {
                    out.push(q);
                }
            }
            Event::Text(t) => {
                let text = t.xml10_content().into_owned();
                let tail: Vec<&str> = path.iter().rev().take(2).map(String::as_str).collect();
                if let Some(q) = cur.as_mut() {
                    match tail.as_slice() {
                        ["text", "name"] => q.name.push_str(&text),
                        ["single", _] => q.single = Some(text == "true"),
                        ["text", "answer"] => {
                            if let Some(last) = q.answers.last_mut() {
                                last.push_str(&text);
                            }
                        }
                        _ => {}
                    }
                }
            }
            Event::GeneralRef(r) => {
                if let Some(q) = cur.as_mut()
                    && path.last().map(String::as_str) == Some("text")
                    && path.iter().rev().nth(1).map(String::as_str) == Some("answer")
                    && let Some(last) = q.answers.last_mut()
                {
                    last.push_str(match r.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        _ => "'",
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

#[test]
fn moodle_xml_has_moodles_fractions_on_every_question() {
    let mut checked = 0;
    for bank in shipped() {
        let out =
            export(&bank, ExportFormat::MoodleXml, Lang::Vi).unwrap_or_else(|e| panic!("{e}"));
        let parsed = parse_moodle(&out.bytes);
        assert_eq!(parsed.len(), bank.questions.len(), "{}", bank.id);
        for (q, m) in bank.questions.iter().zip(&parsed) {
            assert_eq!(m.name, q.id);
            assert_eq!(m.answers, q.choices, "{}", q.id);
            assert_eq!(m.single, Some(!q.is_multiple()), "{}", q.id);
            assert_eq!(m.fractions.len(), q.choices.len(), "{}", q.id);
            assert_eq!(m.answers.len(), q.choices.len(), "{}", q.id);
            for f in &m.fractions {
                assert!(
                    MOODLE_FRACTIONS.contains(&f.abs()),
                    "{}: {f} is not one of Moodle's fractions",
                    q.id
                );
            }
            let right: f64 = q.answer.iter().map(|&i| m.fractions[i]).sum();
            assert!((right - 100.0).abs() < 0.001, "{}: right sum {right}", q.id);
            for (i, f) in m.fractions.iter().enumerate() {
                if q.answer.contains(&i) {
                    assert!(*f > 0.0, "{}", q.id);
                } else if q.is_multiple() {
                    assert!(*f < 0.0, "{}: a wrong choice must cost", q.id);
                } else {
                    assert_eq!(*f, 0.0, "{}", q.id);
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked} questions");
}

/// Text with every character a format escapes survives every format.
#[test]
fn special_characters_survive_every_format() {
    let yaml = r#"title: "Ký tự đặc biệt: {} = ~ # \\ & <>"
questions:
  - id: ky-tu
    text: |
      Dòng một có {ngoặc}, = bằng, ~ ngã, # thăng, : hai chấm, \ và & <thẻ>
      Dòng hai "trong nháy" và 'nháy đơn'
    choices:
      - "{a} = b"
      - "~c # d"
      - "e: f \\ g"
      - "& <h> \"i\""
      - "50% dân số"
      - "- gạch đầu"
      - "2018"
      - "true"
      - "A. không phải chữ cái"
      - "j"
    answer: [A, D, J]
  - id: mot-dap-an
    text: "Câu hỏi: một dòng"
    choices: ["có", "không"]
    answer: B
"#;
    let bank = union_quiz::bank::load_bytes(Path::new("ky-tu.yaml"), yaml.as_bytes())
        .unwrap_or_else(|e| panic!("{}", e.render(Lang::En)));
    let want: Vec<Data> = bank.questions.iter().map(data).collect();
    for (format, ext) in [
        (ExportFormat::Gift, "gift"),
        (ExportFormat::Xlsx, "xlsx"),
        (ExportFormat::Docx, "docx"),
    ] {
        assert_eq!(round_trip(&bank, format, ext), want, "{ext}");
    }
    let single: Vec<Data> = want.iter().filter(|d| d.2.len() == 1).cloned().collect();
    assert_eq!(round_trip(&bank, ExportFormat::Aiken, "txt"), single);
    let moodle = parse_moodle(
        &export(&bank, ExportFormat::MoodleXml, Lang::Vi)
            .unwrap_or_else(|e| panic!("{e}"))
            .bytes,
    );
    assert_eq!(moodle[0].answers, bank.questions[0].choices);
    assert_eq!(moodle[0].fractions[0], 33.33333);
    assert_eq!(moodle[0].fractions[1], -14.28571);
}
