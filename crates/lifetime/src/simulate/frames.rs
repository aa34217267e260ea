//! Frame objects that a kept exception's traceback holds, as CPython 3.11 to 3.14 keep them.
//!
//! An exception raised in (or passing through) a function's frame gets a traceback entry for
//! it, which holds the frame object (`tb_frame`). When the exception outlives its handler
//! there (`error = e`, `errors.append(e)`, `return e`), the frame object outlives the call: at
//! the function's return, the frame object takes ownership of its locals as they are then
//! (`take_ownership`), and links its caller's frame object (`f_back`), which in turn keeps its
//! locals when its function returns. The running frame holds its frame object too, as the
//! entry [`FRAME_OBJECT`] among its locals; one that nothing else holds at the return goes
//! with nothing in it.
//!
//! `__exit__` may keep the traceback it is given (`self.tb = tb`) without the exception. The
//! traceback then becomes an object ([`TRACEBACK`]) that the exception holds as its
//! `__traceback__` and the place that kept it holds too: it takes the frames the exception left
//! and, in a function, the running frame's object (`tb_frame`), which keeps that function's
//! locals after it returns (or after the exception, let through, leaves it: the traceback the
//! exception leaves with is that one), and lets go of them innermost first when it goes.

use crate::world::{referents, Holder, Obj, Val, FRAME, FRAME_BACK, FRAME_FUNCTION, TB_FRAME, TRACEBACK};

use super::{generators, Outcome, Run, Stop};

/// The running frame's entry that holds its frame object, once one was made.
pub(super) const FRAME_OBJECT: &str = "(its frame object)";

/// What an exception's `with_traceback` is bound as.
pub(super) const WITH_TRACEBACK: &str = "BaseException.with_traceback";

/// A frame's locals (and stack entries, named ""), by name.
type Locals = Vec<(String, Val)>;

