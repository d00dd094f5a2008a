#!/usr/bin/env bash
# Runs the flotilla CLI from source: ./flotilla.sh up | serve | --help
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet run --project src/Flotilla.Cli -c Release -- "$@"
