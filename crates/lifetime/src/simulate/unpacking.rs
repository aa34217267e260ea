//! A call's `*iterable` arguments, as CPython passes them (CALL_FUNCTION_EX): the positional
//! arguments go into a new list, each starred tuple or list extending it (and let go of once
//! it has), and the list becomes a tuple, which holds them until the call returns (up to 3.11)
//! or until the new frame has them (from 3.12). A lone starred tuple is passed as it is. Only
//! tuples and lists are followed, and only into the program's own functions and methods. A
//! `**dict` argument's entries join the call's keywords (DICT_MERGE copies them into the
//! keyword dict, then lets go of the dict).

use pysource::Expression;

use crate::world::Val;

use super::{Frame, Outcome, Run, Stop};

/// A call's positional arguments, each held as a temporary, and the tuple that passes them
/// when one is starred (a temporary too).
pub(super) struct Positional {
    pub values: Vec<Val>,
    pub tuple: Option<Val>,
}

impl Run<'_> {
    /// Evaluates a call's positional `args` after `values` (a method's instance).
    pub(super) fn positional(
        &mut self,
        mut values: Vec<Val>,
        args: &[(bool, &Expression)],
        frame: Frame,
    ) -> Outcome<Positional> {
        let mut spread = false;
        let mut lone_tuple = None;
        for &(starred, arg) in args {
            if !starred {
                values.push(self.eval(arg, frame)?);
                continue;
            }
            let sequence = self.eval(arg, frame)?;
            let Some(items) = ["tuple", "list"]
                .iter()
                .find_map(|class| self.container(&sequence, class))
                .and_then(|c| self.world.objs[c].items.clone())
            else {
                return Err(not_modelled!("unpacking {} into a call is not modelled", self.kind_name(&sequence)));
            };
            if args.len() == 1 && values.is_empty() && self.container(&sequence, "tuple").is_some() {
                lone_tuple = Some(sequence.clone());
            }
            for item in items {
                self.hold(&item);
                values.push(item);
            }
            if lone_tuple.is_none() {
                self.drop_temporary(&sequence)?;
            }
            spread = true;
        }
        let tuple = match (spread, lone_tuple) {
            (false, _) => None,
            (true, Some(tuple)) => Some(tuple),
            (true, None) => {
                let tuple = Val::Obj(self.new_container("tuple", values.clone())?);
                self.hold(&tuple);
                Some(tuple)
            }
        };
        Ok(Positional { values, tuple })
    }

    /// `**mapping` in a call: its entries join `keywords` (held, as the call's keyword dict
    /// holds them), and the mapping goes. Only a dict with string keys none of the others has
    /// is followed (else CPython's TypeError).
    pub(super) fn merge_keywords(
        &mut self,
        mapping: &Expression,
        keywords: &mut Vec<(String, Val)>,
        frame: Frame,
    ) -> Outcome<()> {
        let value = self.eval(mapping, frame)?;
        let Some(dict) = self.container(&value, "dict") else {
            return Err(not_modelled!("`**` of {} in a call is not modelled", self.kind_name(&value)));
        };
        let items = self.world.objs[dict].items.clone().unwrap_or_default();
        for entry in items.chunks(2) {
            let [Val::Str(name), item] = entry else {
                return Err("a `**` dict with a key that is not a string (TypeError) is not modelled".into());
            };
            if keywords.iter().any(|(given, _)| given == name) {
                return Err(not_modelled!("the keyword argument `{name}` given twice (TypeError) is not modelled"));
            }
            self.hold(item);
            keywords.push((name.clone(), item.clone()));
        }
        self.drop_temporary(&value)
    }
}
