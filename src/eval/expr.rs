//! Evaluating one expression in a frame.

use super::budget::{steps, Budget};
use super::ops;
use super::reuse::{Call, Kept};
use super::show::show;
use super::EvalError;
use crate::check::program::{
    Expr, ExprKind, FnIdx, Function, HoistIdx, Part, Program, Quantifier, Reuse, Slot, Template,
};
use crate::check::types::{EnumId, RecordId};
use crate::value::{
    child_path, index_path, merge_unknown, FactPath, Key, List, Map, Record, RecordAt, Value,
};
use chrono::{DateTime, FixedOffset};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

pub type Result<T> = std::result::Result<T, EvalError>;

/// What expressions read: the program, the facts and the time.
pub struct Context<'a> {
    pub program: &'a Program,
    pub root: &'a Arc<Record>,
    pub now: DateTime<FixedOffset>,
    pub consts: Vec<Value>,
    /// Steps and outcomes used so far: the whole evaluation of one facts file.
    pub budget: Budget,
    /// Values computed once and call results, reused for the rest of it.
    kept: Kept,
    /// The paths of the records bound so far that keep none spelt out (items
    /// of lists, see [`RecordAt`]), by the record's address (records are the
    /// facts', which outlive the evaluation: an address names one record):
    /// spelt out once, shared by every rule and outcome bound to the record.
    paths: RefCell<HashMap<usize, FactPath>>,
}

