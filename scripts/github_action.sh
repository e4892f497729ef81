#!/usr/bin/env bash
# The step of action.yml that runs factcheck; its inputs come as FC_* environment
# variables. Writes exit-code=N to $GITHUB_OUTPUT and exits with factcheck's code.
set -uo pipefail
args=(check --format "${FC_FORMAT:-github}" --fail-on "${FC_FAIL_ON:-error}")
if [ -n "${FC_OUTPUT:-}" ]; then args+=(--output "$FC_OUTPUT"); fi
if [ -n "${FC_BASELINE:-}" ]; then args+=(--baseline "$FC_BASELINE"); fi
if [ -n "${FC_CHANGED_SINCE:-}" ]; then
  # changes of this branch only: compare with the merge base, not the tip of the base branch
  base=$(git merge-base --end-of-options "$FC_CHANGED_SINCE" HEAD 2>/dev/null) || base="$FC_CHANGED_SINCE"
  args+=(--changed-since "$base")
fi
read -r -a extra <<< "${FC_ARGS:-}"
read -r -a paths <<< "${FC_PATHS:-.}"
if [ "${#paths[@]}" -eq 0 ]; then paths=(.); fi
factcheck "${args[@]}" "${extra[@]}" -- "${paths[@]}"
rc=$?
echo "exit-code=$rc" >> "${GITHUB_OUTPUT:-/dev/null}"
exit "$rc"
