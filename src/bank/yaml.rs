//! Reading YAML: the only module that uses `serde_yaml` and `saphyr-parser`.
//!
//! The content comes from `serde_yaml` (its `Value` tree); positions come
//! from the event stream of `saphyr-parser`, whose events carry line and
//! column. Both trees keep the file's order, so they are walked side by
//! side: the i-th entry of a mapping in one is the i-th entry in the other.
//! The result is a [`Node`] tree where every node knows the line of its key
//! (for mapping entries) or of its item (for sequence items), so that every
//! diagnostic can point at the offending line, not at the enclosing list.
//!
//! The event pass also measures how far aliases would expand, so that a
//! "billion laughs" file is refused before `serde_yaml` builds anything.
//!
//! Most files take one pass instead: [`parse_quick`] builds the whole tree
//! from saphyr's events alone, resolving plain scalars (null, booleans,
//! numbers) by the rules `serde_yaml` applies, so that the tree is the one
//! [`parse`] would give. It declines what only the two-parse path reads
//! the same way as before (anchors, aliases, tags, repeated or non-text
//! keys, several documents, anything saphyr refuses: libyaml's messages
//! are the ones shown), and the caller then uses [`parse`].
//!
//! [`parse_quick_streaming`] is that pass handing each item of one
//! top-level list (a bank's questions) to the caller as soon as it is read,
//! so that a bank is checked question by question and the tree of the whole
//! file never exists.
//!
//! Submodules: `events` turns saphyr's events into a tree of positions,
//! `scalar` resolves plain scalars as `serde_yaml` does, and `libyaml` is
//! the two-parse path.

use std::borrow::Cow;

use saphyr_parser::{Parser, SpannedEventReceiver};

mod events;
mod libyaml;
mod scalar;

use events::{IndexBuilder, PosKind, PosNode};
use libyaml::{FirstKeyWins, convert, drop_repeated_keys, first_duplicate, syntax_error};
use scalar::resolve_plain;

/// A line and column in the source, both counted from 1 (columns in
/// characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

/// A YAML value, with its strings already in NFC.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in the file's order.
    Map(Vec<Entry>),
}

/// A value and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// The scalar as written in the file (e.g. `1.50` for a number that is
    /// really a choice's text), when known.
    pub raw: Option<String>,
    /// The position of the node's key (mapping entries) or item (sequence
    /// items); for the root, the start of the document.
    pub at: Pos,
    /// The last line the value spans (for multi-line text).
    pub end_line: usize,
    /// An unquoted scalar directly followed by ` #` and a non-space, as in
    /// `- Điều #13`: YAML reads the rest as a comment, which is rarely what
    /// the trainer meant.
    pub cut_at_hash: bool,
    /// An unquoted scalar followed on its line by spaces and `#`: the rest
    /// of the line is a comment, or text the trainer meant to keep
    /// (`explanation: Xem Điều 5 # khoản 2`).
    pub comment_after: bool,
}

/// One entry of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key as written (NFC); the keys a bank or roster knows are not
    /// copied (there are tens of thousands in a large bank).
    pub key: Cow<'static, str>,
    /// The value; its `at` is the key's position.
    pub node: Node,
}

/// Why a text could not be read as YAML.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseError {
    /// A syntax error, with the parser's own (English) description, its
    /// position, and the position of the construct it was reading when
    /// known ("while scanning a simple key at line 2").
    Syntax {
        /// The parser's description.
        message: String,
        /// Where the parser stopped.
        at: Pos,
        /// The construct being read, when the parser says.
        context: Option<Pos>,
    },
    /// A key appears twice in one mapping.
    DuplicateKey {
        /// The key.
        key: String,
        /// The second occurrence.
        at: Pos,
    },
    /// Aliases would expand to more nodes than any bank needs.
    AliasExpansion {
        /// The first alias.
        at: Pos,
    },
    /// More nodes than any bank needs (memory would grow with them).
    TooManyNodes {
        /// Where the limit was passed.
        at: Pos,
    },
    /// More than one YAML document (`---`) in the file.
    SeveralDocuments {
        /// The start of the second document.
        at: Pos,
    },
}

/// How many nodes aliases may add to a document. A bank of 5,000 questions
/// has about 100,000 nodes and needs no alias at all; this leaves room for
/// the odd shared choice list while keeping memory small.
const MAX_ALIAS_NODES: u64 = 200_000;

/// How many nodes a file may hold: a bank of 5,000 questions has about
/// 125,000. Beyond, the trees would take memory in proportion for nothing.
pub const MAX_NODES: u64 = 500_000;

/// How deep collections may nest (serde_yaml's own limit); deeper, the
/// position tree would be too deep to drop without a deep recursion.
const MAX_DEPTH: usize = 128;

