//! Property tests: random syntax trees are printed, parsed again and compared
//! (spans aside), and printing what was parsed gives the same text again.

use super::*;
use crate::syntax::ast::*;
use proptest::prelude::*;
use proptest::sample::select;

fn name(text: &str) -> Name {
    Name {
        text: text.to_string(),
        span: Span::default(),
    }
}

fn expr(kind: ExprKind) -> Expr {
    Expr {
        kind,
        span: Span::default(),
    }
}

fn ident() -> impl Strategy<Value = Name> {
    select(vec![
        "a", "b", "xs", "c_1", "_tmp", "server", "error", "notable",
    ])
    .prop_map(name)
}

/// Field and method names may be keywords.
fn field() -> impl Strategy<Value = Name> {
    select(vec![
        "name", "kind", "len", "and", "in", "where", "lower", "time",
    ])
    .prop_map(name)
}

/// Map keys: names, keywords, or any text a quoted key may hold.
fn map_key() -> impl Strategy<Value = Name> {
    select(vec!["Success", "if", "a b", "", "1x", "{x}", "é", "// no"]).prop_map(name)
}

/// Text of a one-line string: every character that needs an escape, and others.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        select(vec![
            "a", " ", "\"", "\\", "{", "}", "\n", "\t", "é", "//", "x y",
        ]),
        1..5,
    )
    .prop_map(|parts| parts.concat())
}

/// A `"""` block as the parser reads it: only such parts are a block's content.
fn block(source: String) -> Option<StrLit> {
    let file = parse_file(
        FileId(0),
        &format!("const X: string = \"\"\"{source}\"\"\""),
    )
    .ok()?;
    match file.items.into_iter().next()? {
        Item::Const(ConstDecl { value, .. }) => match value.kind {
            ExprKind::Str(s) if s.block => Some(s),
            _ => None,
        },
        _ => None,
    }
}

fn block_string() -> impl Strategy<Value = Expr> {
    let pieces = vec![
        "\n",
        "\n",
        "  ",
        " ",
        "\t",
        "word",
        "two words",
        "\"",
        "\\\"",
        "\\\\",
        "\\{",
        "\\}",
        "\\n",
        "{a}",
        "{b.len()}",
        "\r",
    ];
    proptest::collection::vec(select(pieces), 0..12)
        .prop_filter_map("not a block", |p| block(p.concat()))
        .prop_map(|s| expr(ExprKind::Str(s)))
}

/// Parts as the parser makes them: no empty text, no two texts in a row.
fn normalise(parts: Vec<StrPart>) -> Vec<StrPart> {
    let mut out: Vec<StrPart> = Vec::new();
    for part in parts {
        match (part, out.last_mut()) {
            (StrPart::Text(t), _) if t.is_empty() => {}
            (StrPart::Text(t), Some(StrPart::Text(last))) => last.push_str(&t),
            (part, _) => out.push(part),
        }
    }
    out
}

fn inline_string(inner: BoxedStrategy<Expr>) -> impl Strategy<Value = Expr> {
    let part = prop_oneof![
        3 => text().prop_map(StrPart::Text),
        1 => inner.prop_map(StrPart::Interp),
    ];
    proptest::collection::vec(part, 0..4).prop_map(|parts| {
        expr(ExprKind::Str(StrLit {
            parts: normalise(parts),
            block: false,
            span: Span::default(),
        }))
    })
}

fn leaf() -> impl Strategy<Value = Expr> {
    let units = vec![1, 60, 3_600, 86_400, 604_800];
    prop_oneof![
        any::<bool>().prop_map(|b| expr(ExprKind::Bool(b))),
        (0i64..100_000).prop_map(|n| expr(ExprKind::Int(n))),
        (1i64..500, select(units)).prop_map(|(n, unit)| expr(ExprKind::Duration(n * unit))),
        proptest::collection::vec(0u64..2_000, 2..5).prop_map(|v| expr(ExprKind::Version(v))),
        Just(expr(ExprKind::Now)),
        ident().prop_map(|n| expr(ExprKind::Name(n))),
        text().prop_map(|t| expr(ExprKind::Str(StrLit {
            parts: vec![StrPart::Text(t)],
            block: false,
            span: Span::default(),
        }))),
    ]
}

fn binary_op() -> impl Strategy<Value = BinaryOp> {
    use BinaryOp::*;
    select(vec![
        Or, And, Eq, EqCi, Ne, Lt, Le, Gt, Ge, In, NotIn, Contains, ContainsCi, StartsWith,
        EndsWith, Add, Sub, Mul, Div, Rem,
    ])
}

