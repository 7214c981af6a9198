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

use saphyr_parser::{Event, Parser, ScanError, Span, SpannedEventReceiver};

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
}

/// One entry of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key as written (NFC).
    pub key: String,
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

/// Nesting deeper than this is refused. Reading nested nodes recurses
/// (saphyr's own `load`, serde_yaml, the position tree), so without a limit
/// a few thousand `- ` lines overflow the stack; serde_yaml stops at 128 too.
const MAX_DEPTH: usize = 128;

/// Feeds saphyr's events to `index` one by one, instead of saphyr's
/// recursive `load`, and stops at [`MAX_DEPTH`].
fn scan(src: &str, index: &mut IndexBuilder) -> Result<(), ScanError> {
    let mut parser = Parser::new_from_str(src);
    let mut depth = 0usize;
    while let Some(next) = parser.next_event() {
        let (ev, span) = next?;
        match ev {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ScanError::new(
                        span.start,
                        "recursion limit exceeded".to_owned(),
                    ));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
        index.on_event(ev, span);
    }
    Ok(())
}

/// Parses `src` (without BOM) into a [`Node`] tree.
pub fn parse(src: &str) -> Result<Node, ParseError> {
    let mut index = IndexBuilder::default();
    let scanned = scan(src, &mut index);
    if index.alias_nodes > MAX_ALIAS_NODES {
        return Err(ParseError::AliasExpansion {
            at: index.first_alias.unwrap_or_default(),
        });
    }
    // Too deep: stop here. serde_yaml's scanner takes time quadratic in the
    // depth (100,000 `[` took minutes) before it gives the same answer.
    if let Err(e) = &scanned
        && e.info() == "recursion limit exceeded"
    {
        let m = e.marker();
        return Err(ParseError::Syntax {
            message: e.info().to_owned(),
            at: Pos {
                line: m.line(),
                col: m.col() + 1,
            },
            context: None,
        });
    }
    if let Some(at) = index.second_document {
        return Err(ParseError::SeveralDocuments { at });
    }
    if let Some((key, at)) = index.duplicate.take() {
        return Err(ParseError::DuplicateKey { key, at });
    }
    let value = match serde_yaml::from_str::<serde_yaml::Value>(src) {
        Ok(value) => value,
        Err(e) => return Err(syntax_error(&e)),
    };
    if let Err(e) = scanned {
        // serde_yaml (libyaml, YAML 1.1) accepted what saphyr (YAML 1.2)
        // refused; report it rather than guess positions.
        let m = e.marker();
        return Err(ParseError::Syntax {
            message: e.info().to_owned(),
            at: Pos {
                line: m.line(),
                col: m.col() + 1,
            },
            context: None,
        });
    }
    let root_pos = index.root.take();
    let at = root_pos
        .as_ref()
        .map(|p| p.at)
        .unwrap_or(Pos { line: 1, col: 1 });
    Ok(convert(value, root_pos.as_ref(), at))
}

fn syntax_error(e: &serde_yaml::Error) -> ParseError {
    let text = e.to_string();
    let at = e
        .location()
        .map(|l| Pos {
            line: l.line(),
            col: l.column(),
        })
        .unwrap_or(Pos { line: 1, col: 1 });
    // libyaml reports "..., while scanning X at line N column M": the second
    // position is where the construct began, often the line really at fault.
    let (message, context) = match text.split_once(", while ") {
        Some((problem, rest)) => (problem.to_owned(), find_line_col(rest)),
        None => (text.clone(), None),
    };
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    if message.contains("more than one document") {
        return ParseError::SeveralDocuments { at };
    }
    if message.contains("repetition limit") {
        return ParseError::AliasExpansion { at };
    }
    ParseError::Syntax {
        message,
        at,
        context,
    }
}

/// Finds "line N column M" in a libyaml message.
fn find_line_col(s: &str) -> Option<Pos> {
    let rest = &s[s.find("line ")? + 5..];
    let (line, rest) = rest.split_once(" column ")?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(Pos {
        line: line.trim().parse().ok()?,
        col: col.parse().ok()?,
    })
}

/// Positions of one node, shaped like the document.
#[derive(Debug, Clone)]
struct PosNode {
    at: Pos,
    end_line: usize,
    raw: Option<String>,
    kind: PosKind,
}

#[derive(Debug, Clone)]
enum PosKind {
    Leaf,
    Seq(Vec<PosNode>),
    Map(Vec<(String, PosNode)>),
}

/// Walks the `serde_yaml` value and the position tree together.
fn convert(value: serde_yaml::Value, pos: Option<&PosNode>, at: Pos) -> Node {
    let end_line = pos.map_or(at.line, |p| p.end_line.max(at.line));
    let raw = pos.and_then(|p| p.raw.clone());
    let value = match value {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_yaml::Value::String(s) => Value::Str(crate::text::nfc(&s)),
        serde_yaml::Value::Sequence(items) => {
            let positions = match pos.map(|p| &p.kind) {
                Some(PosKind::Seq(v)) if v.len() == items.len() => Some(v),
                _ => None,
            };
            Value::Seq(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let p = positions.and_then(|v| v.get(i));
                        convert(item, p, p.map_or(at, |p| p.at))
                    })
                    .collect(),
            )
        }
        serde_yaml::Value::Mapping(map) => {
            let positions = match pos.map(|p| &p.kind) {
                Some(PosKind::Map(v)) if v.len() == map.len() => Some(v),
                _ => None,
            };
            Value::Map(
                map.into_iter()
                    .enumerate()
                    .map(|(i, (k, v))| {
                        let p = positions.and_then(|v| v.get(i));
                        let key = match (&k, p) {
                            (serde_yaml::Value::String(s), _) => crate::text::nfc(s),
                            (_, Some((raw, _))) => crate::text::nfc(raw),
                            (other, None) => key_text(other),
                        };
                        let node = convert(v, p.map(|(_, n)| n), p.map_or(at, |(_, n)| n.at));
                        Entry { key, node }
                    })
                    .collect(),
            )
        }
        serde_yaml::Value::Tagged(tagged) => return convert(tagged.value, pos, at),
    };
    Node {
        value,
        raw,
        at,
        end_line,
    }
}

