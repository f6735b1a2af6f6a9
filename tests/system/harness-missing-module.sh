#!/bin/bash
# sandbox: host
#
# A broken sandbox must fail loudly.  Runs harness.sh in a sandbox whose
# module list lacks cls_flower and checks that the run fails, that the
# failure is the test's (not a crash of the sandbox), and that the output
# carries the kernel's own explanation.  This also proves that the
# runner's "no module loading after setup" rule holds: without it the
# kernel would quietly load cls_flower on demand and harness.sh would pass.
. "$SRCDIR/tests/system/lib.sh"

# In native mode the host kernel may have cls_flower loaded already, and
# nothing can take it away, so this check needs the UML kernel.
command -v linux.uml > /dev/null || skip "needs linux.uml"
export SANDBOX=uml

modules=()
while read -r line; do
    line=${line%%#*}
    for m in $line; do
        if [[ $m != cls_flower ]]; then
            modules+=("$m")
        fi
    done
done < "$SRCDIR/tests/sandbox/modules"
(( ${#modules[@]} > 0 )) || fail "empty module list"

step "harness.sh without cls_flower (must fail)"
rc=0
output=$("$SRCDIR/tests/sandbox/sandbox-run" --modules "${modules[*]}" \
             --name harness-no-flower --timeout 120 \
             "$SRCDIR/tests/system/harness.sh" 2>&1) || rc=$?
sed 's/^/    | /' <<< "$output"

# The runner keeps the work directory of a failed run; this failure was
# wanted, so remove it.
kept=$(sed -n 's/^sandbox-run: kept //p' <<< "$output")
if [[ -n $kept && -d $kept && $kept == "$BUILDDIR"/tests/sandbox/work/* ]]
then
    rm -rf -- "$kept"
fi

step "checks"
(( rc != 0 )) || fail "harness.sh passed although cls_flower was missing"
(( rc != 124 )) || fail "the sandbox timed out instead of failing"
(( rc != 125 )) || fail "the sandbox itself failed, not the test"
assert_eq 1 "$rc" "exit status of harness.sh"
# iproute2's report of the kernel's extended ack.
assert_match 'TC classifier not found' "$output" "tc's error message"
assert_match 'the kernel refused a flower filter' "$output" \
    "the scenario's own message"
echo "harness.sh failed as it should, for the right reason"
