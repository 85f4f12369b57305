//! A small element tree over quick-xml's reader: just what the importer queries
//! (local names, attributes, text, children), built in one pass.
//!
//! The connectors' `<schema>` (DSML, most of a connector file's bytes) says
//! nothing about password hash sync, so its subtree is skipped unread into the tree.
//!
//! Hostile exports are bounded while parsing: elements nest at most
//! [`MAX_XML_DEPTH`] deep (so building and dropping the tree never recurses far),
//! an element has at most [`MAX_XML_ATTRIBUTES`] attributes (checked for
//! duplicates in linear time), and no text or attribute value is longer than
//! `MAX_STRING_BYTES`. Each refusal names the element.

use crate::limits::MAX_STRING_BYTES;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashSet;

/// Deepest nesting of elements read; a real export nests about a dozen deep.
pub const MAX_XML_DEPTH: usize = 256;
/// Most attributes on one element; a real export has a handful.
pub const MAX_XML_ATTRIBUTES: usize = 1_000;

/// One XML element: its local name (namespace prefix dropped), attributes, the
/// text directly inside it, and its child elements in document order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Element>,
}

/// Where and why a document is not well-formed XML.
#[derive(Debug, Clone, PartialEq)]
pub struct XmlError {
    /// Byte offset in the document.
    pub offset: u64,
    pub message: String,
    /// Well-formed, but over a limit of this module.
    pub limit: bool,
}

/// Elements whose subtrees the importer never reads.
const SKIPPED: &[&str] = &["schema"];

