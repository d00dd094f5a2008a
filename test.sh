#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need first (idempotent): python3-kubernetes for the
# independent-client tests. kubectl comes with the image.
set -euo pipefail
cd "$(dirname "$0")"

need=()
/usr/bin/python3 -c 'import kubernetes' >/dev/null 2>&1 || need+=(python3-kubernetes)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
command -v kubectl >/dev/null 2>&1 || { echo "kubectl is required (it ships with the image)" >&2; exit 1; }

exec dotnet test Flotilla.slnx "$@"
