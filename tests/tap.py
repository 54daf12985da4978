"""tap — the "ok N - ..." / "not ok N - ..." lines of the end-to-end scripts.

tests/run-tests.sh counts these lines; a failure's detail follows it as '#' comments.

    from tap import ok
    ok(value == 42, "the answer", "got %r" % value)
    ...
    return tap.finish()      # prints "1..N"; 1 when a check failed, else 0
"""

count = 0
failures = 0


def ok(cond, what, detail=""):
    """One TAP line; detail (any text) goes below a failure as '#' comments."""
    global count, failures
    count += 1
    if cond:
        print("ok %d - %s" % (count, what))
    else:
        failures += 1
        print("not ok %d - %s" % (count, what))
        for line in str(detail).splitlines():
            print("    # %s" % line)
    return bool(cond)


def finish():
    """Prints the plan line; the exit status for the script."""
    print("1..%d" % count)
    return 1 if failures else 0
