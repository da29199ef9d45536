#!/bin/sh
# Are the tool's outputs byte-identical to another build's? (issue 16: a refactoring of the data plane changes no
# output.) Runs RunOutputs.java (minicluster run --json and grade --json over core-net's scenarios, the built-in
# labs' answers and the Gateway API conformance cases) with this working tree's tool and with the base build's,
# then diffs the two. Run from anywhere; inputs are always this working tree's.
#
#   labs/scripts/compare-outputs.sh [REF]          base: the tool built from git REF (default: where this branch
#                                                  left main, `git merge-base HEAD main`, so that what main gained
#                                                  since is not counted as this branch's change)
#   labs/scripts/compare-outputs.sh --base-jar JAR base: a minicluster.jar built before (e.g. saved from main)
#
# Exit status 0 when every output is identical, 1 with the differences (diff -ru) when not.
set -eu
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"; git worktree prune' EXIT

if [ "${1:-}" = "--base-jar" ]; then
    base_jar=$2
else
    ref=${1:-$(git merge-base HEAD main)}
    git worktree add --quiet --detach "$work/base" "$ref"
    (cd "$work/base" && mvn -B -q -o -pl labs -am package -DskipTests)
    base_jar=$work/base/labs/target/minicluster.jar
fi
mvn -B -q -o -pl labs -am package -DskipTests

java -cp "$base_jar" labs/scripts/RunOutputs.java "$work/before"
java -cp labs/target/minicluster.jar labs/scripts/RunOutputs.java "$work/after"
if diff -ru "$work/before" "$work/after"; then
    echo "identical: $(find "$work/after" -type f | wc -l) outputs"
else
    exit 1
fi