impl Element {
    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child named `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The element at a path of child names below this one.
    pub fn at(&self, path: &[&str]) -> Option<&Element> {
        path.iter().try_fold(self, |e, name| e.child(name))
    }

    /// The trimmed text at a path; `None` when the element is absent or empty
    /// (the export writes `<subtype />` for "no value").
    pub fn text_at(&self, path: &[&str]) -> Option<&str> {
        let text = self.at(path)?.text.trim();
        (!text.is_empty()).then_some(text)
    }

    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The text of the `parameter` child whose `name` attribute is `name`.
    pub fn parameter(&self, name: &str) -> Option<&str> {
        let text = self
            .children_named("parameter")
            .find(|p| p.attr("name") == Some(name))?
            .text
            .trim();
        (!text.is_empty()).then_some(text)
    }
}

/// Parse a whole document into its root element.
pub fn parse(text: &str) -> Result<Element, XmlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| XmlError {
            offset: reader.error_position(),
            message: e.to_string(),
            limit: false,
        })?;
        let fail = |message: String| XmlError {
            offset: reader.buffer_position(),
            message,
            limit: false,
        };
        let over = |message: String| XmlError {
            offset: reader.buffer_position(),
            message,
            limit: true,
        };
        match event {
            Event::Start(start) => {
                let element = open(&start).map_err(|(message, limit)| XmlError {
                    limit,
                    ..fail(message)
                })?;
                if stack.len() >= MAX_XML_DEPTH {
                    return Err(over(format!(
                        "elements nest more than {MAX_XML_DEPTH} deep (at `<{}>`)",
                        element.name
                    )));
                }
                if SKIPPED.contains(&element.name.as_str()) {
                    let end = start.to_end().into_owned();
                    reader.read_to_end(end.name()).map_err(|e| XmlError {
                        offset: reader.error_position(),
                        message: e.to_string(),
                        limit: false,
                    })?;
                    attach(&mut stack, element);
                } else {
                    stack.push(element);
                }
            }
            Event::Empty(start) => {
                let element = open(&start).map_err(|(message, limit)| XmlError {
                    limit,
                    ..fail(message)
                })?;
                attach(&mut stack, element);
            }
            Event::End(_) => match stack.pop() {
                Some(done) if stack.is_empty() => return Ok(done),
                Some(done) => attach(&mut stack, done),
                None => return Err(fail("a closing tag without an opening one".into())),
            },
            Event::Text(t) => {
                let text = t.decode().map_err(|e| fail(e.to_string()))?;
                push_text(&mut stack, &text).map_err(over)?;
            }
            Event::CData(t) => {
                let text = t.decode().map_err(|e| fail(e.to_string()))?;
                push_text(&mut stack, &text).map_err(over)?;
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| fail(e.to_string()))?;
                let resolved = match r.resolve_char_ref().map_err(|e| fail(e.to_string()))? {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&name)
                        .ok_or_else(|| fail(format!("unknown entity `&{name};`")))?
                        .to_string(),
                };
                push_text(&mut stack, &resolved).map_err(over)?;
            }
            Event::Eof => return Err(fail(eof_message(&stack))),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

fn eof_message(stack: &[Element]) -> String {
    match stack.last() {
        Some(open) => format!("the document ends inside `<{}>`", open.name),
        None => "the document has no root element".to_string(),
    }
}

/// A new element from its start tag: local name and unescaped attributes. The
/// error says whether it is a limit (`true`) or bad XML.
fn open(start: &BytesStart<'_>) -> Result<Element, (String, bool)> {
    let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    let mut keys = HashSet::new();
    // quick-xml's own duplicate check compares each attribute with every other.
    for attr in start.attributes().with_checks(false) {
        let attr = attr.map_err(|e| (e.to_string(), false))?;
        if attrs.len() >= MAX_XML_ATTRIBUTES {
            let why = format!("`<{name}>` has more than {MAX_XML_ATTRIBUTES} attributes");
            return Err((why, true));
        }
        if !keys.insert(attr.key.as_ref().to_vec()) {
            let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
            return Err((format!("`<{name}>` has the attribute `{key}` twice"), false));
        }
        let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
        let value = attr.unescape_value().map_err(|e| (e.to_string(), false))?;
        if value.len() > MAX_STRING_BYTES {
            let why = format!(
                "the attribute `{key}` of `<{name}>` is {} bytes long, more than the limit of {MAX_STRING_BYTES}",
                value.len()
            );
            return Err((why, true));
        }
        attrs.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attrs,
        ..Element::default()
    })
}

/// Add a finished element to its parent; a lone root stays on the stack.
fn attach(stack: &mut Vec<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => stack.push(element),
    }
}

/// Add text to the open element, refusing text longer than the string limit.
fn push_text(stack: &mut [Element], text: &str) -> Result<(), String> {
    if let Some(open) = stack.last_mut() {
        let len = open.text.len().saturating_add(text.len());
        if len > MAX_STRING_BYTES {
            return Err(format!(
                "the text of `<{}>` is more than {MAX_STRING_BYTES} bytes long, the limit",
                open.name
            ));
        }
        open.text.push_str(text);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_prefixes_are_resolved() {
        let root = parse("<a xmlns:d='x'><d:b n='1'>x &amp; y&#33;</d:b><c/></a>").unwrap();
        assert_eq!(root.name, "a");
        assert_eq!(root.text_at(&["b"]), Some("x & y!"));
        assert_eq!(root.at(&["b"]).unwrap().attr("n"), Some("1"));
        assert!(root.child("c").is_some());
    }

    #[test]
    fn schema_subtrees_are_skipped() {
        let root = parse("<a><schema><big>1</big></schema><id>2</id></a>").unwrap();
        assert!(root.at(&["schema", "big"]).is_none());
        assert_eq!(root.text_at(&["id"]), Some("2"));
    }

    #[test]
    fn deep_nesting_and_many_attributes_are_refused() {
        let deep = format!(
            "{}{}",
            "<a>".repeat(MAX_XML_DEPTH + 1),
            "</a>".repeat(MAX_XML_DEPTH + 1)
        );
        let err = parse(&deep).unwrap_err();
        assert!(err.limit && err.message.contains("nest"), "{err:?}");
        let attrs: String = (0..=MAX_XML_ATTRIBUTES)
            .map(|i| format!(" a{i}='1'"))
            .collect();
        let err = parse(&format!("<a{attrs}/>")).unwrap_err();
        assert!(err.limit && err.message.contains("attributes"), "{err:?}");
        let err = parse("<a x='1' x='2'/>").unwrap_err();
        assert!(!err.limit && err.message.contains("twice"), "{err:?}");
    }

    #[test]
    fn unclosed_documents_are_errors() {
        let err = parse("<a><b>").unwrap_err();
        assert!(err.message.contains("<b>") || !err.message.is_empty());
        assert!(parse("").is_err());
    }
}