/// Reads `src` (without BOM) in one pass of saphyr's events into the tree
/// [`parse`] would give, positions included. `None` when the file needs
/// [`parse`]: an anchor, alias or tag, a key written twice or that is not
/// text, several documents or none, too deep or too many nodes, or any
/// syntax error (whose message is libyaml's, from [`parse`]).
pub fn parse_quick(src: &str) -> Option<Node> {
    parse_quick_streaming(src, None, &mut |_| {}).map(|(root, _)| root)
}

/// Reads `src` as [`parse_quick`] does, but hands each item of the list
/// under the top-level key `list` to `item` as soon as the item is read,
/// in file order, instead of keeping it: a bank's questions are checked
/// and turned into the bank's own values one by one, and the tree of the
/// whole file never exists. In the tree returned that list is empty; the
/// number of items handed over comes with it.
///
/// When the result is `None` (the file needs [`parse`]), the items already
/// handed over must be forgotten.
pub fn parse_quick_streaming(
    src: &str,
    list: Option<&str>,
    item: &mut dyn FnMut(Node),
) -> Option<(Node, usize)> {
    if too_deep(src).is_some() {
        return None;
    }
    let mut index = IndexBuilder {
        src,
        ..IndexBuilder::default()
    };
    let mut items = 0;
    let mut parser = Parser::new_from_str(src);
    while let Some(event) = parser.next_event() {
        let (ev, span) = event.ok()?;
        index.on_event(ev, span);
        if index.refused.is_some() || index.unusual {
            return None;
        }
        // At most one item ends per event.
        if let Some(p) = list.and_then(|key| index.take_item_of(key)) {
            items += 1;
            let at = p.at;
            item(from_positions(p, at)?);
        }
    }
    if index.documents != 1 || !index.stack.is_empty() {
        return None;
    }
    let root = index.root.take()?;
    let at = root.at;
    Some((from_positions(root, at)?, items))
}

/// The tree of one `parse_quick` pass: each scalar resolved as
/// `serde_yaml` resolves it, strings in NFC. `None` for what only
/// `serde_yaml` decides (an alias, an integer beyond 64 bits).
fn from_positions(p: PosNode<'_>, at: Pos) -> Option<Node> {
    let mut raw = None;
    let value = match p.kind {
        PosKind::Leaf => {
            let text = p.raw?;
            let resolved = if p.plain {
                resolve_plain(&text)?
            } else {
                Value::Str(String::new())
            };
            match resolved {
                Value::Str(_) => Value::Str(crate::text::nfc(&text)),
                Value::Null => Value::Null,
                other => {
                    raw = Some(text.into_owned());
                    other
                }
            }
        }
        PosKind::Seq(items) => Value::Seq(
            items
                .into_iter()
                .map(|item| {
                    let item_at = item.at;
                    from_positions(item, item_at)
                })
                .collect::<Option<_>>()?,
        ),
        PosKind::Map(entries) => {
            if has_repeated_key(&entries) {
                return None;
            }
            Value::Map(
                entries
                    .into_iter()
                    .map(|(key, node)| {
                        let entry_at = node.at;
                        Some(Entry {
                            key: key_name(&key),
                            node: from_positions(node, entry_at)?,
                        })
                    })
                    .collect::<Option<_>>()?,
            )
        }
    };
    Some(Node {
        value,
        raw,
        at,
        end_line: p.end_line.max(at.line),
        cut_at_hash: p.cut_at_hash,
        comment_after: p.comment_after,
    })
}

/// Whether a key is written twice in one mapping (`serde_yaml` refuses
/// it; [`parse`] keeps the first and says where the others are).
fn has_repeated_key(entries: &[(Cow<'_, str>, PosNode<'_>)]) -> bool {
    if entries.len() <= 32 {
        entries
            .iter()
            .enumerate()
            .any(|(i, (k, _))| entries[..i].iter().any(|(seen, _)| seen == k))
    } else {
        let mut seen = std::collections::HashSet::new();
        !entries.iter().all(|(k, _)| seen.insert(k.as_ref()))
    }
}

/// A key in NFC: one of the known keys without a copy, or a new string.
fn key_name(key: &str) -> Cow<'static, str> {
    match super::validate::known_key(key) {
        Some(known) => Cow::Borrowed(known),
        None => Cow::Owned(crate::text::nfc(key)),
    }
}

/// How deep `[` and `{` may nest. libyaml's time grows with the nesting
/// depth for every token (10,000 `[` take seconds, 10 MiB of them hours);
/// a bank needs two or three levels.
const MAX_FLOW_DEPTH: usize = 32;

