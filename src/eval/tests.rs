//! Evaluator tests: three-valued logic and every outcome, on small rules over a
//! small facts file, through the real parser, checker and facts loader.

use crate::check::check_program;
use crate::check::Program;
use crate::eval::{evaluate, EvalError, Evaluation, Outcome};
use crate::facts::{load_facts, LoadOptions};
use crate::source::Sources;
use crate::syntax::parse_file;

const FACTS: &str = r#"
format: phs-facts/1
collected_at: 2026-11-24T14:00:00Z
server: { name: AADC01, version: 1.6.4.0, staging_mode: false }
tenant: { name: contoso.onmicrosoft.com }
connectors:
  - name: contoso.com
    id: 9d2c1c57-5b4e-4f8a-a8f1-0b6d1e2a3c4d
    kind: ad
    password_sync: true
    domains:
      - { name: contoso.com, reachable: true, only_use_preferred_dcs: false }
      - { name: emea.contoso.com, only_use_preferred_dcs: false }
  - { name: contoso.onmicrosoft.com - AAD, id: 0b1e2f3a-4c5d-4e6f-8a9b-0c1d2e3f4a5b, kind: aad }
events:
  - { id: 654, source: Directory Synchronization, level: information, time: 2026-11-24T13:31:00Z, message: "heartbeat 9D2C1C57-5B4E-4F8A-A8F1-0B6D1E2A3C4D" }
objects:
  - { dn: "CN=Ana,OU=Staff,DC=emea,DC=contoso,DC=com", connector: contoso.com, cs: { present: true }, mv: { present: true }, aad: { present: true } }
  - { dn: "CN=Ben,DC=contoso,DC=com", connector: contoso.com, cs: { present: true }, mv: { present: true }, aad: { present: true } }
  - { dn: "CN=Cy,DC=fabrikam,DC=com", connector: fabrikam.com, cs: { present: true }, mv: { present: true }, aad: { present: true } }
"#;

/// Outcomes of every rule of `rules` (ids starting with `T`), in rule order.
fn outcomes(rules: &str) -> Vec<(String, Vec<Outcome>)> {
    instances(rules)
        .into_iter()
        .map(|(id, insts)| (id, insts.into_iter().map(|i| i.outcome).collect()))
        .collect()
}

/// Every instance of every rule of `rules` (ids starting with `T`).
fn instances(rules: &str) -> Vec<(String, Vec<crate::eval::Instance>)> {
    let (_, program, evaluation) = run(rules);
    let evaluation = evaluation.unwrap_or_else(|e| panic!("{}", e.message));
    evaluation
        .results
        .iter()
        .filter_map(|r| {
            let rule = program.rules.get(r.rule)?;
            rule.id
                .starts_with('T')
                .then(|| (rule.id.clone(), r.instances.clone()))
        })
        .collect()
}

