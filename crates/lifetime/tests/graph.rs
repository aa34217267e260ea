//! The object graph each step carries: the module's names, the objects alive with their
//! refcounts, the references between them, and which of them are in a cycle.

use lifetime::{ObjectView, Step};

const PRELUDE: &str = "import gc, weakref\n\nclass Node:\n    def __init__(self, name):\n        self.name = name\n\n";

fn steps(body: &str) -> Vec<Step> {
    let simulation = lifetime::simulate(&format!("{PRELUDE}{body}")).unwrap();
    assert_eq!(simulation.not_modelled, None);
    simulation.steps
}

fn object<'a>(step: &'a Step, label: &str) -> &'a ObjectView {
    step.objects.iter().find(|o| o.label == label).unwrap_or_else(|| panic!("no {label} in {:?}", step.objects))
}

fn labels(step: &Step) -> Vec<&str> {
    step.objects.iter().map(|o| o.label.as_str()).collect()
}

#[test]
fn a_simple_object_is_named_and_counted() {
    let steps = steps("a = Node('a')\n");
    let step = &steps[0];
    let a = object(step, "Node('a')");
    assert_eq!((a.class.as_str(), a.refcount, a.in_cycle, a.waiting_for_gc), ("Node", 1, false, false));
    assert_eq!(step.names.len(), 1);
    assert_eq!((step.names[0].name.as_str(), step.names[0].object), ("a", Some(a.id)));
    assert!(step.references.is_empty());
}

#[test]
fn a_name_of_a_plain_value_says_its_repr() {
    let steps = steps("n = 3\ns = 'x'\n");
    let values: Vec<(&str, Option<usize>, &str)> =
        steps[1].names.iter().map(|n| (n.name.as_str(), n.object, n.value.as_str())).collect();
    assert_eq!(values, [("n", None, "3"), ("s", None, "'x'")]);
}

#[test]
fn del_with_another_reference_alive_keeps_the_object() {
    let steps = steps("a = Node('a')\nb = a\ndel a\n");
    let after_b = object(&steps[1], "Node('a')");
    assert_eq!((after_b.refcount, after_b.referrers.clone()), (2, vec!["a".to_owned(), "b".to_owned()]));
    let after_del = object(&steps[2], "Node('a')");
    assert_eq!((after_del.refcount, after_del.referrers.clone()), (1, vec!["b".to_owned()]));
    let names: Vec<(&str, Option<usize>)> = steps[2].names.iter().map(|n| (n.name.as_str(), n.object)).collect();
    assert_eq!(names, [("b", Some(after_del.id))]);
}

#[test]
fn a_self_cycle_is_flagged_and_waits_for_the_collector_until_collected() {
    let steps = steps("a = Node('a')\na.me = a\ndel a\ngc.collect()\n");
    let linked = object(&steps[1], "Node('a')");
    assert!(linked.in_cycle && !linked.waiting_for_gc);
    assert_eq!(linked.refcount, 2);
    assert_eq!(steps[1].references.len(), 1);
    let reference = &steps[1].references[0];
    assert_eq!((reference.from, reference.to, reference.via.as_str()), (linked.id, linked.id, ".me"));
    let orphaned = object(&steps[2], "Node('a')");
    assert!(orphaned.in_cycle && orphaned.waiting_for_gc);
    assert_eq!((orphaned.refcount, orphaned.referrers.clone()), (1, vec!["Node('a').me".to_owned()]));
    assert!(steps[2].names.is_empty());
    assert!(labels(&steps[3]).is_empty(), "collected: {:?}", steps[3].objects);
    assert!(steps[3].references.is_empty());
}

#[test]
fn a_two_object_cycle_is_flagged_and_gone_after_gc_collect() {
    let steps = steps("a = Node('a')\nb = Node('b')\nc = Node('c')\na.other = b\nb.other = a\nc.next = a\ndel a, b\ngc.collect()\ndel c\ngc.collect()\n");
    let linked = &steps[4];
    assert!(object(linked, "Node('a')").in_cycle && object(linked, "Node('b')").in_cycle);
    assert!(!object(linked, "Node('c')").in_cycle, "c refers into the cycle but is not in it");
    let vias: Vec<&str> = linked.references.iter().map(|r| r.via.as_str()).collect();
    assert_eq!(vias, [".other", ".other"]);
    let c_held = &steps[6];
    assert!(!object(c_held, "Node('a')").waiting_for_gc, "c still reaches the cycle");
    assert_eq!(labels(&steps[7]), ["Node('a')", "Node('b')", "Node('c')"], "nothing unreachable yet");
    let orphaned = &steps[8];
    assert!(object(orphaned, "Node('a')").waiting_for_gc && object(orphaned, "Node('b')").waiting_for_gc);
    assert_eq!(labels(orphaned), ["Node('a')", "Node('b')"], "c was freed by its refcount");
    assert!(labels(&steps[9]).is_empty());
}

#[test]
fn a_list_holds_its_items_by_position() {
    let steps = steps("a = Node('a')\nkeep = [a, a]\n");
    let list = object(&steps[1], "list #1");
    let a = object(&steps[1], "Node('a')");
    let references: Vec<(usize, usize, &str)> =
        steps[1].references.iter().map(|r| (r.from, r.to, r.via.as_str())).collect();
    assert_eq!(references, [(list.id, a.id, "[0]"), (list.id, a.id, "[1]")]);
    assert_eq!(a.refcount, 3);
}

#[test]
fn a_60_statement_program_has_a_graph_at_every_step() {
    // `make bench` times this program on the page, keystroke to screen.
    let mut body = String::new();
    for i in 0..20 {
        body.push_str(&format!("n{i} = Node('n{i}')\nn{i}.me = n{i}\nprint('made', n{i}.name)\n"));
    }
    let code = format!("{PRELUDE}{body}");
    let simulation = lifetime::simulate(&code).unwrap();
    assert_eq!(simulation.steps.len(), 61);
    assert_eq!(simulation.steps[59].objects.len(), 20);
    assert!(simulation.steps[59].objects.iter().all(|o| o.in_cycle));
}

#[test]
fn a_weak_reference_is_an_object_of_its_own_and_no_referrer_of_its_target() {
    let steps = steps("a = Node('a')\nr = weakref.ref(a)\n");
    let step = steps.last().unwrap();
    let a = object(step, "Node('a')");
    assert_eq!((a.refcount, a.referrers.as_slice()), (1, ["a".to_owned()].as_slice()));
    let r = object(step, "weakref to Node('a')");
    assert_eq!((r.class.as_str(), r.refcount), ("weakref", 1));
    assert!(step.references.is_empty(), "{:?}", step.references);
}
