//! saphyr's events into a tree of positions ([`PosNode`]), with the
//! counts that refuse alias bombs and huge files.

use std::borrow::Cow;

use saphyr_parser::{Event, ScalarStyle, Span, SpannedEventReceiver};

use super::scalar::resolve_plain;
use super::{MAX_ALIAS_NODES, MAX_DEPTH, MAX_NODES, ParseError, Pos, Value};

/// Positions of one node, shaped like the document.
#[derive(Debug, Clone)]
pub(super) struct PosNode<'s> {
    pub(super) at: Pos,
    pub(super) end_line: usize,
    /// The scalar as written; borrowed from the source when it can be.
    pub(super) raw: Option<Cow<'s, str>>,
    /// A plain scalar (not quoted, not a block): YAML resolves its type.
    pub(super) plain: bool,
    pub(super) cut_at_hash: bool,
    pub(super) comment_after: bool,
    pub(super) kind: PosKind<'s>,
}

impl<'s> PosNode<'s> {
    /// A node with no scalar text on one line: a collection as it starts,
    /// or an alias.
    fn bare(at: Pos, kind: PosKind<'s>) -> Self {
        PosNode {
            at,
            end_line: at.line,
            raw: None,
            plain: false,
            cut_at_hash: false,
            comment_after: false,
            kind,
        }
    }
}

#[derive(Debug, Clone)]
pub(super) enum PosKind<'s> {
    Leaf,
    Seq(Vec<PosNode<'s>>),
    Map(Vec<(Cow<'s, str>, PosNode<'s>)>),
}

/// A container being built from events.
#[derive(Debug)]
pub(super) struct Frame<'s> {
    pub(super) node: PosNode<'s>,
    pub(super) anchor: usize,
    pub(super) nodes_at_start: u64,
    /// For mappings: the key just read, waiting for its value.
    pub(super) pending_key: Option<(Cow<'s, str>, Pos)>,
}

/// Builds the position tree from saphyr's events, and measures aliases.
#[derive(Debug, Default)]
pub(super) struct IndexBuilder<'s> {
    pub(super) src: &'s str,
    /// The source lines, to find indentation; only an empty item needs
    /// them, so they are listed the first time one does.
    pub(super) lines: std::cell::OnceCell<Vec<&'s str>>,
    /// A character index in `src` and its byte offset: scalars end in
    /// increasing order, so looking behind each one walks the file once.
    pub(super) cursor: (usize, usize),
    /// Why the file is refused, once it is: events are then ignored.
    pub(super) refused: Option<ParseError>,
    pub(super) stack: Vec<Frame<'s>>,
    pub(super) root: Option<PosNode<'s>>,
    pub(super) documents: usize,
    pub(super) second_document: Option<Pos>,
    /// Nodes seen, counting what each alias would expand to.
    pub(super) nodes: u64,
    pub(super) alias_nodes: u64,
    pub(super) anchor_sizes: std::collections::HashMap<usize, u64>,
    pub(super) first_alias: Option<Pos>,
    /// An anchor, alias, tag, or a key that is not text was seen: only
    /// [`super::parse`] reads the file as `serde_yaml` does.
    pub(super) unusual: bool,
}

pub(super) fn pos_of(span: &Span) -> Pos {
    Pos {
        line: span.start.line(),
        col: span.start.col() + 1,
    }
}

impl<'s> IndexBuilder<'s> {
    /// Whether the source goes on, right after `span`, with ` #x` (text
    /// cut by a comment), and with spaces and `#` (a comment on the line).
    pub(super) fn followed_by_hash(&mut self, span: &Span) -> (bool, bool) {
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
    pub(super) fn indent_of(&self, line: usize) -> usize {
        line.checked_sub(1)
            .and_then(|i| self.lines.get_or_init(|| self.src.lines().collect()).get(i))
            .map_or(0, |l| l.chars().take_while(|c| c.is_whitespace()).count())
    }

    /// Places a finished node in its parent (or as the root).
    pub(super) fn place(&mut self, mut node: PosNode<'s>) {
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

    pub(super) fn start(&mut self, kind: PosKind<'s>, anchor: usize, span: &Span) {
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
            node: PosNode::bare(at, kind),
            anchor,
            nodes_at_start: self.nodes,
            pending_key: None,
        });
    }

    /// The item just read of the list under the top-level key `key`, if
    /// one was: taken out of the tree, which then never holds more than
    /// one item of that list.
    pub(super) fn take_item_of(&mut self, key: &str) -> Option<PosNode<'s>> {
        if self.documents != 1 {
            return None;
        }
        let [root, list] = self.stack.as_mut_slice() else {
            return None;
        };
        match (&root.node.kind, &root.pending_key, &mut list.node.kind) {
            (PosKind::Map(_), Some((name, _)), PosKind::Seq(items)) if name == key => items.pop(),
            _ => None,
        }
    }

    /// Closes every open container, after an error stopped the events.
    pub(super) fn close_all(&mut self) {
        while let Some(frame) = self.stack.pop() {
            self.place(frame.node);
        }
    }

    pub(super) fn end(&mut self, span: &Span) {
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
                self.place(PosNode::bare(at, PosKind::Leaf));
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
