#!/usr/bin/env bash
# `npm run bench:gpu` (issue 16 item 6): the GPU figures, on a host with an NVIDIA GPU and CUDA 12. Runs
# bench:inference with the worker and the raw runs on the CUDA provider: style (Magenta) at 512² and 1024², cut-out
# (ISNet) and ESRGAN ×4 at 1024², each as raw session.run beside end to end through the whole stack, with the
# worker's phases. The CPU path stays the default everywhere else; this script is the only thing that asks for CUDA.
#
# onnxruntime-node ships its CPU build only: its CUDA provider libraries are a separate download, fetched here once
# as a setup step (as inference-service/Dockerfile.gpu does at build time), never while a worker runs.
# BENCH_RUNS (default 10) sets the runs per figure.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nvidia-smi >/dev/null || ! nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; then
  echo "bench:gpu: no NVIDIA GPU here (nvidia-smi failed); the CPU figures are bench:inference's" >&2
  exit 2
fi

ORT_DIR=$(dirname "$(node -p "require.resolve('onnxruntime-node/package.json')")")
CUDA_LIB="$ORT_DIR/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so"
if [ ! -f "$CUDA_LIB" ]; then
  echo "bench:gpu: installing onnxruntime-node's CUDA 12 provider (needs the internet once)"
  (cd "$ORT_DIR" && ONNXRUNTIME_NODE_INSTALL=cuda12 node ./script/install)
fi
[ -f "$CUDA_LIB" ] || { echo "bench:gpu: $CUDA_LIB is still missing" >&2; exit 2; }

# The raw runs and the stack's worker both take INFERENCE_PROVIDERS; the bench prints the provider the raw runs got,
# and a worker whose CUDA session fails falls back to the CPU and logs it (runtime/providers.ts).
export INFERENCE_PROVIDERS=cuda,cpu
export BENCH_ONLY=magenta,tools
export BENCH_SIZES=1024
export BENCH_TOOLS="cut-out,upscale photo ×4"
exec npm run -s bench:inference
