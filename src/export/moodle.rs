//! Moodle XML: a `category` question per topic, then `multichoice`
//! questions with `single` true or false and Moodle's own fractions.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{ExportError, Exported, Lost, fractions};
use crate::bank::Bank;
use crate::i18n::import::Loss;

type W = Writer<Vec<u8>>;

fn text_el(w: &mut W, name: &str, format: Option<&str>, text: &str) -> std::io::Result<()> {
    let mut el = w.create_element(name);
    if let Some(f) = format {
        el = el.with_attribute(("format", f));
    }
    el.write_inner_content(|w| {
        w.create_element("text")
            .write_text_content(BytesText::new(text))?;
        Ok(())
    })?;
    Ok(())
}

fn simple(w: &mut W, name: &str, text: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

/// Writes the bank as Moodle XML.
pub fn write(bank: &Bank) -> Result<Exported, ExportError> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut lost = Vec::new();
    let mut topic: Option<&str> = None;
    w.create_element("quiz").write_inner_content(|w| {
        for q in &bank.questions {
            if q.topic.as_deref() != topic {
                topic = q.topic.as_deref();
                if let Some(t) = topic {
                    w.create_element("question")
                        .with_attribute(("type", "category"))
                        .write_inner_content(|w| {
                            text_el(
                                w,
                                "category",
                                None,
                                &format!("$course$/top/{}", t.replace('/', "//")),
                            )
                        })?;
                }
            }
            let fr = fractions(q);
            w.create_element("question")
                .with_attribute(("type", "multichoice"))
                .write_inner_content(|w| {
                    text_el(w, "name", None, &q.id)?;
                    text_el(w, "questiontext", Some("plain_text"), &q.text)?;
                    text_el(
                        w,
                        "generalfeedback",
                        Some("plain_text"),
                        q.explanation.as_deref().unwrap_or(""),
                    )?;
                    simple(w, "defaultgrade", &q.points.to_string())?;
                    simple(w, "penalty", "0")?;
                    simple(w, "hidden", "0")?;
                    simple(w, "idnumber", &q.id)?;
                    simple(w, "single", if q.is_multiple() { "false" } else { "true" })?;
                    let shuffle = q.shuffle_choices.unwrap_or(bank.shuffle_choices);
                    simple(w, "shuffleanswers", if shuffle { "true" } else { "false" })?;
                    simple(w, "answernumbering", "ABCD")?;
                    for (i, c) in q.choices.iter().enumerate() {
                        w.create_element("answer")
                            .with_attribute(("fraction", fr[i].as_str()))
                            .with_attribute(("format", "plain_text"))
                            .write_inner_content(|w| {
                                simple(w, "text", c)?;
                                text_el(w, "feedback", Some("plain_text"), "")
                            })?;
                    }
                    Ok(())
                })?;
            if q.source.is_some() {
                lost.push(Lost {
                    id: q.id.clone(),
                    loss: Loss::Source,
                });
            }
        }
        Ok(())
    })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(Exported {
        bytes,
        written: bank.questions.len(),
        lost,
    })
}
