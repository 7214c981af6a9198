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
//! Positions are only needed to report problems, so [`parse_quick`] reads a
//! file with `serde_yaml` alone when no anchor can hide an alias bomb; the
//! caller falls back to [`parse`] when anything is to be reported.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, SpannedEventReceiver};

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

/// Files up to this size may take the quick path; larger ones are counted
/// node by node first.
const QUICK_MAX_BYTES: usize = 4 * 1024 * 1024;

/// Reads `src` with `serde_yaml` alone, without positions (every node is
/// at 1:1, no `raw`), when that is safe: no anchor (`&`) that could hide an
/// alias bomb, and no `#` after other text on a line, which could be text
/// cut by a comment. `None`
/// when the file needs [`parse`] (or does not parse).
pub fn parse_quick(src: &str) -> Option<Node> {
    if src.len() > QUICK_MAX_BYTES
        || node_bound(src) > MAX_NODES
        || src.contains('&')
        || has_comment_after_text(src)
        || too_deep(src).is_some()
    {
        return None;
    }
    let value = serde_yaml::from_str::<serde_yaml::Value>(src).ok()?;
    Some(convert(value, None, Pos { line: 1, col: 1 }))
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

/// A rough upper bound of the nodes in `src`: every node but the first
/// follows one of these characters.
fn node_bound(src: &str) -> u64 {
    let separators = src
        .bytes()
        .filter(|b| matches!(b, b',' | b'-' | b':' | b'\n' | b'[' | b'{' | b'?'))
        .count();
    u64::try_from(separators)
        .unwrap_or(u64::MAX)
        .saturating_add(1)
}

/// Whether a line of `src` holds ` #` (or a Tab and `#`) after other
/// text: a comment after a value, or text cut by one.
fn has_comment_after_text(src: &str) -> bool {
    src.split('\n').any(|line| {
        let bytes = line.as_bytes();
        bytes.windows(2).enumerate().any(|(i, w)| {
            matches!(w[0], b' ' | b'\t')
                && w[1] == b'#'
                && bytes[..i].iter().any(|b| !b.is_ascii_whitespace())
        })
    })
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
        lines: src.lines().collect(),
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

/// A `serde_yaml::Value` read keeping the first of a repeated key, where
/// `serde_yaml::Value` refuses the whole file. Tags are dropped, as
/// [`convert`] drops them.
struct FirstKeyWins(serde_yaml::Value);

impl<'de> serde::Deserialize<'de> for FirstKeyWins {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FirstKeyVisitor).map(FirstKeyWins)
    }
}

struct FirstKeyVisitor;

