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
    if too_deep(src).is_some() {
        return None;
    }
    let mut index = IndexBuilder {
        src,
        ..IndexBuilder::default()
    };
    let mut parser = Parser::new_from_str(src);
    while let Some(event) = parser.next_event() {
        let (ev, span) = event.ok()?;
        index.on_event(ev, span);
        if index.refused.is_some() || index.unusual {
            return None;
        }
    }
    if index.documents != 1 || !index.stack.is_empty() {
        return None;
    }
    let root = index.root.take()?;
    let at = root.at;
    from_positions(root, at)
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

fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

/// What `serde_yaml` makes of a plain scalar: null, a boolean, a number or
/// text (`Str` with nothing in it: the caller keeps the text). `None` for
/// an integer beyond 64 bits, which `serde_yaml` refuses.
fn resolve_plain(s: &str) -> Option<Value> {
    if is_null(s) {
        return Some(Value::Null);
    }
    match s {
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    // Text most of the time: nothing else starts with a letter.
    if !s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) {
        return Some(Value::Str(String::new()));
    }
    if let Some(u) = unsigned_int(s) {
        return match u64::try_from(u) {
            Ok(u) => Some(i64::try_from(u).map_or(Value::Float(u as f64), Value::Int)),
            Err(_) => None,
        };
    }
    if let Some(i) = negative_int(s) {
        return i64::try_from(i).ok().map(Value::Int);
    }
    if !leading_zero_digits(s)
        && let Some(f) = float(s)
    {
        return Some(Value::Float(f));
    }
    Some(Value::Str(String::new()))
}

/// `0123`, `-007`: digits after a leading zero are text in YAML 1.2.
fn leading_zero_digits(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    s.len() > 1 && s.starts_with('0') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A whole number without a minus: decimal, `0x`, `0o` or `0b`, an
/// optional `+` before.
fn unsigned_int(s: &str) -> Option<u128> {
    let unsigned = s.strip_prefix('+').unwrap_or(s);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unsigned.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(n) = u128::from_str_radix(rest, radix) {
                return Some(n);
            }
        }
    }
    if unsigned.starts_with(['+', '-']) || leading_zero_digits(s) {
        return None;
    }
    unsigned.parse::<u128>().ok()
}

/// A whole number with a minus: decimal, `-0x`, `-0o` or `-0b`.
fn negative_int(s: &str) -> Option<i128> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = s.strip_prefix(prefix)
            && let Ok(n) = i128::from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(n);
        }
    }
    if leading_zero_digits(s) {
        return None;
    }
    s.parse::<i128>().ok()
}

/// A finite number with a point or an exponent, or `.inf`, `.nan`.
fn float(s: &str) -> Option<f64> {
    let unsigned = match s.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => s,
    };
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Some(f64::INFINITY);
    }
    if matches!(s, "-.inf" | "-.Inf" | "-.INF") {
        return Some(f64::NEG_INFINITY);
    }
    if matches!(s, ".nan" | ".NaN" | ".NAN") {
        return Some(f64::NAN);
    }
    unsigned.parse::<f64>().ok().filter(|f| f.is_finite())
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
    /// A plain scalar (not quoted, not a block): YAML resolves its type.
    plain: bool,
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
                            key: key_name(&key),
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
    /// The source lines, to find indentation; only an empty item needs
    /// them, so they are listed the first time one does.
    lines: std::cell::OnceCell<Vec<&'s str>>,
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
    /// An anchor, alias, tag, or a key that is not text was seen: only
    /// [`parse`] reads the file as `serde_yaml` does.
    unusual: bool,
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
            .and_then(|i| self.lines.get_or_init(|| self.src.lines().collect()).get(i))
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
                    let text_key = matches!(node.kind, PosKind::Leaf)
                        && node.raw.as_deref().is_some_and(|k| {
                            !node.plain || matches!(resolve_plain(k), Some(Value::Str(_)))
                        });
                    self.unusual |= !text_key;
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
                plain: false,
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
        match &ev {
            Event::Scalar(_, _, anchor, tag)
            | Event::SequenceStart(anchor, tag)
            | Event::MappingStart(anchor, tag) => self.unusual |= *anchor != 0 || tag.is_some(),
            Event::Alias(_) => self.unusual = true,
            _ => {}
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
                    plain: style == ScalarStyle::Plain,
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
                    plain: false,
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
