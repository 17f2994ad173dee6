#!/usr/bin/env bash
# Entrypoint of the llm-eval image (docker/Dockerfile). On a GPU TaskManager (LLM_EVAL_GPU=true) it adds
# the GPU external resource of conf/config-gpu.yaml to FLINK_PROPERTIES; then it hands over to the flink
# image's own entrypoint, which writes FLINK_PROPERTIES into conf/config.yaml and starts the process.
# FLINK_PROPERTIES set by the user come last, so they win.
set -euo pipefail

FLINK_HOME="${FLINK_HOME:-/opt/flink}"
# Overridable so that DeploymentFilesTest can run this script without the image.
FLINK_ENTRYPOINT="${FLINK_ENTRYPOINT:-/docker-entrypoint.sh}"

case "${LLM_EVAL_GPU:-false}" in
  true)
    # Flat `key: value` lines, comments and blank lines dropped: the format FLINK_PROPERTIES takes.
    gpu_properties="$(grep -Ev '^[[:space:]]*(#|$)' "$FLINK_HOME/conf/config-gpu.yaml")"
    if [[ -n "${FLINK_PROPERTIES:-}" ]]; then
      FLINK_PROPERTIES="$gpu_properties"$'\n'"$FLINK_PROPERTIES"
    else
      FLINK_PROPERTIES="$gpu_properties"
    fi
    export FLINK_PROPERTIES
    echo "llm-eval: GPU TaskManager, external resource 'gpu' from conf/config-gpu.yaml" >&2
    ;;
  false) ;;
  *)
    echo "llm-eval: LLM_EVAL_GPU must be true or false, not '$LLM_EVAL_GPU'" >&2
    exit 2
    ;;
esac

exec "$FLINK_ENTRYPOINT" "$@"
