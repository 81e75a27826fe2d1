#!/usr/bin/env bash
# A release rehearsal: build, prove the packed artefacts (the consumer test), then `npm publish --dry-run`
# for every package. It never publishes. Versions and changelogs come from `npm run changeset:version` (changesets).
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build
npm run test:consumer
for dir in packages/auth-core packages/sinch-http packages/products packages/emulator packages/cli packages/redis packages/node; do
  npm publish --dry-run --workspace "$dir"
done