/// The builtin pack and `rules`, checked and evaluated over [`FACTS`].
fn run(rules: &str) -> (Sources, Program, Result<Evaluation, EvalError>) {
    let mut sources = Sources::new();
    let mut parsed = Vec::new();
    for (name, text) in crate::builtin::FILES
        .iter()
        .copied()
        .chain([("test.phs", rules)])
    {
        let id = sources.add(name, text);
        match parse_file(id, text) {
            Ok(ast) => parsed.push((id, ast)),
            Err(d) => panic!("{name} does not parse: {}", d.message),
        }
    }
    let asts: Vec<_> = parsed.iter().map(|(_, ast)| ast).collect();
    let (program, diags) = check_program(&asts);
    let Some(program) = program else {
        panic!(
            "rules do not check: {:?}",
            diags.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    };
    let (facts, now) = load(&mut sources, &program);
    let evaluation = evaluate(&program, &facts.root, now);
    (sources, program, evaluation)
}

fn load(
    sources: &mut Sources,
    program: &Program,
) -> (crate::facts::Facts, chrono::DateTime<chrono::FixedOffset>) {
    let file = sources.add("facts.yaml", FACTS);
    let facts =
        load_facts(&program.schema, file, FACTS, &LoadOptions::default()).unwrap_or_else(|d| {
            panic!(
                "facts do not load: {:?}",
                d.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        });
    let now = facts
        .collected_at
        .unwrap_or_else(|| panic!("no collected_at"));
    (facts, now)
}

#[test]
fn a_builtin_given_a_value_its_type_check_rules_out_is_an_internal_error() {
    use crate::check::program::{Builtin, Expr, ExprKind};
    use crate::check::types::Type;
    use crate::value::Value;
    let (mut sources, mut program, _) =
        run("rule T1 \"t\" { severity error message \"m\"\n  when \"a\".lower() == \"a\" }");
    let rule = program
        .rules
        .iter_mut()
        .find(|r| r.id == "T1")
        .unwrap_or_else(|| panic!("no T1"));
    let span = rule.when.span;
    let number = Expr::new(ExprKind::Lit(Value::Int(1)), span, Type::Int);
    rule.when = Expr::new(
        ExprKind::Builtin(Builtin::Lower, vec![number]),
        span,
        Type::Str,
    );
    let (facts, now) = load(&mut sources, &program);
    let err = evaluate(&program, &facts.root, now)
        .err()
        .unwrap_or_else(|| panic!("no error"));
    assert_eq!(err.code, "phs::internal");
    assert_eq!(
        err.message,
        "the builtin Lower was given a value of type int, which its type check rules out"
    );
}

#[test]
fn an_evaluation_error_points_at_the_expression_that_failed() {
    let (sources, _, evaluation) = run(
        "rule T1 \"t\" { severity error message \"m\"\n  when connectors.len() * 9223372036854775807 > 0 }",
    );
    let err = evaluation.err().unwrap_or_else(|| panic!("no error"));
    assert_eq!(err.message, "the product is out of range");
    let span = err.span.unwrap_or_else(|| panic!("no span"));
    assert_eq!(
        sources.snippet(span),
        "connectors.len() * 9223372036854775807"
    );
}

#[test]
fn an_evaluation_error_in_a_helper_also_names_the_calls_that_led_there() {
    let (sources, _, evaluation) = run("fn times_max(n: int) -> int = n * 9223372036854775807\n\
         fn outer(n: int) -> int = times_max(n + 1)\n\
         rule T1 \"t\" { severity error message \"m\"\n  when outer(connectors.len()) > 0 }");
    let err = evaluation.err().unwrap_or_else(|| panic!("no error"));
    let span = err.span.unwrap_or_else(|| panic!("no span"));
    let calls: Vec<&str> = err.calls.iter().map(|c| sources.snippet(*c)).collect();
    assert_eq!(
        (sources.snippet(span), calls.as_slice()),
        (
            "n * 9223372036854775807",
            ["times_max(n + 1)", "outer(connectors.len())"].as_slice()
        )
    );
    let diagnostic = err.to_diagnostic();
    let labels: Vec<&str> = diagnostic.labels.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        labels,
        [
            "while evaluating this",
            "in this call of the helper",
            "in this call of the helper"
        ]
    );
}

/// The single outcome of the rule `T1` whose condition is `when`.
fn decide(when: &str) -> Outcome {
    let rules = format!("rule T1 \"t\" {{ severity error when {when} message \"m\" }}");
    let all = outcomes(&rules);
    match all.as_slice() {
        [(_, o)] if o.len() == 1 => o.first().cloned().unwrap_or(Outcome::Passed),
        other => panic!("expected one outcome, got {other:?}"),
    }
}

fn undetermined(paths: &[&str]) -> Outcome {
    Outcome::Undetermined {
        unknown: paths.iter().map(|p| std::sync::Arc::from(*p)).collect(),
    }
}

#[test]
fn a_known_true_condition_fires_and_a_false_one_passes() {
    assert_eq!(decide("server.staging_mode == false"), Outcome::Fired);
    assert_eq!(decide("server.staging_mode == true"), Outcome::Passed);
}

#[test]
fn an_unknown_fact_makes_the_rule_undetermined_with_its_path() {
    assert_eq!(
        decide("tenant.password_hash_sync == false"),
        undetermined(&["tenant.password_hash_sync"])
    );
}

#[test]
fn unknown_and_false_is_false_and_unknown_or_true_is_true() {
    assert_eq!(
        decide("tenant.password_hash_sync == false and server.staging_mode == true"),
        Outcome::Passed
    );
    assert_eq!(
        decide("tenant.password_hash_sync == false or server.staging_mode == false"),
        Outcome::Fired
    );
    assert_eq!(
        decide("tenant.password_hash_sync == false and server.staging_mode == false"),
        undetermined(&["tenant.password_hash_sync"])
    );
    assert_eq!(
        decide("not (tenant.password_hash_sync == true)"),
        undetermined(&["tenant.password_hash_sync"])
    );
}

#[test]
fn unknowns_of_both_operands_are_reported_together() {
    assert_eq!(
        decide(
            "tenant.password_hash_sync == true or tenant.force_password_change_on_logon == true"
        ),
        undetermined(&[
            "tenant.force_password_change_on_logon",
            "tenant.password_hash_sync"
        ])
    );
}

#[test]
fn known_and_or_else_never_stay_unknown() {
    assert_eq!(
        decide("not known(tenant.password_hash_sync)"),
        Outcome::Fired
    );
    assert_eq!(
        decide("or_else(tenant.password_hash_sync, false) == false"),
        Outcome::Fired
    );
}

#[test]
fn quantifiers_decide_without_unknown_items_when_they_can() {
    // One domain is reachable: `any` is true whatever the other one is.
    assert_eq!(
        decide("any c in connectors where any d in c.domains where d.reachable == true"),
        Outcome::Fired
    );
    // `all` needs the unknown one.
    assert_eq!(
        decide("all c in connectors where all d in c.domains where d.reachable == true"),
        undetermined(&["connectors[0].domains[1].reachable"])
    );
}

#[test]
fn time_windows_are_measured_from_collected_at() {
    assert_eq!(
        decide("any e in events where e.time >= now - 30m"),
        Outcome::Fired
    );
    assert_eq!(
        decide("any e in events where e.time >= now - 20m"),
        Outcome::Passed
    );
}

#[test]
fn versions_compare_numerically() {
    assert_eq!(
        decide("server.version < 1.10.0.0 and server.version > 1.1.614.0"),
        Outcome::Fired
    );
}

#[test]
fn bindings_give_one_outcome_each_and_where_filters() {
    let rules = r#"
      rule T1 "per domain" {
        severity error
        for c in connectors, d in c.domains where c.kind == ad
        when d.reachable == false
        message "{d.name}"
      }"#;
    let all = outcomes(rules);
    assert_eq!(
        all,
        vec![(
            "T1".to_string(),
            vec![
                Outcome::Passed,
                undetermined(&["connectors[0].domains[1].reachable"])
            ]
        )]
    );
}

#[test]
fn needs_not_skips_where_the_other_rule_fired_for_a_related_binding() {
    let rules = r#"
      rule TA "channel on" {
        severity error
        for c in connectors where c.kind == ad
        when c.password_sync == true
        message "{c.name}"
      }
      rule TB "per domain, after TA" {
        severity error
        needs not TA
        for c in connectors, d in c.domains where c.kind == ad
        when d.name == "contoso.com"
        message "{d.name}"
      }
      rule TC "needs TA to have fired" {
        severity info
        needs TA
        for c in connectors where c.kind == aad
        when true
        message "{c.name}"
      }"#;
    let all = outcomes(rules);
    let skipped = Outcome::Skipped {
        by: vec!["TA".to_string()],
    };
    assert_eq!(
        all,
        vec![
            ("TA".to_string(), vec![Outcome::Fired]),
            ("TB".to_string(), vec![skipped.clone(), skipped.clone()]),
            // The AAD connector is not related to the AD connector TA fired for.
            ("TC".to_string(), vec![skipped]),
        ]
    );
}

#[test]
fn messages_interpolate_values_and_show_unknown_ones() {
    let rules = r#"
      rule T1 "message" {
        severity error
        for c in connectors where c.kind == ad
        when true
        message "{c.name}: target {c.password_sync_target}, {c.domains.map(d => d.name)}, {3h}"
      }"#;
    let all = instances(rules);
    let message = all
        .first()
        .and_then(|(_, i)| i.first())
        .and_then(|i| i.message.clone());
    assert_eq!(
        message.as_deref(),
        Some("contoso.com: target (unknown), contoso.com, emea.contoso.com, 3h")
    );
}

#[test]
fn needs_at_relates_the_other_rule_to_the_fact_it_names() {
    // TA fires for emea.contoso.com only. Objects are not nested in domains: `at`
    // names the fact whose outcomes count. The third object's connector does not
    // exist, so nothing concerns it and it is never skipped.
    let rules = r#"
      rule TA "domain" {
        severity error
        for c in connectors, d in c.domains where c.kind == ad
        when d.name == "emea.contoso.com"
        message "{d.name}"
      }
      rule TB "per object, by its domain" {
        severity error
        needs not TA at domain_of(o)
        for o in objects
        when true
        message "{o.dn}"
      }
      rule TC "per object, by its connector" {
        severity error
        needs not TA at connector_of(o)
        for o in objects
        when true
        message "{o.dn}"
      }"#;
    let skipped = Outcome::Skipped {
        by: vec!["TA".to_string()],
    };
    assert_eq!(
        outcomes(rules),
        vec![
            ("TA".to_string(), vec![Outcome::Passed, Outcome::Fired]),
            (
                "TB".to_string(),
                vec![skipped.clone(), Outcome::Fired, Outcome::Fired]
            ),
            // The emea domain lies inside the connector of both contoso objects.
            (
                "TC".to_string(),
                vec![skipped.clone(), skipped, Outcome::Fired]
            ),
        ]
    );
}

#[test]
fn evidence_renders_for_passed_outcomes_and_crosscheck_for_every_outcome() {
    let rules = r#"
      rule TA "domain" {
        severity error
        for c in connectors, d in c.domains where c.kind == ad
        when d.name == "emea.contoso.com"
        message "{d.name}"
      }
      rule TB "per domain" {
        severity warning
        needs not TA
        for c in connectors, d in c.domains where c.kind == ad
        when d.name == "nowhere"
        message "{d.name}"
        evidence "saw {d.name}"
        crosscheck "Test-Domain {d.name.ps_quote()}"
      }"#;
    let all = instances(rules);
    let tb: Vec<(Option<String>, Option<String>)> = all
        .iter()
        .filter(|(id, _)| id == "TB")
        .flat_map(|(_, insts)| {
            insts
                .iter()
                .map(|i| (i.evidence.clone(), i.crosscheck.clone()))
        })
        .collect();
    assert_eq!(
        tb,
        vec![
            (
                Some("saw contoso.com".to_string()),
                Some("Test-Domain 'contoso.com'".to_string())
            ),
            // Skipped by TA: no evidence (nothing was judged), the cross-check still.
            (None, Some("Test-Domain 'emea.contoso.com'".to_string())),
        ]
    );
}

#[test]
fn unknown_unless_makes_a_false_condition_unknown_for_want_of_the_fact() {
    assert_eq!(decide("unknown_unless(true, events)"), Outcome::Fired);
    assert_eq!(
        decide("unknown_unless(1 > 2, events)"),
        undetermined(&["events"])
    );
    // Kleene: a false conjunct still decides.
    assert_eq!(
        decide("unknown_unless(1 > 2, events) and false"),
        Outcome::Passed
    );
}

#[test]
fn dn_under_compares_rdn_by_rdn_ignoring_case_and_spaces() {
    assert_eq!(
        decide(r#"dn_under("CN=A b,OU=Sales, DC=Contoso,DC=com", "ou=sales,dc=contoso,dc=com")"#),
        Outcome::Fired
    );
    assert_eq!(
        decide(r#"dn_under("CN=x,OU=NotSales,DC=contoso,DC=com", "OU=Sales,DC=contoso,DC=com")"#),
        Outcome::Passed
    );
}

#[test]
fn a_slot_or_root_field_the_checker_never_made_is_an_internal_error_not_an_unknown() {
    use crate::check::program::{Expr, ExprKind, Slot};
    use crate::check::types::Type;
    let cases = [
        (ExprKind::Local(Slot(99)), "no slot 99 in the frame"),
        (ExprKind::Root(999), "the facts lack root field 999"),
    ];
    for (kind, message) in cases {
        let (mut sources, mut program, _) =
            run("rule T1 \"t\" { severity error message \"m\"\n  when true }");
        let rule = program
            .rules
            .iter_mut()
            .find(|r| r.id == "T1")
            .unwrap_or_else(|| panic!("no T1"));
        rule.when = Expr::new(kind, rule.when.span, Type::Bool);
        let (facts, now) = load(&mut sources, &program);
        let err = evaluate(&program, &facts.root, now)
            .err()
            .unwrap_or_else(|| panic!("no error for {message}"));
        assert_eq!((err.code, err.message.as_str()), ("phs::internal", message));
    }
}

#[test]
fn a_constant_that_cannot_be_evaluated_is_named_as_a_constant_not_a_rule() {
    let (_, _, result) = run("const BIG: int = 9223372036854775807 + 1");
    let err = result.err().unwrap_or_else(|| panic!("no error"));
    let d = err.to_diagnostic();
    assert_eq!(
        (d.code, d.message.as_str()),
        (
            "phs::eval",
            "a constant could not be evaluated: the sum is out of range"
        )
    );
    assert_eq!(
        d.help.as_deref(),
        Some("a constant reads no facts: its expression needs fixing")
    );
}

#[test]
fn an_evaluation_error_names_the_bindings_it_failed_at() {
    let (_, _, evaluation) = run("rule T1 \"t\" { severity error message \"m\"\n  \
         for c in connectors\n  when c.domains.len() * 9223372036854775807 > 0 }");
    let err = evaluation.err().unwrap_or_else(|| panic!("no error"));
    assert_eq!(err.binding.as_deref(), Some("c = contoso.com"));
    assert_eq!(
        err.to_diagnostic().message,
        "rule `T1` could not be evaluated (for c = contoso.com): the product is out of range"
    );
}