impl<'a> Context<'a> {
    pub fn new(
        program: &'a Program,
        root: &'a Arc<Record>,
        now: DateTime<FixedOffset>,
    ) -> Result<Context<'a>> {
        let budget = Budget::new(root, program.rules.len());
        let mut ctx = Context {
            program,
            root,
            now,
            consts: Vec::with_capacity(program.consts.len()),
            kept: Kept::new(program.hoisted, budget.facts()),
            budget,
            paths: RefCell::default(),
        };
        for c in &program.consts {
            let v = ctx.eval(c, &mut Vec::new())?;
            ctx.consts.push(v);
        }
        Ok(ctx)
    }

    /// Where record `r` of the facts sits, spelt out once per evaluation.
    pub fn record_path(&self, r: &Arc<Record>) -> FactPath {
        if let RecordAt::Path(path) = &r.at {
            return Arc::clone(path);
        }
        let key = Arc::as_ptr(r) as usize;
        let mut paths = self.paths.borrow_mut();
        Arc::clone(paths.entry(key).or_insert_with(|| r.path()))
    }

    /// Evaluate `e` with local variables in `frame`. An error names the innermost
    /// expression that failed.
    pub fn eval(&self, e: &Expr, frame: &mut Vec<Value>) -> Result<Value> {
        match e.reuse {
            Reuse::Once(index) => self.eval_once(index, e, frame),
            Reuse::Never | Reuse::ByArguments => {
                self.eval_kind(e, frame).map_err(|err| err.at(e.span))
            }
        }
    }

    /// A node whose value is the same wherever it is reached: computed the first
    /// time, then reused for a step.
    fn eval_once(&self, index: HoistIdx, e: &Expr, frame: &mut Vec<Value>) -> Result<Value> {
        if let Some(v) = self.kept.once(index).map_err(|err| err.at(e.span))? {
            self.budget.spend(1).map_err(|err| err.at(e.span))?;
            return Ok(v);
        }
        let v = self.eval_kind(e, frame).map_err(|err| err.at(e.span))?;
        self.kept.keep_once(index, &v);
        Ok(v)
    }

    fn eval_kind(&self, e: &Expr, frame: &mut Vec<Value>) -> Result<Value> {
        self.budget.spend(1)?;
        Ok(match &e.kind {
            ExprKind::Lit(v) => v.clone(),
            ExprKind::Now => Value::Time(self.now),
            // The checker gives roots, slots and constants their indexes, and the
            // loader lays the root out by the same schema.
            ExprKind::Root(i) => {
                let root = self.program.schema.root();
                self.read_field(self.root, root, *i)
                    .ok_or_else(|| EvalError::internal(format!("the facts lack root field {i}")))?
            }
            ExprKind::Local(slot) => frame.get(slot.index()).cloned().ok_or_else(|| {
                EvalError::internal(format!("no slot {} in the frame", slot.index()))
            })?,
            ExprKind::Const(i) => self.consts.get(i.0).cloned().ok_or_else(|| {
                EvalError::internal(format!("constant {} is not evaluated yet", i.0))
            })?,
            ExprKind::Field {
                base,
                record,
                field,
            } => self.field(base, *record, *field, frame)?,
            ExprKind::Index(base, key) => self.index(base, key, frame)?,
            ExprKind::Not(a) => match self.eval(a, frame)? {
                Value::Bool(b) => Value::Bool(!b),
                other => other,
            },
            ExprKind::Neg(a) => match self.eval(a, frame)? {
                Value::Int(n) => Value::Int(ops::in_range(n.checked_neg(), "the number")?),
                Value::Duration(n) => {
                    Value::Duration(ops::in_range(n.checked_neg(), "the duration")?)
                }
                other => other,
            },
            ExprKind::And(a, b) => self.and_or(false, a, b, frame)?,
            ExprKind::Or(a, b) => self.and_or(true, a, b, frame)?,
            ExprKind::Compare(op, a, b) => self.with_operands(a, b, frame, |x, y| {
                if x.is_unknown() || y.is_unknown() {
                    Ok(merge_unknown([x, y]))
                } else {
                    Ok(Value::Bool(ops::compare(*op, x, y)))
                }
            })?,
            ExprKind::Arith(op, a, b) => {
                let (x, y) = (self.eval(a, frame)?, self.eval(b, frame)?);
                if x.is_unknown() || y.is_unknown() {
                    merge_unknown([&x, &y])
                } else {
                    if let (Value::Str(a), Value::Str(b)) = (&x, &y) {
                        self.budget.string(a.len().saturating_add(b.len()))?;
                    }
                    ops::arithmetic(*op, &x, &y)?
                }
            }
            ExprKind::StrTest(test, a, b) => {
                self.with_operands(a, b, frame, |x, y| match (x, y) {
                    (Value::Str(x), Value::Str(y)) => {
                        self.budget.string(x.len().saturating_add(y.len()))?;
                        Ok(Value::Bool(ops::string_test(*test, x, y)))
                    }
                    (x, y) => Ok(merge_unknown([x, y])),
                })?
            }
            ExprKind::In {
                negated,
                elem,
                coll,
            } => match self.member(elem, coll, frame)? {
                Value::Bool(b) => Value::Bool(b != *negated),
                other => other,
            },
            ExprKind::Quant {
                kind,
                slot,
                source,
                cond,
                ..
            } => self.quantifier(*kind, *slot, source, cond, frame)?,
            ExprKind::Lambda {
                method,
                slot,
                source,
                body,
            } => self.lambda(*method, *slot, source, body, frame)?,
            ExprKind::Builtin(b, args) => self.builtin(*b, args, frame)?,
            ExprKind::Call(f, args) => {
                let memoized = e.reuse == Reuse::ByArguments;
                self.call(*f, args, frame, memoized)
                    .map_err(|err| err.called_at(e.span))?
            }
            ExprKind::If(c, t, f) => match self.eval(c, frame)? {
                Value::Bool(true) => self.eval(t, frame)?,
                Value::Bool(false) => self.eval(f, frame)?,
                other => other,
            },
            ExprKind::List(items) => {
                let items = items
                    .iter()
                    .map(|i| self.eval(i, frame))
                    .collect::<Result<Vec<_>>>()?;
                Value::list(items)
            }
            ExprKind::Map(entries) => {
                let mut map = Map::default();
                for (k, v) in entries {
                    map.entries.insert(k.clone(), self.eval(v, frame)?);
                }
                Value::Map(Arc::new(map))
            }
            ExprKind::Template(t) => Value::Str(Arc::from(self.render(t, frame)?)),
            ExprKind::EnumName(e, id) => {
                let v = self.eval(e, frame)?;
                if let Value::List(list) = &v {
                    self.budget.spend(steps(list.items.len()))?;
                }
                self.enum_name(v, *id)?
            }
        })
    }

    fn enum_name(&self, v: Value, id: EnumId) -> Result<Value> {
        Ok(match v {
            Value::Enum(i) => match self.program.schema.enum_value(id, i) {
                Some(name) => Value::str(name),
                None => return Err(EvalError::internal(format!("enum value {i} out of range"))),
            },
            Value::List(list) => Value::List(Arc::new(List {
                path: list.path.clone(),
                items: list
                    .items
                    .iter()
                    .map(|i| self.enum_name(i.clone(), id))
                    .collect::<Result<_>>()?,
            })),
            other => other,
        })
    }

    /// Render a message or remediation template.
    pub fn render(&self, t: &Template, frame: &mut Vec<Value>) -> Result<String> {
        let mut out = String::new();
        for part in &t.parts {
            match part {
                Part::Text(s) => out.push_str(s),
                Part::Value(e) => {
                    let v = self.eval(e, frame)?;
                    if let Value::List(list) = &v {
                        self.budget.spend(steps(list.items.len()))?;
                    }
                    out.push_str(&show(&self.program.schema, &e.ty, &v));
                }
            }
            self.budget.string(out.len())?;
        }
        Ok(out)
    }

    /// A value that is already stored somewhere (a local, a fact, a constant, a
    /// field of one of those), borrowed instead of evaluated: reading
    /// `e.message` then needs no reference count on `e`.
    fn place<'v>(&'v self, e: &Expr, frame: &'v [Value]) -> Option<&'v Value> {
        match &e.kind {
            ExprKind::Local(slot) => frame.get(slot.index()),
            // An absent field is no place: reading it spells out its path.
            ExprKind::Root(i) => self.root.fields.get(*i as usize).filter(|v| !v.is_absent()),
            ExprKind::Const(i) => self.consts.get(i.0),
            ExprKind::Field { base, field, .. } => match self.place(base, frame)? {
                Value::Record(r) => r.fields.get(*field as usize).filter(|v| !v.is_absent()),
                _ => None,
            },
            _ => None,
        }
    }

    /// Run `f` on the values of two operands, borrowing those that are places.
    fn with_operands(
        &self,
        a: &Expr,
        b: &Expr,
        frame: &mut Vec<Value>,
        f: impl FnOnce(&Value, &Value) -> Result<Value>,
    ) -> Result<Value> {
        let (a_owned, b_owned) = (self.unless_place(a, frame)?, self.unless_place(b, frame)?);
        let x = a_owned.as_ref().or_else(|| self.place(a, frame));
        let y = b_owned.as_ref().or_else(|| self.place(b, frame));
        match (x, y) {
            (Some(x), Some(y)) => f(x, y),
            _ => Err(EvalError::new("an operand could not be read".to_string())),
        }
    }

    /// The value of `e`, or `None` when it is a place (borrow it instead).
    fn unless_place(&self, e: &Expr, frame: &mut Vec<Value>) -> Result<Option<Value>> {
        if self.place(e, frame).is_some() {
            return Ok(None);
        }
        self.eval(e, frame).map(Some)
    }

    fn field(
        &self,
        base: &Expr,
        record: RecordId,
        field: u32,
        frame: &mut Vec<Value>,
    ) -> Result<Value> {
        if let Some(Value::Record(r)) = self.place(base, frame) {
            if let Some(value) = self.read_field(r, record, field) {
                return Ok(value);
            }
        }
        Ok(match self.eval(base, frame)? {
            Value::Record(r) => self.read_field(&r, record, field).ok_or_else(|| {
                // Records are laid out by the schema the checker typed this with.
                let record = self.program.schema.record_name(record);
                EvalError::internal(format!("a {record} record lacks field {field}"))
            })?,
            other => other,
        })
    }

    /// Field `field` of `r`, a `record`: see [`Record::read`].
    fn read_field(&self, r: &Record, record: RecordId, field: u32) -> Option<Value> {
        let value = r.fields.get(field as usize)?;
        if !value.is_absent() {
            return Some(value.clone());
        }
        let name = &self.program.schema.field(record, field)?.name;
        r.read(field as usize, name)
    }

    fn index(&self, base: &Expr, key: &Expr, frame: &mut Vec<Value>) -> Result<Value> {
        let (b, k) = (self.eval(base, frame)?, self.eval(key, frame)?);
        Ok(match (&b, &k) {
            (Value::List(list), Value::Int(i)) => {
                let found = usize::try_from(*i).ok().and_then(|i| list.items.get(i));
                match found {
                    Some(v) => v.clone(),
                    None => Value::unknown(index_path(
                        list.path.as_deref().unwrap_or("list"),
                        usize::try_from(*i).unwrap_or(0),
                    )),
                }
            }
            (Value::Map(map), key) => {
                let Some(key) = Key::of(key) else {
                    return Ok(merge_unknown([&b, &k]));
                };
                match map.entries.get(&key) {
                    Some(v) => v.clone(),
                    None => {
                        let name = match &key {
                            Key::Str(s) => s.to_string(),
                            Key::Enum(i) => i.to_string(),
                        };
                        Value::unknown(child_path(map.path.as_deref().unwrap_or("map"), &name))
                    }
                }
            }
            _ => merge_unknown([&b, &k]),
        })
    }

    /// `a and b` (`decisive` false) or `a or b` (`decisive` true): either side
    /// being `decisive` decides, even when the other is unknown; otherwise the
    /// result is unknown unless both sides are known.
    fn and_or(&self, decisive: bool, a: &Expr, b: &Expr, frame: &mut Vec<Value>) -> Result<Value> {
        let x = self.eval(a, frame)?;
        if matches!(x, Value::Bool(b) if b == decisive) {
            return Ok(x);
        }
        let y = self.eval(b, frame)?;
        Ok(match (&x, &y) {
            (_, Value::Bool(b)) if *b == decisive => y,
            (Value::Bool(_), Value::Bool(_)) => y,
            _ => merge_unknown([&x, &y]),
        })
    }

    fn member(&self, elem: &Expr, coll: &Expr, frame: &mut Vec<Value>) -> Result<Value> {
        let (e, c) = (self.eval(elem, frame)?, self.eval(coll, frame)?);
        if e.is_unknown() || c.is_unknown() {
            return Ok(merge_unknown([&e, &c]));
        }
        Ok(Value::Bool(match &c {
            Value::List(list) => list.items.iter().any(|i| ops::equal(i, &e)),
            Value::Map(map) => Key::of(&e).is_some_and(|key| map.entries.contains_key(&key)),
            _ => false,
        }))
    }

    pub(super) fn set(frame: &mut Vec<Value>, slot: Slot, value: Value) {
        let slot = slot.index();
        if frame.len() <= slot {
            frame.resize(slot + 1, Value::Bool(false));
        }
        if let Some(s) = frame.get_mut(slot) {
            *s = value;
        }
    }

    fn quantifier(
        &self,
        kind: Quantifier,
        slot: Slot,
        source: &Expr,
        cond: &Expr,
        frame: &mut Vec<Value>,
    ) -> Result<Value> {
        let list = match self.eval(source, frame)? {
            Value::List(list) => list,
            other => return Ok(other),
        };
        let mut unknown: Vec<Value> = Vec::new();
        let mut count: i64 = 0;
        for item in &list.items {
            Self::set(frame, slot, item.clone());
            match self.eval(cond, frame)? {
                Value::Bool(true) => match kind {
                    Quantifier::Any => return Ok(Value::Bool(true)),
                    Quantifier::None => return Ok(Value::Bool(false)),
                    Quantifier::Count => count = count.saturating_add(1),
                    Quantifier::All => {}
                },
                Value::Bool(false) => {
                    if kind == Quantifier::All {
                        return Ok(Value::Bool(false));
                    }
                }
                other => unknown.push(other),
            }
        }
        if !unknown.is_empty() {
            let paths = unknown.iter().map(|u| u.unknown_paths().len()).sum();
            self.budget.spend(steps(paths))?;
            return Ok(merge_unknown(unknown.iter()));
        }
        Ok(match kind {
            Quantifier::Any => Value::Bool(false),
            Quantifier::None | Quantifier::All => Value::Bool(true),
            Quantifier::Count => Value::Int(count),
        })
    }

    /// Call helper `index`; with `memoized`, its result is kept by the argument
    /// values and reused for the same ones.
    fn call(
        &self,
        index: FnIdx,
        args: &[Expr],
        frame: &mut Vec<Value>,
        memoized: bool,
    ) -> Result<Value> {
        let Some(Function {
            params,
            slots,
            body,
            ..
        }) = self.program.functions.get(index.0)
        else {
            return Err(EvalError::internal(format!("no helper {}", index.0)));
        };
        if !memoized {
            let mut inner = vec![Value::Bool(false); *slots as usize];
            for (slot, arg) in params.iter().zip(args) {
                let v = self.eval(arg, frame)?;
                Self::set(&mut inner, *slot, v);
            }
            return self.eval(body, &mut inner);
        }
        let call = Call {
            function: index,
            args: args
                .iter()
                .map(|arg| self.eval(arg, frame))
                .collect::<Result<_>>()?,
        };
        if let Some(v) = self.kept.call(&call, &self.budget)? {
            return Ok(v);
        }
        let mut inner = vec![Value::Bool(false); *slots as usize];
        for (slot, arg) in params.iter().zip(call.args.iter()) {
            Self::set(&mut inner, *slot, arg.clone());
        }
        let v = self.eval(body, &mut inner)?;
        self.kept.keep_call(call, &v);
        Ok(v)
    }
}
