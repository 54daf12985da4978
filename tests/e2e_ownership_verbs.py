#!/usr/bin/python3
"""e2e_ownership_verbs — ownership verbs mean one thing (issue 8), checked on the code.

    /usr/bin/python3 tests/e2e_ownership_verbs.py

The rule (README, "Where the code is"):
- `X_init(&x)` / `X_clear(&x)` for caller-owned storage: clear releases what x holds,
  never x itself;
- `X_new(...)` returns a pointer, `X_free(p)` releases p's contents and p.

Every function defined in src/ and tests/ (test cases excepted) whose name ends in
_free, _clear, _new or _init is read from its definition to its closing brace:
- an `_free(T *p, ...)` must pass p to free() (or to another `_free`, or free an alias
  `U *q = (U *)p`): one that only empties *p is a clear on caller storage;
- a `_clear(T *p, ...)` must not free p: that would be a heap object's free;
- an `_new(...)` returns a pointer; an `_init(...)` does not (allocating is `_new`).
A self-test first runs the same check on small examples that break each point, so the
check is known to be able to fail.
"""

import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import tap  # noqa: E402
from tap import ok  # noqa: E402

# A definition's first line: the return type and the name at column 0, the parameters
# starting on the same line, no ';' at the end (that would be a prototype).
DEFINITION = re.compile(
    r"^(?P<type>(?:[A-Za-z_]\w*[ \t\*]+)+?)(?P<name>\w+_(?P<verb>free|clear|new|init))"
    r"\s*\((?P<params>[^)]*)\)?[^;]*$")


def first_parameter(params):
    """(name, is_pointer) of the first parameter; (None, False) for none or void."""
    first = params.split(",")[0].strip()
    if first in ("", "void"):
        return None, False
    match = re.search(r"(\w+)\s*(\[\s*\])?\s*$", first)
    if not match:
        return None, False
    return match.group(1), "*" in first or match.group(2) is not None


def definitions(text):
    """Yields (line number, return type, name, verb, params, body) of each definition."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = DEFINITION.match(lines[i])
        if match and not lines[i].startswith(("return", "else", "typedef")):
            start = i
            while i < len(lines) and not lines[i].startswith("}"):
                i += 1
            body = "\n".join(lines[start:i + 1])
            if "{" in body:
                yield (start + 1, match.group("type"), match.group("name"),
                       match.group("verb"), match.group("params"), body)
        i += 1


def frees(body, var):
    """Does body give var (or an alias cast from it) back to the allocator?"""
    names = {var}
    for alias in re.finditer(r"\*\s*(\w+)\s*=\s*\([\w\s]+\*\)\s*%s\s*;" % re.escape(var), body):
        names.add(alias.group(1))
    return any(re.search(r"\b(free|\w+_free)\(\s*%s\s*[,)]" % re.escape(n), body)
               for n in names)


def problems(text, where):
    """The broken rules of one file's text, as messages."""
    found = []
    for line, rtype, name, verb, params, body in definitions(text):
        if name.startswith("test_"):
            continue       # a cmocka test case named after what it tests
        var, pointer = first_parameter(params)
        at = "%s:%d: %s" % (where, line, name)
        if verb == "free":
            if not (var and pointer):
                found.append("%s frees no object of its own: a clear of static or caller "
                             "storage" % at)
            elif not frees(body, var):
                found.append("%s releases what *%s holds but not %s: caller storage, "
                             "so a _clear" % (at, var, var))
        elif verb == "clear":
            if var and frees(body, var):
                found.append("%s frees %s itself: a heap object, so a _free" % (at, var))
        elif verb == "new":
            if "*" not in rtype:
                found.append("%s returns no pointer: an _init of caller storage" % at)
        elif verb == "init":
            if "*" in rtype:
                found.append("%s returns a pointer: an allocating _new" % at)
    return found


def self_test():
    """The check catches each broken rule and accepts each kept one."""
    bad = """
void thing_free(thing *t)
{
    free(t->items);
    memset(t, 0, sizeof *t);
}

static void pool_free(void)
{
    free(pool);
}

void box_clear(box *b)
{
    mpq_clear(b->value);
    free(b);
}

static int counter_new(counter *c)
{
    c->n = 0;
    return 0;
}

table *table_init(size_t n)
{
    return calloc(n, sizeof(table));
}
"""
    good = """
void thing_clear(thing *t)
{
    free(t->items);
    memset(t, 0, sizeof *t);
}

void box_free(box *b)
{
    if (!b)
        return;
    mpq_clear(b->value);
    free(b);
}

void owner_free(results *r)
{
    results_owner *owner = (results_owner *)r;
    free(owner);
}

void rows_free(row *rows, size_t n)
{
    row_list_free(rows, n);
}

table *table_new(size_t n)
{
    return calloc(n, sizeof(table));
}

static void test_table_init_free(void **state)
{
    (void)state;
}
"""
    caught = problems(bad, "bad.c")
    names = ["thing_free", "pool_free", "box_clear", "counter_new", "table_init"]
    ok(all(any(": %s " % n in p for p in caught) for n in names) and len(caught) == len(names),
       "the check finds each broken rule in examples",
       "\n".join(caught))
    ok(problems(good, "good.c") == [], "the check accepts the kept rules",
       "\n".join(problems(good, "good.c")))


def main():
    self_test()
    sources = sorted(glob.glob(os.path.join(ROOT, "src", "**", "*.c"), recursive=True)
                     + glob.glob(os.path.join(ROOT, "tests", "*.[ch]"))
                     + glob.glob(os.path.join(ROOT, "tests", "*", "*.[ch]")))
    checked = 0
    found = []
    for path in sources:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        checked += sum(1 for _ in definitions(text))
        found += problems(text, os.path.relpath(path, ROOT))
    ok(checked >= 40, "init/clear/new/free functions found in the sources (%d)" % checked)
    ok(not found, "every init/clear/new/free does what its verb says", "\n".join(found))
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