impl Run<'_> {
    /// After the handler of `exception` ended inside a function: if anything but the thread
    /// and other exceptions holds it, its traceback keeps the running frame's object, and so
    /// do the traceback of each exception in its cause and context chain handled in this call.
    pub(super) fn kept_after_handler(&mut self, exception: usize) -> Outcome<()> {
        if self.world.objs[exception].freed || self.locals.is_empty() {
            return Ok(());
        }
        let holders = &self.world.all_holders()[exception];
        if holders.iter().all(|h| matches!(h, Holder::Raised | Holder::Exception(..))) {
            return Ok(());
        }
        let label = self.world.objs[exception].label.clone();
        self.frame_can_be_kept(&label)?;
        let call = self.calls.last().copied();
        let mut chain = vec![exception];
        let mut next = vec![exception];
        while let Some(current) = next.pop() {
            let Some(state) = &self.world.objs[current].exception else { continue };
            for linked in state.cause.iter().chain(&state.context).filter_map(referents) {
                let handled_here = self.world.objs[linked].exception.as_ref().is_some_and(|e| e.handled_in == call);
                if handled_here && !chain.contains(&linked) {
                    chain.push(linked);
                    next.push(linked);
                }
            }
        }
        if let Some(&other) = chain.iter().find(|&&obj| self.frames_shared(obj)) {
            return Err(not_modelled!(
                "{label} kept after its handler, whose traceback holds frames shared with another exception's ({}), is not modelled",
                self.world.objs[other].label
            ));
        }
        let (index, _, _, qualname) = self.locals.last().cloned().unwrap_or_default();
        let frame = self.frame_object(index, &qualname, false)?;
        for obj in chain {
            if let Some(state) = self.world.objs[obj].exception.as_mut() {
                if state.frame.is_none() && !state.traceback_cleared {
                    state.frame = Some(Val::Obj(frame));
                }
            }
        }
        Ok(())
    }

    /// `exit` kept `argument`, the traceback of `exception`, which its `with` body raised: the
    /// traceback becomes an object that takes the exception's frames and, in a function, the
    /// running frame's object, and that each place which kept the argument holds instead.
    pub(super) fn traceback_kept(&mut self, exception: usize, argument: &Val, exit: &str) -> Outcome<()> {
        let label = self.world.objs[exception].label.clone();
        let Some(state) = &self.world.objs[exception].exception else {
            return Err("a traceback of a non-exception".into());
        };
        if state.cause.is_some() || state.context.is_some() || self.frames_shared(exception) {
            return Err(not_modelled!(
                "`{exit}` keeping the traceback of {label}, chained to another exception (whose traceback may share its frames), is not modelled"
            ));
        }
        if state.frame.is_some() || state.traceback_cleared || self.module.class(TRACEBACK).is_some() {
            return Err(not_modelled!("`{exit}` keeping the traceback of {label} here is not modelled"));
        }
        let frame = match self.locals.last().cloned() {
            Some((index, _, _, qualname)) => {
                self.frame_can_be_kept(&label)?;
                Some(self.frame_object(index, &qualname, true)?)
            }
            None => None,
        };
        let Some(state) = self.world.objs[exception].exception.as_mut() else { return Ok(()) };
        let mut held: Locals = std::mem::take(&mut state.frames)
            .into_iter()
            .flat_map(|(function, locals)| {
                locals.into_iter().map(move |(name, v)| (format!("({function}'s local {name})"), v))
            })
            .collect();
        held.extend(frame.map(|frame| (TB_FRAME.to_owned(), Val::Obj(frame))));
        // The traceback was made as the exception was raised, before `__exit__` was called.
        let traceback = self.add_object(Obj::new(TRACEBACK, format!("the traceback of {label}"), held))?;
        if let Some(state) = self.world.objs[exception].exception.as_mut() {
            state.frame = Some(Val::Obj(traceback));
        }
        self.world.replace_stored(argument, &Val::Obj(traceback));
        self.events.push(format!("`{exit}` keeps the traceback of {label}"));
        Ok(())
    }

    /// Whether the traceback of `exception` shares frames with another exception's: one
    /// whose frames it keeps, or which keeps its frames (`frames_to`).
    fn frames_shared(&self, exception: usize) -> bool {
        self.world.objs[exception].exception.as_ref().is_some_and(|e| e.frames_to.is_some())
            || self
                .world
                .objs
                .iter()
                .any(|o| !o.freed && o.exception.as_ref().is_some_and(|e| e.frames_to == Some(exception)))
    }

    /// Declines keeping a frame whose `f_back` chain passes through a frame the model does
    /// not follow as CPython has it: a generator's, a comprehension's (a function of its own on
    /// 3.11), one the `dataclasses` or `weakref` modules' Python code (or at exit the page's
    /// probe) runs, or one that is being cleared (a `__del__` or a callback running while an
    /// object goes).
    fn frame_can_be_kept(&self, label: &str) -> Outcome<()> {
        let generator = self
            .locals
            .iter()
            .find(|(.., qualname)| self.body(qualname).is_some_and(generators::is_generator_function));
        let dataclass_init = self
            .locals
            .iter()
            .find(|(.., qualname)| self.dataclasses.iter().any(|c| *qualname == format!("{}.__init__", c.name)));
        let running = match (generator, dataclass_init) {
            (Some((.., qualname)), _) => format!("the generator `{qualname}`"),
            (None, Some((.., qualname))) => format!("a dataclass's `{qualname}`"),
            _ if !self.scopes.is_empty() => "a comprehension".to_owned(),
            _ if !self.repr_guard.is_empty() => "a dataclass's generated `__repr__`".to_owned(),
            _ if self.hidden_callers > 0 => "a `weakref.finalize` callback or the interpreter's exit".to_owned(),
            _ if self.deallocating > 0 => "an object's deallocation (a `__del__` or a callback)".to_owned(),
            _ if self.module.class(FRAME).is_some() => {
                return Err(not_modelled!(
                    "{label} kept after its handler, in a program with a class `frame`, is not modelled"
                ))
            }
            _ => return Ok(()),
        };
        Err(not_modelled!(
            "{label} kept after its handler inside a function while {running} runs (its traceback keeps the frames it was called through) is not modelled"
        ))
    }

    /// The frame object of the running frame at `index` (of the function `qualname`), made
    /// the first time it is asked for: now (an allocation), or with `made_before` when a
    /// traceback was, which the model makes an object of only later.
    fn frame_object(&mut self, index: usize, qualname: &str, made_before: bool) -> Outcome<usize> {
        let existing = self.world.frames[index].iter().find(|(name, _)| name == FRAME_OBJECT);
        if let Some((_, Val::Obj(frame))) = existing {
            return Ok(*frame);
        }
        let frame = Obj::new(FRAME, format!("{qualname}'s frame"), Vec::new());
        let frame = if made_before { self.add_object(frame)? } else { self.new_object(frame)? };
        self.world.frames[index].push((FRAME_OBJECT.to_owned(), Val::Obj(frame)));
        Ok(frame)
    }

    /// A returning function's frame object, taken out of its `locals`: one that nothing else
    /// holds goes, empty. Else it takes ownership of the locals, in the order the frame lets go
    /// of them (`function`, the nested function's object, first), and of its caller's frame
    /// object; the function's result and stack stay in `locals` for the caller. Left by an
    /// exception, whose traceback (that of `keeper`, see [`Run::frame_keeper`]) holds the frame
    /// object too, it does so only where that traceback is one `__exit__` kept (the frame
    /// object is its `tb_frame`), and is declined otherwise. True where the frame object took
    /// the locals.
    pub(super) fn frame_returned(
        &mut self,
        locals: &mut Locals,
        in_order: &dyn Fn(Locals) -> Locals,
        function: Option<&Val>,
        keeper: Option<usize>,
    ) -> Outcome<bool> {
        let Some(position) = locals.iter().position(|(name, _)| name == FRAME_OBJECT) else { return Ok(false) };
        let Val::Obj(frame) = locals.remove(position).1 else { return Ok(false) };
        if !self.world.is_held(frame) {
            self.world.objs[frame].freed = true;
            return Ok(false);
        }
        let label = self.world.objs[frame].label.clone();
        if keeper.is_some_and(|exception| !self.kept_traceback_frame(exception, frame)) {
            return Err(not_modelled!(
                "{label}, which a kept traceback holds, left by an exception (whose traceback would hold it too) is not modelled"
            ));
        }
        let (stack, kept): (Vec<_>, Vec<_>) =
            std::mem::take(locals).into_iter().partition(|(name, _)| name.is_empty() || name == "return");
        let mut kept = in_order(kept);
        if let Some(function) = function {
            kept.insert(0, (FRAME_FUNCTION.to_owned(), function.clone()));
        }
        self.events.push(format!("{label} keeps the locals of the returning call"));
        self.world.objs[frame].attrs = kept;
        let Some((index, _, _, qualname)) = self.locals.last().cloned() else {
            *locals = stack;
            return Ok(true);
        };
        // The result is the interpreter's while the caller's frame object is made.
        self.world.frames.push(stack);
        let back = self.frame_object(index, &qualname, false);
        *locals = self.world.frames.pop().unwrap_or_default();
        self.world.objs[frame].attrs.push((FRAME_BACK.to_owned(), Val::Obj(back?)));
        Ok(true)
    }

    /// Whether `frame` is the `tb_frame` of the traceback `__exit__` kept of `exception`: the
    /// traceback the exception leaves the frame with, which holds the frame object once.
    fn kept_traceback_frame(&self, exception: usize, frame: usize) -> bool {
        let state = self.world.objs[exception].exception.as_ref();
        let Some(Val::Obj(traceback)) = state.and_then(|e| e.frame.as_ref()) else { return false };
        let traceback = &self.world.objs[*traceback];
        traceback.class == TRACEBACK && traceback.attrs.contains(&(TB_FRAME.to_owned(), Val::Obj(frame)))
    }

    /// `exception.with_traceback(None)`: [`Run::clear_traceback`], and the exception back, held
    /// as a temporary.
    pub(super) fn with_traceback(&mut self, exception: usize, args: &[Val]) -> Outcome<Val> {
        if args != [Val::None] {
            return Err(not_modelled!("`with_traceback` with other than None is not modelled"));
        }
        self.clear_traceback(exception)?;
        let result = Val::Obj(exception);
        self.hold(&result);
        Ok(result)
    }

    /// `exception.__traceback__ = None`: the traceback goes, innermost frame first, then the
    /// frame it was handled in. An exception whose frames another exception's traceback
    /// shares is declined.
    pub(super) fn clear_traceback(&mut self, exception: usize) -> Outcome<()> {
        if self.frames_shared(exception) {
            return Err(not_modelled!(
                "clearing the traceback of {}, whose frames another exception's traceback shares, is not modelled",
                self.world.objs[exception].label
            ));
        }
        let Some(state) = self.world.objs[exception].exception.as_mut() else { return Ok(()) };
        state.traceback_cleared = true;
        let mut held: Locals = std::mem::take(&mut state.frames).into_iter().flat_map(|(_, l)| l).collect();
        held.extend(state.frame.take().map(|frame| (String::new(), frame)));
        self.release_in_turn(held)
    }
}
