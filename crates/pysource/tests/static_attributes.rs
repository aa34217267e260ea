//! `__static_attributes__` as CPython 3.13's compiler makes it (checked there).

#[test]
fn the_names_stored_through_self_in_the_class_body_sorted() {
    let code = "class A:\n    x = 1\n    def __init__(self, other):\n        self.b = 1\n        self.a: int = 2\n        self.c: int\n        self.d += 1\n        other.e = 3\n        (self.f, [self.g, *self.h]) = 1, [2, 3]\n        for self.i in []: pass\n        with open() as self.j: pass\n        del self.k\n        def inner():\n            self.l = 1\n        lambda: setattr(self, 'm', 1)\n        class Nested:\n            def __init__(self):\n                self.n = 1\n        [self.o for self.p in range(2)]\n    def other(me):\n        me.q = 1\n        self.r = 2\n    def __private(self):\n        self.__t = 1\n";
    let classes = pysource::Source::parse(code).unwrap().static_attributes();
    assert_eq!(classes["A"], ["__t", "a", "b", "f", "g", "h", "i", "j", "l", "p", "r"]);
}