fn key_text(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Null => "~".to_owned(),
        _ => "?".to_owned(),
    }
}

/// A container being built from events.
#[derive(Debug)]
struct Frame {
    node: PosNode,
    anchor: usize,
    nodes_at_start: u64,
    /// For mappings: the key just read, waiting for its value.
    pending_key: Option<(String, Pos)>,
    /// For mappings: keys seen, to find duplicates.
    keys: std::collections::HashSet<String>,
}

/// Builds the position tree from saphyr's events, and measures aliases.
#[derive(Debug, Default)]
struct IndexBuilder {
    stack: Vec<Frame>,
    root: Option<PosNode>,
    documents: usize,
    second_document: Option<Pos>,
    /// Nodes seen, counting what each alias would expand to.
    nodes: u64,
    alias_nodes: u64,
    anchor_sizes: std::collections::HashMap<usize, u64>,
    first_alias: Option<Pos>,
    duplicate: Option<(String, Pos)>,
}

fn pos_of(span: &Span) -> Pos {
    Pos {
        line: span.start.line(),
        col: span.start.col() + 1,
    }
}

impl IndexBuilder {
    /// Places a finished node in its parent (or as the root).
    fn place(&mut self, node: PosNode) {
        let Some(parent) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        match &mut parent.node.kind {
            PosKind::Seq(items) => items.push(node),
            PosKind::Map(entries) => match parent.pending_key.take() {
                None => {
                    // This node is a key; only scalar keys have a name.
                    let name = node.raw.clone().unwrap_or_else(|| "?".to_owned());
                    if !parent.keys.insert(name.clone()) && self.duplicate.is_none() {
                        self.duplicate = Some((name.clone(), node.at));
                    }
                    parent.pending_key = Some((name, node.at));
                }
                Some((name, key_at)) => {
                    let mut node = node;
                    node.at = key_at;
                    entries.push((name, node));
                }
            },
            PosKind::Leaf => {}
        }
    }

    fn start(&mut self, kind: PosKind, anchor: usize, span: &Span) {
        self.nodes = self.nodes.saturating_add(1);
        let at = pos_of(span);
        self.stack.push(Frame {
            node: PosNode {
                at,
                end_line: at.line,
                raw: None,
                kind,
            },
            anchor,
            nodes_at_start: self.nodes,
            pending_key: None,
            keys: Default::default(),
        });
    }

    fn end(&mut self, span: &Span) {
        if let Some(mut frame) = self.stack.pop() {
            frame.node.end_line = span.end.line().max(frame.node.at.line);
            if frame.anchor != 0 {
                let size = self.nodes.saturating_sub(frame.nodes_at_start) + 1;
                self.anchor_sizes.insert(frame.anchor, size);
            }
            self.place(frame.node);
        }
    }
}

impl<'input> SpannedEventReceiver<'input> for IndexBuilder {
    fn on_event(&mut self, ev: Event<'input>, span: Span) {
        match ev {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents == 2 {
                    self.second_document = Some(pos_of(&span));
                }
            }
            Event::Scalar(value, _, anchor, _) => {
                if self.documents > 1 {
                    return;
                }
                self.nodes = self.nodes.saturating_add(1);
                if anchor != 0 {
                    self.anchor_sizes.insert(anchor, 1);
                }
                let at = pos_of(&span);
                self.place(PosNode {
                    at,
                    end_line: span.end.line().max(at.line),
                    raw: Some(value.into_owned()),
                    kind: PosKind::Leaf,
                });
            }
            Event::Alias(anchor) => {
                let size = self.anchor_sizes.get(&anchor).copied().unwrap_or(1);
                self.nodes = self.nodes.saturating_add(size);
                self.alias_nodes = self.alias_nodes.saturating_add(size);
                let at = pos_of(&span);
                self.first_alias.get_or_insert(at);
                if self.documents > 1 {
                    return;
                }
                self.place(PosNode {
                    at,
                    end_line: at.line,
                    raw: None,
                    kind: PosKind::Leaf,
                });
            }
            Event::SequenceStart(anchor, _) if self.documents <= 1 => {
                self.start(PosKind::Seq(Vec::new()), anchor, &span)
            }
            Event::MappingStart(anchor, _) if self.documents <= 1 => {
                self.start(PosKind::Map(Vec::new()), anchor, &span)
            }
            Event::SequenceEnd | Event::MappingEnd if self.documents <= 1 => self.end(&span),
            _ => {}
        }
    }
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

    #[test]
    fn positions_point_at_keys_and_items() {
        let src = "title: x\nquestions:\n  - text: hỏi\n    choices:\n      - 2018\n      - 1.50\n    answer: B\n";
        let root = parse(src).unwrap_or_else(|e| panic!("{e:?}"));
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
