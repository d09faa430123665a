#!/usr/bin/env bash
# Mutation testing of DxRoadmap.Domain with Stryker.NET (configuration: DxRoadmap.Tests/stryker-config.json).
#   scripts/mutation.sh          the whole Domain except the synthetic data generator
#   scripts/mutation.sh rules    only the rule files (delay, evaluation, dates, summary, history)
# Extra arguments go to Stryker, e.g. scripts/mutation.sh rules --concurrency 2.
# The report is written to DxRoadmap.Tests/StrykerOutput/<time>/reports/mutation-report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null

args=()
if [[ "${1:-}" == "rules" ]]; then
  shift
  for file in Schedule/DelayRules.cs Reporting/Evaluation.cs Roadmap/PlanDate.cs Schedule/JapaneseDates.cs \
              Schedule/RoadmapSummary.cs Reporting/RoadmapHistory.cs; do
    args+=(--mutate "**/$file")
  done
fi

# Stryker's Microsoft Testing Platform runner (the one that reaches xunit v3) is started from the test project.
cd DxRoadmap.Tests
exec dotnet stryker "${args[@]}" "$@"