impl<'de> serde::de::Visitor<'de> for FirstKeyVisitor {
    type Value = serde_yaml::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Number(i.into()))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Number(u.into()))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Number(f.into()))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Null)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(FirstKeyWins(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(serde_yaml::Value::Sequence(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_yaml::Mapping::new();
        while let Some((FirstKeyWins(k), FirstKeyWins(v))) = map.next_entry()? {
            if !out.contains_key(&k) {
                out.insert(k, v);
            }
        }
        Ok(serde_yaml::Value::Mapping(out))
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        use serde::de::VariantAccess;
        let (_tag, contents): (serde::de::IgnoredAny, _) = data.variant()?;
        let FirstKeyWins(value) = contents.newtype_variant()?;
        Ok(value)
    }
}

/// Keeps the first of each key in every mapping of the position tree, as
/// [`FirstKeyWins`] does, and collects the others. The tree is at most
/// [`MAX_DEPTH`] deep, so recursion is bounded.
fn drop_repeated_keys(node: &mut PosNode<'_>, found: &mut Vec<(String, Pos)>) {
    match &mut node.kind {
        PosKind::Leaf => {}
        PosKind::Seq(items) => {
            for item in items {
                drop_repeated_keys(item, found);
            }
        }
        PosKind::Map(entries) => {
            let mut seen = std::collections::HashSet::new();
            entries.retain(|(key, value)| {
                let first = seen.insert(key.clone());
                if !first {
                    found.push((key.to_string(), value.at));
                }
                first
            });
            for (_, value) in entries {
                drop_repeated_keys(value, found);
            }
        }
    }
}

/// The first key, in file order, that repeats within its mapping.
fn first_duplicate(node: &PosNode<'_>) -> Option<(String, Pos)> {
    let mut found: Option<(String, Pos)> = None;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match &n.kind {
            PosKind::Leaf => {}
            PosKind::Seq(items) => stack.extend(items.iter()),
            PosKind::Map(entries) => {
                let mut seen = std::collections::HashSet::new();
                for (key, value) in entries {
                    if !seen.insert(key.as_ref())
                        && found.as_ref().is_none_or(|(_, at)| value.at < *at)
                    {
                        found = Some((key.to_string(), value.at));
                    }
                    stack.push(value);
                }
            }
        }
    }
    found
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
struct PosNode<'s> {
    at: Pos,
    end_line: usize,
    /// The scalar as written; borrowed from the source when it can be.
    raw: Option<Cow<'s, str>>,
    cut_at_hash: bool,
    comment_after: bool,
    kind: PosKind<'s>,
}

#[derive(Debug, Clone)]
enum PosKind<'s> {
    Leaf,
    Seq(Vec<PosNode<'s>>),
    Map(Vec<(Cow<'s, str>, PosNode<'s>)>),
}

/// Walks the `serde_yaml` value and the position tree together, consuming
/// both (no string is copied twice).
fn convert(value: serde_yaml::Value, pos: Option<PosNode<'_>>, at: Pos) -> Node {
    let mut value = value;
    while let serde_yaml::Value::Tagged(tagged) = value {
        value = tagged.value;
    }
    let (end_line, raw, cut_at_hash, comment_after, kind) = match pos {
        Some(p) => (
            p.end_line.max(at.line),
            p.raw,
            p.cut_at_hash,
            p.comment_after,
            Some(p.kind),
        ),
        None => (at.line, None, false, false, None),
    };
    // Only numbers and booleans need the text as written (a choice `1.50`).
    let mut keep_raw = false;
    let value = match value {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => {
            keep_raw = true;
            Value::Bool(b)
        }
        serde_yaml::Value::Number(n) => {
            keep_raw = true;
            match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            }
        }
        serde_yaml::Value::String(s) => Value::Str(crate::text::nfc(&s)),
        serde_yaml::Value::Sequence(items) => {
            let mut positions = match kind {
                Some(PosKind::Seq(v)) if v.len() == items.len() => Some(v.into_iter()),
                _ => None,
            };
            Value::Seq(
                items
                    .into_iter()
                    .map(|item| {
                        let p = positions.as_mut().and_then(Iterator::next);
                        let item_at = p.as_ref().map_or(at, |p| p.at);
                        convert(item, p, item_at)
                    })
                    .collect(),
            )
        }
        serde_yaml::Value::Mapping(map) => {
            let mut positions = match kind {
                Some(PosKind::Map(v)) if v.len() == map.len() => Some(v.into_iter()),
                _ => None,
            };
            Value::Map(
                map.into_iter()
                    .map(|(k, v)| {
                        let p = positions.as_mut().and_then(Iterator::next);
                        let (written, p) = match p {
                            Some((written, p)) => (Some(written), Some(p)),
                            None => (None, None),
                        };
                        let key = match (k, written) {
                            (serde_yaml::Value::String(s), _) => crate::text::nfc(&s),
                            (_, Some(written)) => crate::text::nfc(&written),
                            (other, None) => key_text(&other),
                        };
                        let entry_at = p.as_ref().map_or(at, |p| p.at);
                        Entry {
                            key,
                            node: convert(v, p, entry_at),
                        }
                    })
                    .collect(),
            )
        }
        serde_yaml::Value::Tagged(_) => Value::Null,
    };
    Node {
        value,
        raw: if keep_raw {
            raw.map(Cow::into_owned)
        } else {
            None
        },
        at,
        end_line,
        cut_at_hash,
        comment_after,
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
struct Frame<'s> {
    node: PosNode<'s>,
    anchor: usize,
    nodes_at_start: u64,
    /// For mappings: the key just read, waiting for its value.
    pending_key: Option<(Cow<'s, str>, Pos)>,
}

/// Builds the position tree from saphyr's events, and measures aliases.
#[derive(Debug, Default)]
struct IndexBuilder<'s> {
    src: &'s str,
    /// The source lines, to find indentation.
    lines: Vec<&'s str>,
    /// A character index in `src` and its byte offset: scalars end in
    /// increasing order, so looking behind each one walks the file once.
    cursor: (usize, usize),
    /// Why the file is refused, once it is: events are then ignored.
    refused: Option<ParseError>,
    stack: Vec<Frame<'s>>,
    root: Option<PosNode<'s>>,
    documents: usize,
    second_document: Option<Pos>,
    /// Nodes seen, counting what each alias would expand to.
    nodes: u64,
    alias_nodes: u64,
    anchor_sizes: std::collections::HashMap<usize, u64>,
    first_alias: Option<Pos>,
}

fn pos_of(span: &Span) -> Pos {
    Pos {
        line: span.start.line(),
        col: span.start.col() + 1,
    }
}

impl<'s> IndexBuilder<'s> {
    /// Whether the source goes on, right after `span`, with ` #x` (text
    /// cut by a comment), and with spaces and `#` (a comment on the line).
    fn followed_by_hash(&mut self, span: &Span) -> (bool, bool) {
        let target = span.end.index();
        let (mut index, mut byte) = self.cursor;
        if target < index {
            return (false, false);
        }
        let rest = self.src.get(byte..).unwrap_or_default();
        for c in rest.chars() {
            if index == target {
                break;
            }
            index += 1;
            byte += c.len_utf8();
        }
        self.cursor = (index, byte);
        let after = self.src.get(byte..).unwrap_or_default();
        let mut chars = after.chars();
        let cut = matches!(
            (chars.next(), chars.next(), chars.next()),
            (Some(' '), Some('#'), Some(c)) if !c.is_whitespace()
        );
        let rest = after.trim_start_matches([' ', '\t']);
        let comment = rest.len() < after.len() && rest.starts_with('#');
        (cut, comment)
    }

    /// The indentation of a line, in characters.
    fn indent_of(&self, line: usize) -> usize {
        line.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .map_or(0, |l| l.chars().take_while(|c| c.is_whitespace()).count())
    }

    /// Places a finished node in its parent (or as the root).
    fn place(&mut self, mut node: PosNode<'s>) {
        let Some(parent) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        match &mut parent.node.kind {
            PosKind::Seq(items) => items.push(node),
            PosKind::Map(entries) => match parent.pending_key.take() {
                // This node is a key; only scalar keys have a name.
                None => {
                    let name = node.raw.take().unwrap_or(Cow::Borrowed("?"));
                    parent.pending_key = Some((name, node.at));
                }
                Some((name, key_at)) => {
                    node.at = key_at;
                    entries.push((name, node));
                }
            },
            PosKind::Leaf => {}
        }
    }

    fn start(&mut self, kind: PosKind<'s>, anchor: usize, span: &Span) {
        self.nodes = self.nodes.saturating_add(1);
        let at = pos_of(span);
        if self.stack.len() >= MAX_DEPTH {
            self.refused = Some(ParseError::Syntax {
                message: "recursion limit exceeded".to_owned(),
                at,
                context: None,
            });
            return;
        }
        self.stack.push(Frame {
            node: PosNode {
                at,
                end_line: at.line,
                raw: None,
                cut_at_hash: false,
                comment_after: false,
                kind,
            },
            anchor,
            nodes_at_start: self.nodes,
            pending_key: None,
        });
    }

    /// Closes every open container, after an error stopped the events.
    fn close_all(&mut self) {
        while let Some(frame) = self.stack.pop() {
            self.place(frame.node);
        }
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

impl<'s> SpannedEventReceiver<'s> for IndexBuilder<'s> {
    fn on_event(&mut self, ev: Event<'s>, span: Span) {
        if self.refused.is_some() {
            return;
        }
        if self.alias_nodes > MAX_ALIAS_NODES {
            self.refused = Some(ParseError::AliasExpansion {
                at: self.first_alias.unwrap_or_default(),
            });
            return;
        }
        if self.nodes > MAX_NODES {
            self.refused = Some(ParseError::TooManyNodes { at: pos_of(&span) });
            return;
        }
        match ev {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents == 2 {
                    self.second_document = Some(pos_of(&span));
                }
            }
            Event::Scalar(value, style, anchor, _) => {
                if self.documents > 1 {
                    return;
                }
                self.nodes = self.nodes.saturating_add(1);
                if anchor != 0 {
                    self.anchor_sizes.insert(anchor, 1);
                }
                let mut at = pos_of(&span);
                if value.is_empty() && style == ScalarStyle::Plain {
                    // An empty item (`- ` or `- #…`) is marked where the
                    // parser gave up looking; point at its line's start.
                    at.col = self.indent_of(at.line) + 1;
                }
                let (cut_at_hash, comment_after) = if style == ScalarStyle::Plain {
                    self.followed_by_hash(&span)
                } else {
                    (false, false)
                };
                self.place(PosNode {
                    at,
                    end_line: span.end.line().max(at.line),
                    raw: Some(value),
                    cut_at_hash,
                    comment_after,
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
                    cut_at_hash: false,
                    comment_after: false,
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
