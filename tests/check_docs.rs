//! The examples in the trainers' guide and the format reference check
//! clean, so the docs cannot drift from the checker.

use std::path::Path;

use union_quiz::bank;

fn yaml_blocks(doc: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc))
        .unwrap_or_else(|e| panic!("{doc}: {e}"));
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```yaml") => current = Some(String::new()),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

fn check_doc(doc: &str) {
    let blocks = yaml_blocks(doc);
    assert_eq!(blocks.len(), 2, "{doc}: a bank and a roster example");
    let bank_src = &blocks[0];
    let diags = bank::check_bytes(Path::new("mot-cua-2018.yaml"), bank_src.as_bytes());
    assert!(diags.is_empty(), "{doc}: {diags:#?}");
    let b = bank::load_bytes(Path::new("mot-cua-2018.yaml"), bank_src.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.id, "mot-cua-2018");
    assert!(b.questions.len() >= 2);
    assert!(b.questions.iter().any(|q| q.is_multiple()));
    let diags = bank::check_bytes(Path::new("roster.yaml"), blocks[1].as_bytes());
    assert!(diags.is_empty(), "{doc}: {diags:#?}");
}

#[test]
fn vietnamese_guide_examples_check_clean() {
    check_doc("docs/soan-de.md");
}

#[test]
fn english_reference_examples_check_clean() {
    check_doc("docs/bank-format.md");
}