fn arb_expr() -> impl Strategy<Value = Expr> {
    let leaves = prop_oneof![8 => leaf(), 1 => block_string()];
    leaves.prop_recursive(4, 40, 4, |inner| {
        let boxed = |e: Expr| Box::new(e);
        let arg = prop_oneof![
            inner.clone().prop_map(Arg::Expr),
            (ident(), inner.clone()).prop_map(|(p, body)| Arg::Lambda(p, body)),
        ];
        let quant = select(vec![QuantKind::Any, QuantKind::All, QuantKind::None, QuantKind::Count]);
        let unary = select(vec![UnaryOp::Not, UnaryOp::Neg]);
        prop_oneof![
            1 => (inner.clone(), field()).prop_map(move |(b, f)| expr(ExprKind::Field(boxed(b), f))),
            1 => (inner.clone(), field(), proptest::collection::vec(arg, 0..3))
                .prop_map(move |(b, f, a)| expr(ExprKind::Method(boxed(b), f, a))),
            1 => (inner.clone(), inner.clone())
                .prop_map(move |(b, k)| expr(ExprKind::Index(boxed(b), boxed(k)))),
            1 => (ident(), proptest::collection::vec(inner.clone(), 0..3))
                .prop_map(|(f, a)| expr(ExprKind::Call(f, a))),
            1 => (unary, inner.clone()).prop_map(move |(op, e)| expr(ExprKind::Unary(op, boxed(e)))),
            3 => (binary_op(), inner.clone(), inner.clone())
                .prop_map(move |(op, l, r)| expr(ExprKind::Binary(op, boxed(l), boxed(r)))),
            1 => (quant, ident(), inner.clone(), inner.clone()).prop_map(move |(k, x, s, c)| {
                expr(ExprKind::Quant(k, x, boxed(s), boxed(c)))
            }),
            1 => (inner.clone(), inner.clone(), inner.clone())
                .prop_map(move |(c, t, e)| expr(ExprKind::If(boxed(c), boxed(t), boxed(e)))),
            1 => proptest::collection::vec(inner.clone(), 0..4).prop_map(|v| expr(ExprKind::List(v))),
            1 => proptest::collection::vec((map_key(), inner.clone()), 0..3)
                .prop_map(|v| expr(ExprKind::Map(v))),
            1 => inline_string(inner.boxed()),
        ]
    })
}

fn ty(text: &str) -> TypeExpr {
    TypeExpr {
        kind: TypeExprKind::Named(name(text)),
        optional: false,
        span: Span::default(),
    }
}

fn str_lit(text: &str) -> StrLit {
    StrLit {
        parts: vec![StrPart::Text(text.to_string())],
        block: false,
        span: Span::default(),
    }
}

/// A rule with the expression in each place a clause may hold one.
fn rule_with(e: &Expr, bindings: usize) -> Item {
    Item::Rule(RuleDecl {
        doc: vec!["Doc.".to_string(), String::new(), " indented".to_string()],
        id: name("ORG1"),
        title: str_lit("A title {with} braces"),
        severity: Some((Severity::Warning, Span::default())),
        tags: vec![name("a"), name("b-c")],
        needs: vec![
            Need {
                negated: true,
                rule: name("PHS001"),
                at: None,
            },
            Need {
                negated: false,
                rule: name("PHS002"),
                at: Some(e.clone()),
            },
        ],
        params: vec![ParamDecl {
            name: name("window"),
            ty: ty("duration"),
            value: e.clone(),
        }],
        bindings: (0..bindings)
            .map(|i| Binding {
                name: name(if i == 0 { "c" } else { "d" }),
                source: e.clone(),
            })
            .collect(),
        filter: (bindings > 0).then(|| e.clone()),
        when: Some(e.clone()),
        message: Some(str_lit("m")),
        remediation: None,
        evidence: Some(str_lit("saw")),
        crosscheck: None,
        see: vec![str_lit("https://example.com")],
        span: Span::default(),
    })
}

fn file_with(e: &Expr, bindings: usize) -> File {
    File {
        pack: None,
        items: vec![
            Item::Const(ConstDecl {
                doc: Vec::new(),
                name: name("X"),
                ty: ty("int"),
                value: e.clone(),
                span: Span::default(),
            }),
            Item::Fn(FnDecl {
                doc: Vec::new(),
                name: name("f"),
                params: vec![(name("a"), ty("int"))],
                ret: ty("int"),
                body: e.clone(),
                span: Span::default(),
            }),
            rule_with(e, bindings),
        ],
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn printed_trees_parse_back_to_the_same_tree(e in arb_expr(), bindings in 0usize..3) {
        let file = file_with(&e, bindings);
        let text = print_file(&file);
        let parsed = parse_file(FileId(0), &text);
        prop_assert!(parsed.is_ok(), "does not parse:\n{text}\n{parsed:?}");
        let parsed = parsed.unwrap_or_else(|_| file.clone());
        prop_assert!(file == parsed, "a different tree:\n{text}\n{e:?}");
        prop_assert_eq!(print_file(&parsed), text.clone());
        let formatted = format_source(FileId(0), &text);
        prop_assert!(formatted.is_ok(), "{formatted:?}");
        prop_assert_eq!(formatted.unwrap_or_default(), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Blocks hold scripts whose every space matters: whatever the parser read from
    /// one, it reads again from the re-indented block, at any depth.
    #[test]
    fn block_strings_keep_every_character(e in block_string(), indent in 0usize..3) {
        let ExprKind::Str(s) = &e.kind else {
            return Ok(());
        };
        let mut file = file_with(&e, 0);
        file.items.truncate(1);
        if indent > 0 {
            file.items = vec![rule_with(&e, 0)];
            if let Some(Item::Rule(rule)) = file.items.first_mut() {
                rule.remediation = Some(s.clone());
            }
        }
        let text = print_file(&file);
        let parsed = parse_file(FileId(0), &text);
        prop_assert!(parsed.is_ok(), "does not parse:\n{text}");
        let parsed = parsed.unwrap_or_else(|_| file.clone());
        prop_assert!(file == parsed, "a different tree:\n{text}\n{s:?}");
    }
}
