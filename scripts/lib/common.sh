# Shared helpers for the scripts in scripts/. Source it; it defines no side effects beyond variables and functions.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE_DIR="$ROOT/.cache"
IMGUI_DIR="$CACHE_DIR/imgui-1.86"
BUILD_DIR="$ROOT/build"
JOBS="${SLOTWISE_JOBS:-$(nproc 2>/dev/null || echo 2)}"

# Debian's emscripten runs its JS optimizer with node and needs 'acorn' from Debian's node modules. On machines where
# a newer Node.js shadows Debian's, NODE_PATH makes it findable; with Debian's own Node.js it is harmless.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

log() { printf '\033[1;34m[%s]\033[0m %s\n' "$(basename "$0")" "$*"; }
die() { printf '\033[1;31m[%s] error:\033[0m %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# as_root CMD...: runs CMD as root (directly when already root, else through sudo).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $*"; fi
}