/// Where `[` or `{` first nest deeper than [`MAX_FLOW_DEPTH`], counting
/// brackets inside text too (so it may err on the side of refusing only
/// absurd files).
fn too_deep(src: &str) -> Option<Pos> {
    let mut depth = 0usize;
    let (mut line, mut col) = (1, 0);
    for c in src.chars() {
        col += 1;
        match c {
            '\n' => {
                line += 1;
                col = 0;
            }
            '[' | '{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(Pos { line, col });
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Parses `src` (without BOM) into a [`Node`] tree with positions.
pub fn parse(src: &str) -> Result<Document, ParseError> {
    if let Some(at) = too_deep(src) {
        return Err(ParseError::Syntax {
            message: "recursion limit exceeded".to_owned(),
            at,
            context: None,
        });
    }
    let mut index = IndexBuilder {
        src,
        ..IndexBuilder::default()
    };
    // Events are pulled one by one rather than through `Parser::load`,
    // which recurses once per nesting level (a stack overflow on 10 MiB of
    // `- `) and cannot stop early once the file is refused.
    let mut parser = Parser::new_from_str(src);
    let mut scanned = Ok(());
    while let Some(event) = parser.next_event() {
        match event {
            Ok((ev, span)) => index.on_event(ev, span),
            Err(e) => {
                scanned = Err(e);
                break;
            }
        }
        if index.refused.is_some() {
            break;
        }
    }
    if let Some(refused) = index.refused.take() {
        return Err(refused);
    }
    if index.alias_nodes > MAX_ALIAS_NODES {
        return Err(ParseError::AliasExpansion {
            at: index.first_alias.unwrap_or_default(),
        });
    }
    if scanned.is_err() {
        index.close_all();
    }
    if let Some(at) = index.second_document {
        return Err(ParseError::SeveralDocuments { at });
    }
    let mut repeated_keys = Vec::new();
    let value = match serde_yaml::from_str::<serde_yaml::Value>(src) {
        Ok(value) => value,
        Err(e) if e.to_string().contains("duplicate entry") => {
            // A repeated key is one problem among others: read the file
            // again keeping the first of each key (as the checks do), so
            // the rest of the file is still checked. The index knows where
            // each repeat is (serde_yaml places it at its mapping).
            match (
                serde_yaml::from_str::<FirstKeyWins>(src),
                index.root.as_mut(),
            ) {
                (Ok(FirstKeyWins(value)), Some(root)) => {
                    drop_repeated_keys(root, &mut repeated_keys);
                    repeated_keys.sort_by_key(|(_, at)| *at);
                    value
                }
                _ => match index.root.as_ref().and_then(first_duplicate) {
                    Some((key, at)) => return Err(ParseError::DuplicateKey { key, at }),
                    None => return Err(syntax_error(&e)),
                },
            }
        }
        Err(e) => return Err(syntax_error(&e)),
    };
    // When saphyr (YAML 1.2) refused what serde_yaml (libyaml, YAML 1.1)
    // accepted, such as a plain scalar folded over a line in a flow list,
    // serde_yaml's reading stands (as on the quick path) and positions past
    // saphyr's stop fall back to the nearest parent.
    let root_pos = index.root.take();
    let at = root_pos.as_ref().map_or(Pos { line: 1, col: 1 }, |p| p.at);
    Ok(Document {
        root: convert(value, root_pos, at),
        repeated_keys,
    })
}

/// A file read with positions.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The tree; of a key written twice in one mapping, the first.
    pub root: Node,
    /// Each repeat of a key in one mapping (the key, where it is repeated),
    /// in file order.
    pub repeated_keys: Vec<(String, Pos)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get<'a>(node: &'a Node, key: &str) -> &'a Node {
        match &node.value {
            Value::Map(entries) => entries
                .iter()
                .find(|e| e.key == key)
                .map(|e| &e.node)
                .unwrap_or_else(|| panic!("no key {key}")),
            _ => panic!("not a map"),
        }
    }

    /// What `serde_yaml` makes of `s` as a plain scalar, in our terms.
    fn by_serde(s: &str) -> Option<Value> {
        match serde_yaml::from_str::<serde_yaml::Value>(&format!("k: {s}\n")).ok()? {
            serde_yaml::Value::Mapping(m) => {
                let v = m.into_iter().next()?.1;
                Some(convert(v, None, Pos::default()).value)
            }
            _ => None,
        }
    }

    fn same_scalar(s: &str) {
        let ours = resolve_plain(s).map(|v| match v {
            Value::Str(_) => Value::Str(s.to_owned()),
            v => v,
        });
        let theirs = by_serde(s);
        // NaN is not equal to itself.
        let nan = |v: &Option<Value>| matches!(v, Some(Value::Float(f)) if f.is_nan());
        assert!(
            ours == theirs || nan(&ours) && nan(&theirs),
            "{s:?}: {ours:?} vs {theirs:?}"
        );
    }

    #[test]
    fn plain_scalars_resolve_as_serde_yaml_resolves_them() {
        for s in [
            "~",
            "null",
            "Null",
            "NULL",
            "true",
            "True",
            "TRUE",
            "false",
            "FALSE",
            "yes",
            "0",
            "1",
            "-1",
            "+1",
            "010",
            "-010",
            "0x1F",
            "0x",
            "0x+1",
            "-0x1F",
            "0o17",
            "0b101",
            "-0b101",
            "1.50",
            "1e3",
            "-1e3",
            "+.5",
            ".5",
            "5.",
            ".inf",
            "-.inf",
            "+.inf",
            ".nan",
            ".NaN",
            "inf",
            "nan",
            "1_000",
            "9223372036854775807",
            "9223372036854775808",
            "18446744073709551616",
            "-9223372036854775809",
            "2018-06-21",
            "23/4/2018",
            "1,5",
            "++1",
            "--1",
            "+-1",
            "1e400",
            "0.",
            "00.5",
        ] {
            same_scalar(s);
        }
    }

    proptest::proptest! {
        #[test]
        fn number_like_scalars_resolve_as_serde_yaml_resolves_them(
            s in "[-+]?(0[xob])?[0-9a-fA-F._eE+-]{0,6}",
        ) {
            // A lone `-` would be a list item.
            if s != "-" {
                same_scalar(&s);
            }
        }
    }

    /// Every fixture read in one pass gives the tree of the two parses.
    #[test]
    fn one_pass_gives_the_tree_of_two() {
        let mut quick = 0;
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from("tests/fixtures")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml") {
                    files.push(path);
                }
            }
        }
        for path in &files {
            let Ok(src) = std::fs::read_to_string(path) else {
                continue;
            };
            let src = src.strip_prefix('\u{feff}').unwrap_or(&src);
            if let Some(tree) = parse_quick(src) {
                quick += 1;
                let doc = parse(src).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
                assert_eq!(tree, doc.root, "{}", path.display());
            }
        }
        assert!(quick > files.len() / 2, "{quick} of {}", files.len());
    }

    #[test]
    fn items_of_a_list_are_handed_over_in_order_and_not_kept() {
        let src = "title: x\nquestions:\n  - text: một\n    choices: [a, b]\n  - hai\n  - [c]\nother:\n  - d\n";
        let mut seen = Vec::new();
        let (root, count) = parse_quick_streaming(src, Some("questions"), &mut |item| {
            seen.push((item.at.line, item.value));
        })
        .unwrap_or_else(|| panic!("not read in one pass"));
        assert_eq!(count, 3);
        assert_eq!(seen.len(), 3);
        assert_eq!(seen[0].0, 3);
        assert!(matches!(&seen[0].1, Value::Map(m) if m.len() == 2));
        assert_eq!(seen[1], (5, Value::Str("hai".to_owned())));
        assert!(matches!(&seen[2].1, Value::Seq(items) if items.len() == 1));
        // The list is left empty; a list under another key is kept.
        assert_eq!(get(&root, "questions").value, Value::Seq(Vec::new()));
        assert!(matches!(&get(&root, "other").value, Value::Seq(items) if items.len() == 1));
        // The same file read whole gives the items in the tree.
        let whole = parse_quick(src).unwrap_or_else(|| panic!("not read in one pass"));
        assert!(matches!(&get(&whole, "questions").value, Value::Seq(items) if items.len() == 3));
        // A file that needs two parses hands over nothing that counts.
        assert!(
            parse_quick_streaming("questions:\n  - &a x\n", Some("questions"), &mut |_| {})
                .is_none()
        );
    }

    #[test]
    fn positions_point_at_keys_and_items() {
        let src = "title: x\nquestions:\n  - text: hỏi\n    choices:\n      - 2018\n      - 1.50\n    answer: B\n";
        let root = parse(src).unwrap_or_else(|e| panic!("{e:?}")).root;
        let questions = get(&root, "questions");
        assert_eq!(questions.at, Pos { line: 2, col: 1 });
        let Value::Seq(items) = &questions.value else {
            panic!("not a list")
        };
        let q = &items[0];
        assert_eq!(q.at, Pos { line: 3, col: 5 });
        let answer = get(q, "answer");
        assert_eq!(answer.at, Pos { line: 7, col: 5 });
        let choices = get(q, "choices");
        let Value::Seq(choices) = &choices.value else {
            panic!("not a list")
        };
        assert_eq!(choices[1].at, Pos { line: 6, col: 9 });
        assert_eq!(choices[1].raw.as_deref(), Some("1.50"));
        assert_eq!(choices[1].value, Value::Float(1.5));
    }
}
