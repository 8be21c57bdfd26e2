# shellcheck shell=bash
# Reading a systemd unit file the way systemd reads the few settings Slotwise's checks need (scripts/package-check,
# tests/packaging/install_layout_check). Source it after scripts/lib/common.sh.
#
# unit_values FILE KEY: prints the value of every `KEY=` line of FILE, one per line, in file order (a key such as
#   ExecStartPre or Environment may occur several times). Comments, sections and surrounding blanks are ignored;
#   an empty assignment (`KEY=`) resets the list, as in systemd. Values are printed verbatim: a leading "-" or "+"
#   on an Exec line is left for the caller (unit_command strips it).
unit_values() {
  local file=$1 key=$2
  awk -v key="$key" '
    /^[[:space:]]*[#;]/ { next }
    {
      line = $0; sub(/^[[:space:]]+/, "", line)
      eq = index(line, "="); if (eq == 0) next
      name = substr(line, 1, eq - 1); sub(/[[:space:]]+$/, "", name)
      if (name != key) next
      value = substr(line, eq + 1); sub(/^[[:space:]]+/, "", value); sub(/[[:space:]]+$/, "", value)
      if (value == "") { n = 0; next }
      values[++n] = value
    }
    END { for (i = 1; i <= n; i++) print values[i] }' "$file"
}

# unit_value FILE KEY: the last value of KEY (what systemd uses for single-valued settings such as User); fails
#   when KEY is not set.
unit_value() {
  local value
  value=$(unit_values "$1" "$2" | tail -n 1)
  [ -n "$value" ] || return 1
  printf '%s\n' "$value"
}

# unit_command LINE: an Exec line's command without systemd's prefixes "-" (ignore failure), "+" "!" "!!"
#   (privileges) and ":" (no substitution); Slotwise's unit uses none of their effects. "@" (argv0) is not supported.
unit_command() {
  local line=$1
  while [ -n "$line" ] && [[ "${line:0:1}" == [-+:!] ]]; do line=${line:1}; done
  printf '%s\n' "$line"
}
