#!/usr/bin/env bash
# etl-stats-upload.sh – uploads ET:Legacy round stats files to an etl-stats server.
# Runs on the game server. Needs bash >= 4, curl and coreutils; uses openssl for the signature when
# installed (falls back to sha256sum) and inotifywait (inotify-tools) for --watch when installed
# (polls otherwise). `etl-stats-upload.sh --help` documents everything.
set -euo pipefail
export LC_ALL=C

readonly PROG=etl-stats-upload
readonly ENDPOINT_PATH=/api/v1/stats-files
# Round stats files only (spec §2): `_ws`, `-endstats`, `_engagements`, `gametime-*.json` and any
# other name never match.
readonly ROUND_FILE_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}-[A-Za-z0-9_.+-]+-round-[12]\.txt$'
readonly META_SUFFIX=.meta.json
readonly MAX_META_BYTES=3000
readonly TOKEN_RE='^etl_([0-9]{1,9})_[A-Za-z0-9_-]{20,100}$'
# sysexits: usage, temporary failure (files wait in the spool), permission (token refused), config.
readonly EXIT_USAGE=64 EXIT_TEMPFAIL=75 EXIT_NOPERM=77 EXIT_CONFIG=78

readonly CONFIG_KEYS=(
  ETL_STATS_URL ETL_STATS_TOKEN ETL_STATS_TOKEN_FILE ETL_STATS_DIR ETL_STATS_STATE_DIR
  ETL_STATS_SINCE ETL_STATS_LOG ETL_STATS_POLL_SECONDS ETL_STATS_RETRY_BASE_SECONDS
  ETL_STATS_RETRY_MAX_SECONDS ETL_STATS_META_WAIT_SECONDS ETL_STATS_TIMEOUT_SECONDS
  ETL_STATS_LOCK_WAIT_SECONDS ETL_STATS_WATCH ETL_STATS_HMAC
)

usage() {
  cat <<'EOF'
Usage: etl-stats-upload.sh [--config FILE] MODE

Uploads ET:Legacy round stats files (YYYY-MM-DD-HHMMSS-<map>-round-<1|2>.txt) to an etl-stats
server: POST <ETL_STATS_URL>/api/v1/stats-files, signed with HMAC-SHA256 of the upload token.
`_ws`, `-endstats`, `_engagements`, `gametime-*.json` and every other file are never sent.

Modes:
  --watch            run until stopped: send new files as they are written (inotifywait when
                     installed, polling otherwise) and retry failed ones with backoff
  --once             send new files and retry due ones, then exit (for cron or a systemd timer)
  --backfill         also send files older than the start mark (history), then exit
    --since DATE     with --backfill: only files written at or after DATE
                     (YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DD-HHMMSS, server-local time)
  --file PATH        send this one file now (what the Lua module runs at the end of a round),
                     then retry whatever else is due; a sidecar PATH.meta.json goes with it
  --check            verify URL, token and clock with a request that stores nothing
  --status           show the start mark, sent files, the spool and the backoff
  --help             this text

Options:
  --config FILE      read KEY=VALUE lines (no shell expansion; '#' starts a comment line);
                     or set ETL_STATS_CONFIG=FILE; default:
                     ${XDG_CONFIG_HOME:-$HOME/.config}/etl-stats-upload.conf if it exists.
                     Variables already set in the environment win over the file.

Configuration (environment or config file):
  ETL_STATS_URL                 server base URL, e.g. https://stats.example.org (required)
  ETL_STATS_TOKEN               upload token etl_<id>_<secret> (required, or:)
  ETL_STATS_TOKEN_FILE          file whose first line is the token
  ETL_STATS_DIR                 the stats directory the writer fills (required except --file)
  ETL_STATS_STATE_DIR           state, spool and log (default: $HOME/.etl-stats-upload)
  ETL_STATS_SINCE               start mark on the first run (default: now); files written
                                before it are history, sent only by --backfill
  ETL_STATS_LOG                 log file (default: $ETL_STATS_STATE_DIR/upload.log; - = none)
  ETL_STATS_POLL_SECONDS        --watch: rescan interval (default 10)
  ETL_STATS_RETRY_BASE_SECONDS  first retry delay after a failure (default 30); it doubles
  ETL_STATS_RETRY_MAX_SECONDS   longest retry delay (default 3600)
  ETL_STATS_META_WAIT_SECONDS   scans leave a file this young alone while its .meta.json
                                sidecar has not appeared, so the Lua module's upload carries
                                it (default 30; 0 = do not wait)
  ETL_STATS_TIMEOUT_SECONDS     one request's time limit (default 30)
  ETL_STATS_LOCK_WAIT_SECONDS   how long to wait for another run of this script (default 120)
  ETL_STATS_WATCH               auto | inotify | poll (default auto)
  ETL_STATS_HMAC                auto | openssl | sha256sum (default auto: openssl if installed)

State ($ETL_STATS_STATE_DIR):
  mark        the start mark (YYYY-MM-DD-HHMMSS): scans consider files written at or after it
  sent.tsv    one line per file the server has: name, unix time, HTTP status, outcome
  spool/      copies of files (and their .meta.json) waiting to be sent; kept across restarts
  backoff     consecutive failures and the unix time of the next try
  rejected/   files the server refused for good (with a .reason file); never retried
  upload.log  what happened (moved to upload.log.1 when it passes 1 MiB)

A file is sent once: it is queued into the spool (a copy, so the game server may delete its
stats files), sent, and recorded in sent.tsv. A server that is down or answers 5xx, and a
refused token (401/403, logged as an error), leave files in the spool; they are retried with
exponential backoff. A duplicate answer (the server already has the file) counts as sent.

Exit status: 0 all sent, 64 usage, 75 files wait in the spool (retry later), 77 the server
refused the token, 78 configuration error.

Examples:
  ETL_STATS_URL=https://stats.example.org ETL_STATS_TOKEN_FILE=/etc/etl-stats.token \
    ETL_STATS_DIR=/home/et/.etlegacy/legacy/gamestats etl-stats-upload.sh --watch
  * * * * * /usr/local/bin/etl-stats-upload.sh --config /etc/etl-stats-upload.conf --once
  etl-stats-upload.sh --config /etc/etl-stats-upload.conf --backfill --since 2025-09-01
EOF
}

# --- logging and failures -----------------------------------------------------------------------

LOG_FILE=""
log() {
  local level=$1 line
  shift
  printf -v line '%(%Y-%m-%d %H:%M:%S)T %s %s: %s' -1 "$level" "$PROG" "$*"
  printf '%s\n' "$line" >&2
  if [[ -n $LOG_FILE ]]; then printf '%s\n' "$line" >>"$LOG_FILE" 2>/dev/null || true; fi
}

die() { # exit status, message
  local status=$1
  shift
  log ERROR "$*"
  exit "$status"
}

# --- configuration ------------------------------------------------------------------------------

is_config_key() {
  local key
  for key in "${CONFIG_KEYS[@]}"; do
    if [[ $key == "$1" ]]; then return 0; fi
  done
  return 1
}

load_config_file() {
  local file=$1 line key value number=0
  [[ -r $file ]] || die "$EXIT_CONFIG" "cannot read the config file $file"
  while IFS= read -r line || [[ -n $line ]]; do
    number=$((number + 1))
    line=${line%$'\r'}
    if [[ $line =~ ^[[:space:]]*(#.*)?$ ]]; then continue; fi
    if [[ ! $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=(.*)$ ]]; then
      die "$EXIT_CONFIG" "$file:$number: expected KEY=VALUE"
    fi
    key=${BASH_REMATCH[2]}
    value=${BASH_REMATCH[3]}
    is_config_key "$key" || die "$EXIT_CONFIG" "$file:$number: unknown setting $key"
    value=${value#"${value%%[![:space:]]*}"}
    value=${value%"${value##*[![:space:]]}"}
    if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
    # The environment wins over the file.
    if [[ -z ${!key:-} ]]; then printf -v "$key" '%s' "$value"; fi
  done <"$file"
}

require_uint() { # name, value
  [[ $2 =~ ^[0-9]+$ ]] || die "$EXIT_CONFIG" "$1 must be a whole number of seconds, not '$2'"
}

# YYYY-MM-DD[ HH:MM[:SS]] (or T, or the file names' YYYY-MM-DD-HHMMSS) → YYYY-MM-DD-HHMMSS.
time_key() {
  local text=$1
  if [[ $text =~ ^([0-9]{4}-[0-9]{2}-[0-9]{2})$ ]]; then
    printf '%s-000000' "${BASH_REMATCH[1]}"
  elif [[ $text =~ ^([0-9]{4}-[0-9]{2}-[0-9]{2})[T\ ]([0-9]{2}):([0-9]{2})(:([0-9]{2}))?$ ]]; then
    printf '%s-%s%s%s' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}" \
      "${BASH_REMATCH[5]:-00}"
  elif [[ $text =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}$ ]]; then
    printf '%s' "$text"
  else
    return 1
  fi
}

configure() { # mode
  local mode=$1 default_config
  default_config="${XDG_CONFIG_HOME:-${HOME:-/nonexistent}/.config}/etl-stats-upload.conf"
  if [[ -n $CONFIG_FILE ]]; then
    load_config_file "$CONFIG_FILE"
  elif [[ -f $default_config ]]; then
    load_config_file "$default_config"
  fi

  STATE_DIR=${ETL_STATS_STATE_DIR:-${HOME:?HOME is unset: set ETL_STATS_STATE_DIR}/.etl-stats-upload}
  mkdir -p "$STATE_DIR" || die "$EXIT_CONFIG" "cannot create ETL_STATS_STATE_DIR $STATE_DIR"
  case ${ETL_STATS_LOG:-} in
    -) LOG_FILE="" ;;
    "") LOG_FILE="$STATE_DIR/upload.log" ;;
    *) LOG_FILE=$ETL_STATS_LOG ;;
  esac
  # Keep the log small on a game server: one old generation of at most 1 MiB.
  if [[ -n $LOG_FILE && -f $LOG_FILE ]] && (($(stat -c %s -- "$LOG_FILE") > 1048576)); then
    mv -f -- "$LOG_FILE" "$LOG_FILE.1" || true
  fi
  SPOOL="$STATE_DIR/spool"
  REJECTED="$STATE_DIR/rejected"
  TMP_DIR="$STATE_DIR/tmp"
  SENT_FILE="$STATE_DIR/sent.tsv"
  BACKOFF_FILE="$STATE_DIR/backoff"
  MARK_FILE="$STATE_DIR/mark"
  LOCK_DIR="$STATE_DIR/lock"
  mkdir -p "$SPOOL" "$REJECTED" "$TMP_DIR"
  touch "$SENT_FILE"

  POLL_SECONDS=${ETL_STATS_POLL_SECONDS:-10}
  RETRY_BASE=${ETL_STATS_RETRY_BASE_SECONDS:-30}
  RETRY_MAX=${ETL_STATS_RETRY_MAX_SECONDS:-3600}
  META_WAIT=${ETL_STATS_META_WAIT_SECONDS:-30}
  TIMEOUT=${ETL_STATS_TIMEOUT_SECONDS:-30}
  LOCK_WAIT=${ETL_STATS_LOCK_WAIT_SECONDS:-120}
  [[ $POLL_SECONDS =~ ^[0-9]+(\.[0-9]+)?$ && $POLL_SECONDS != 0 && $POLL_SECONDS != 0.0 ]] ||
    die "$EXIT_CONFIG" "ETL_STATS_POLL_SECONDS must be a positive number, not '$POLL_SECONDS'"
  require_uint ETL_STATS_RETRY_BASE_SECONDS "$RETRY_BASE"
  require_uint ETL_STATS_RETRY_MAX_SECONDS "$RETRY_MAX"
  require_uint ETL_STATS_META_WAIT_SECONDS "$META_WAIT"
  require_uint ETL_STATS_TIMEOUT_SECONDS "$TIMEOUT"
  require_uint ETL_STATS_LOCK_WAIT_SECONDS "$LOCK_WAIT"

  if [[ $mode == status ]]; then return 0; fi

  local url=${ETL_STATS_URL:-}
  [[ -n $url ]] || die "$EXIT_CONFIG" "ETL_STATS_URL is not set (the etl-stats server, e.g. https://stats.example.org)"
  [[ $url =~ ^https?://[^[:space:]]+$ ]] || die "$EXIT_CONFIG" "ETL_STATS_URL must be an http(s) URL, not '$url'"
  url=${url%/}
  [[ $url == *"$ENDPOINT_PATH" ]] || url+=$ENDPOINT_PATH
  ENDPOINT=$url

  local token=${ETL_STATS_TOKEN:-}
  if [[ -z $token && -n ${ETL_STATS_TOKEN_FILE:-} ]]; then
    [[ -r $ETL_STATS_TOKEN_FILE ]] || die "$EXIT_CONFIG" "cannot read ETL_STATS_TOKEN_FILE $ETL_STATS_TOKEN_FILE"
    IFS= read -r token <"$ETL_STATS_TOKEN_FILE" || true
    token=${token%$'\r'}
  fi
  [[ -n $token ]] || die "$EXIT_CONFIG" "ETL_STATS_TOKEN (or ETL_STATS_TOKEN_FILE) is not set"
  [[ $token =~ $TOKEN_RE ]] || die "$EXIT_CONFIG" "the upload token does not look like etl_<id>_<secret>"
  TOKEN_ID=${BASH_REMATCH[1]}
  local digest
  digest=$(printf '%s' "$token" | sha256sum)
  SIGNING_KEY=${digest%% *}

  case ${ETL_STATS_HMAC:-auto} in
    auto) if command -v openssl >/dev/null 2>&1; then HMAC_TOOL=openssl; else HMAC_TOOL=sha256sum; fi ;;
    openssl)
      command -v openssl >/dev/null 2>&1 || die "$EXIT_CONFIG" "ETL_STATS_HMAC=openssl but openssl is not installed"
      HMAC_TOOL=openssl
      ;;
    sha256sum) HMAC_TOOL=sha256sum ;;
    *) die "$EXIT_CONFIG" "ETL_STATS_HMAC must be auto, openssl or sha256sum, not '$ETL_STATS_HMAC'" ;;
  esac
  command -v curl >/dev/null 2>&1 || die "$EXIT_CONFIG" "curl is not installed"

  if [[ $mode == watch || $mode == once || $mode == backfill ]]; then
    STATS_DIR=${ETL_STATS_DIR:-}
    [[ -n $STATS_DIR ]] || die "$EXIT_CONFIG" "ETL_STATS_DIR is not set (the directory the stats writer fills)"
    [[ -d $STATS_DIR ]] || die "$EXIT_CONFIG" "ETL_STATS_DIR $STATS_DIR is not a directory"
  fi
  if [[ ! -s $MARK_FILE ]]; then
    local mark
    if [[ -n ${ETL_STATS_SINCE:-} ]]; then
      mark=$(time_key "$ETL_STATS_SINCE") ||
        die "$EXIT_CONFIG" "ETL_STATS_SINCE must be YYYY-MM-DD[ HH:MM[:SS]], not '$ETL_STATS_SINCE'"
    else
      printf -v mark '%(%Y-%m-%d-%H%M%S)T' -1
    fi
    printf '%s\n' "$mark" >"$MARK_FILE"
    log INFO "start mark $mark: files written before it are history (send them with --backfill)"
  fi
  IFS= read -r MARK <"$MARK_FILE"
}

# --- lock: one run at a time works on the state ---------------------------------------------------

LOCKED=0
acquire_lock() {
  local tries=$((LOCK_WAIT * 10)) holder
  until mkdir "$LOCK_DIR" 2>/dev/null; do
    holder=$(cat "$LOCK_DIR/pid" 2>/dev/null || true)
    if [[ -n $holder ]] && ! kill -0 "$holder" 2>/dev/null; then
      log WARN "removing the lock of process $holder, which is gone"
      rm -rf "$LOCK_DIR"
      continue
    fi
    if ((tries-- <= 0)); then
      log ERROR "another $PROG (pid ${holder:-?}) holds $LOCK_DIR for more than ${LOCK_WAIT}s"
      return 1
    fi
    sleep 0.1
  done
  printf '%s\n' "$$" >"$LOCK_DIR/pid"
  LOCKED=1
}

release_lock() {
  if ((LOCKED)); then rm -rf "$LOCK_DIR"; fi
  LOCKED=0
}

# --- state ----------------------------------------------------------------------------------------

declare -A SENT=()
SPOOLED=()
WAKE_IN=""
load_sent() {
  SENT=()
  local name rest
  while IFS=$'\t' read -r name rest; do
    if [[ -n $name ]]; then SENT[$name]=1; fi
  done <"$SENT_FILE"
}

record_sent() { # name, http status, outcome
  printf '%s\t%s\t%s\t%s\n' "$1" "$(date +%s)" "$2" "$3" >>"$SENT_FILE"
  SENT[$1]=1
}

is_known() { # name: sent, waiting or rejected
  [[ -n ${SENT[$1]:-} || -e $SPOOL/$1 || -e $REJECTED/$1 ]]
}

FAILURES=0
NEXT_TRY=0
read_backoff() {
  FAILURES=0
  NEXT_TRY=0
  if [[ -s $BACKOFF_FILE ]]; then read -r FAILURES NEXT_TRY <"$BACKOFF_FILE" || true; fi
  [[ $FAILURES =~ ^[0-9]+$ ]] || FAILURES=0
  [[ $NEXT_TRY =~ ^[0-9]+$ ]] || NEXT_TRY=0
}

# Doubles the delay after each consecutive failure, from RETRY_BASE up to RETRY_MAX.
schedule_retry() {
  local delay=$RETRY_BASE step
  FAILURES=$((FAILURES + 1))
  for ((step = 1; step < FAILURES && delay < RETRY_MAX; step++)); do delay=$((delay * 2)); done
  if ((delay > RETRY_MAX)); then delay=$RETRY_MAX; fi
  NEXT_TRY=$(($(date +%s) + delay))
  printf '%s %s\n' "$FAILURES" "$NEXT_TRY" >"$BACKOFF_FILE"
  RETRY_IN=$delay
}

clear_backoff() {
  FAILURES=0
  NEXT_TRY=0
  rm -f "$BACKOFF_FILE"
}

spooled_names() {
  local path name
  SPOOLED=()
  for path in "$SPOOL"/*; do
    [[ -f $path ]] || continue
    name=${path##*/}
    if [[ $name =~ $ROUND_FILE_RE ]]; then SPOOLED+=("$name"); fi
  done
}

# --- queueing -------------------------------------------------------------------------------------

copy_into() { # source, destination: never a half-written file at the destination
  local tmp="$TMP_DIR/$$.${2##*/}"
  cp -- "$1" "$tmp" && mv -f -- "$tmp" "$2"
}

# Copies a stats file (and its meta sidecar) into the spool. Returns 1 when it was known already.
enqueue() { # path
  local path=$1 name=${1##*/}
  if is_known "$name"; then
    # The Lua module's meta may arrive after a scan queued the file: attach it while it waits.
    if [[ -e $SPOOL/$name && ! -e $SPOOL/$name$META_SUFFIX && -f $path$META_SUFFIX ]]; then
      copy_into "$path$META_SUFFIX" "$SPOOL/$name$META_SUFFIX"
      log INFO "attached the round meta to $name, which waits in the spool"
    fi
    return 1
  fi
  if [[ -f $path$META_SUFFIX ]]; then copy_into "$path$META_SUFFIX" "$SPOOL/$name$META_SUFFIX"; fi
  copy_into "$path" "$SPOOL/$name"
  log INFO "queued $name$([[ -f $SPOOL/$name$META_SUFFIX ]] && printf ' with its round meta')"
}

# Queues the round files of the stats directory written at or after `since` (YYYY-MM-DD-HHMMSS).
# A young file without its meta sidecar is left for a later scan (META_WAIT); WAKE_IN says when.
scan() { # since
  local since=$1 path name now age
  now=$(date +%s)
  WAKE_IN=""
  load_sent
  for path in "$STATS_DIR"/*-round-[12].txt; do
    name=${path##*/}
    if [[ -n ${SENT[$name]:-} || ! -f $path || ! $name =~ $ROUND_FILE_RE ]]; then continue; fi
    if [[ ${name:0:17} < "$since" ]]; then continue; fi
    if is_known "$name"; then
      enqueue "$path" || true # attaches a late meta sidecar
      continue
    fi
    if ((META_WAIT > 0)) && [[ ! -e $path$META_SUFFIX ]]; then
      age=$((now - $(stat -c %Y -- "$path")))
      # Ages are whole seconds: waiting while age <= META_WAIT waits at least META_WAIT seconds.
      if ((age <= META_WAIT)); then
        if [[ -z $WAKE_IN ]] || ((META_WAIT - age + 1 < WAKE_IN)); then WAKE_IN=$((META_WAIT - age + 1)); fi
        continue
      fi
    fi
    enqueue "$path" || true
  done
}

# --- sending --------------------------------------------------------------------------------------

hmac_sha256sum() { # key (hex); message on stdin → hex HMAC-SHA256, with nothing but sha256sum
  local key=$1 ipad="" opad="" inner="" digest i byte
  while ((${#key} < 128)); do key+=0; done
  for ((i = 0; i < 128; i += 2)); do
    byte=$((16#${key:i:2}))
    printf -v ipad '%s\\x%02x' "$ipad" $((byte ^ 0x36))
    printf -v opad '%s\\x%02x' "$opad" $((byte ^ 0x5c))
  done
  digest=$({ printf '%b' "$ipad"; cat; } | sha256sum)
  digest=${digest%% *}
  for ((i = 0; i < 64; i += 2)); do inner+="\\x${digest:i:2}"; done
  digest=$({ printf '%b' "$opad"; printf '%b' "$inner"; } | sha256sum)
  printf '%s\n' "${digest%% *}"
}

hmac_sha256() { # key (hex); message on stdin
  if [[ $HMAC_TOOL == openssl ]]; then
    local out
    out=$(openssl dgst -sha256 -mac HMAC -macopt "hexkey:$1")
    printf '%s\n' "${out##* }"
  else
    hmac_sha256sum "$1"
  fi
}

# The server's signed message: `<ts>\n<name>\n<body>`, or with round meta
# `v2\n<ts>\n<name>\n<meta>\n<body>` (ingest/auth.ts).
signature() { # timestamp, name, meta (or ""), file
  {
    if [[ -n $3 ]]; then printf 'v2\n%s\n%s\n%s\n' "$1" "$2" "$3"; else printf '%s\n%s\n' "$1" "$2"; fi
    cat -- "$4"
  } | hmac_sha256 "$SIGNING_KEY"
}

json_string() { # body, key → the first "key":"value" (empty when absent)
  if [[ $1 =~ \"$2\":\"([^\"]*)\" ]]; then printf '%s' "${BASH_REMATCH[1]}"; fi
}

reject() { # name, reason
  mv -f -- "$SPOOL/$1" "$REJECTED/$1"
  if [[ -e $SPOOL/$1$META_SUFFIX ]]; then mv -f -- "$SPOOL/$1$META_SUFFIX" "$REJECTED/$1$META_SUFFIX"; fi
  printf '%s\n' "$2" >"$REJECTED/$1.reason"
}

# POSTs one spooled file. Sets SEND_RESULT: sent | rejected | retry | auth, and SEND_DETAIL.
post_file() { # name, file to send as, with meta (1/0)
  local name=$1 file=$2 with_meta=$3 meta="" ts sig code rc=0 body="" size
  SEND_ERROR=""
  local response="$TMP_DIR/$$.response" errors="$TMP_DIR/$$.curl"
  if ((with_meta)) && [[ -f $SPOOL/$name$META_SUFFIX ]]; then
    size=$(wc -c <"$SPOOL/$name$META_SUFFIX")
    if ((size > MAX_META_BYTES)); then
      log WARN "$name: its round meta is $size bytes (more than $MAX_META_BYTES); sent without it"
    else
      meta=$(base64 -w0 <"$SPOOL/$name$META_SUFFIX")
    fi
  fi
  ts=$(date +%s)
  sig=$(signature "$ts" "$name" "$meta" "$file")
  local args=(
    --silent --show-error --max-time "$TIMEOUT" --output "$response" --write-out '%{http_code}'
    -H 'Content-Type: application/octet-stream' -H 'Expect:'
    -H "X-Stats-Filename: $name" -H "X-Etl-Token-Id: $TOKEN_ID"
    -H "X-Etl-Timestamp: $ts" -H "X-Etl-Signature: $sig"
  )
  if [[ -n $meta ]]; then args+=(-H "X-Etl-Round-Meta: $meta"); fi
  : >"$response"
  code=$(curl "${args[@]}" --data-binary "@$file" "$ENDPOINT" 2>"$errors") || rc=$?
  body=$(head -c 4000 "$response" 2>/dev/null || true)
  local status error message
  status=$(json_string "$body" status)
  error=$(json_string "$body" code)
  message=$(json_string "$body" message)
  SEND_CODE=$code
  SEND_META=$([[ -n $meta ]] && printf 1 || printf 0)
  if ((rc != 0)) || [[ ! $code =~ ^[0-9]{3}$ ]] || [[ $code == 000 ]]; then
    local reason
    reason=$(head -c 300 "$errors" 2>/dev/null || true)
    SEND_RESULT=retry
    SEND_DETAIL="the server did not answer (${reason:-curl exit $rc})"
    return 0
  fi
  case $code in
    200 | 201)
      SEND_RESULT=sent
      SEND_OUTCOME=${status:-accepted}
      SEND_DETAIL="$SEND_OUTCOME ($code)"
      ;;
    409)
      SEND_RESULT=sent
      SEND_OUTCOME=name_conflict
      SEND_DETAIL="the server already has another file of this name ($code ${error:-conflict})"
      ;;
    422)
      SEND_RESULT=sent
      SEND_OUTCOME=unparsable
      SEND_DETAIL="stored, but the server cannot parse it ($code ${error:-}: ${message:-})"
      ;;
    401 | 403)
      SEND_RESULT=auth
      SEND_DETAIL="$code ${error:-} ${message:-}"
      ;;
    400 | 413 | 415)
      SEND_RESULT=rejected
      SEND_DETAIL="$code ${error:-} ${message:-}"
      SEND_ERROR=${error:-}
      ;;
    *)
      SEND_RESULT=retry
      SEND_DETAIL="the server answered $code ${error:-} ${message:-}"
      ;;
  esac
  return 0
}

# Sends one spooled file and files the result. Returns 0 when it is settled (sent or rejected).
send_spooled() { # name
  local name=$1
  post_file "$name" "$SPOOL/$name" 1
  if [[ $SEND_RESULT == rejected && $SEND_ERROR == invalid_round_meta && $SEND_META == 1 ]]; then
    log ERROR "$name: the server refused its round meta ($SEND_DETAIL); sending the file without it"
    mv -f -- "$SPOOL/$name$META_SUFFIX" "$REJECTED/$name$META_SUFFIX"
    post_file "$name" "$SPOOL/$name" 0
  fi
  case $SEND_RESULT in
    sent)
      record_sent "$name" "$SEND_CODE" "$SEND_OUTCOME"
      rm -f -- "$SPOOL/$name" "$SPOOL/$name$META_SUFFIX"
      log INFO "sent $name$( ((SEND_META)) && printf ' with round meta'): $SEND_DETAIL"
      return 0
      ;;
    rejected)
      reject "$name" "$SEND_DETAIL"
      log ERROR "the server refused $name for good: $SEND_DETAIL; moved to $REJECTED"
      return 0
      ;;
    auth)
      AUTH_FAILED=1
      log ERROR "the server refused our credentials ($SEND_DETAIL): check ETL_STATS_TOKEN" \
        "(revoked or mistyped?) and the clock (a signature is valid 5 minutes);" \
        "$name and the rest stay in $SPOOL"
      return 1
      ;;
    *)
      log WARN "$name not sent: $SEND_DETAIL"
      return 1
      ;;
  esac
}

# Sends what waits in the spool, oldest first; `first` (a name) is tried even during a backoff.
# One failure stops the pass and pushes the next try back for every file: the cause (server
# down, token refused) is shared.
AUTH_FAILED=0
process_spool() { # first (may be "")
  local first=$1 name now
  read_backoff
  now=$(date +%s)
  if [[ -n $first && -e $SPOOL/$first ]]; then
    if send_spooled "$first"; then
      clear_backoff
    else
      schedule_retry
      spooled_names
      log WARN "${#SPOOLED[@]} file(s) wait in $SPOOL; next try in ${RETRY_IN}s"
      return 0
    fi
  elif ((now < NEXT_TRY)); then
    spooled_names
    if ((${#SPOOLED[@]} > 0)); then
      log INFO "${#SPOOLED[@]} file(s) wait in the spool; next try in $((NEXT_TRY - now))s"
    fi
    return 0
  fi
  spooled_names
  for name in "${SPOOLED[@]}"; do
    if send_spooled "$name"; then
      clear_backoff
    else
      schedule_retry
      spooled_names
      log WARN "${#SPOOLED[@]} file(s) wait in $SPOOL; next try in ${RETRY_IN}s"
      return 0
    fi
  done
}

pass_status() {
  spooled_names
  if ((AUTH_FAILED)); then return "$EXIT_NOPERM"; fi
  if ((${#SPOOLED[@]} > 0)); then return "$EXIT_TEMPFAIL"; fi
  return 0
}

# --- modes ----------------------------------------------------------------------------------------

run_scan_mode() { # since
  acquire_lock || exit "$EXIT_TEMPFAIL"
  scan "$1"
  process_spool ""
  local status=0
  pass_status || status=$?
  release_lock
  return "$status"
}

run_file() { # path
  local path=$1 name=${1##*/}
  [[ -f $path ]] || die "$EXIT_USAGE" "--file $path: no such file"
  if [[ ! $name =~ $ROUND_FILE_RE ]]; then
    log INFO "$name is not a round stats file (YYYY-MM-DD-HHMMSS-<map>-round-<1|2>.txt); not sent"
    return 0
  fi
  acquire_lock || exit "$EXIT_TEMPFAIL"
  load_sent
  if ! enqueue "$path" && [[ ! -e $SPOOL/$name ]]; then
    log INFO "$name was sent (or refused) before; not sent again"
  fi
  process_spool "$name"
  local status=0
  pass_status || status=$?
  release_lock
  return "$status"
}

STOP=0
WAIT_PID=""
on_stop() {
  STOP=1
  if [[ -n $WAIT_PID ]]; then kill "$WAIT_PID" 2>/dev/null || true; fi
}

run_watch() {
  local watcher=${ETL_STATS_WATCH:-auto} timeout now
  case $watcher in
    auto) if command -v inotifywait >/dev/null 2>&1; then watcher=inotify; else watcher=poll; fi ;;
    inotify) command -v inotifywait >/dev/null 2>&1 || die "$EXIT_CONFIG" "ETL_STATS_WATCH=inotify but inotifywait is not installed (inotify-tools)" ;;
    poll) ;;
    *) die "$EXIT_CONFIG" "ETL_STATS_WATCH must be auto, inotify or poll, not '$watcher'" ;;
  esac
  trap on_stop TERM INT
  log INFO "watching $STATS_DIR ($watcher) for round files written since $MARK; sending to $ENDPOINT"
  while ((!STOP)); do
    if acquire_lock; then
      scan "$MARK"
      process_spool ""
      release_lock
    fi
    if ((STOP)); then break; fi
    # Wake for new files, for a deferred file's meta wait, or for the next retry. A fractional
    # interval is already short; a whole one is shortened to the next thing due.
    timeout=$POLL_SECONDS
    if [[ $timeout =~ ^[0-9]+$ ]]; then
      read_backoff
      now=$(date +%s)
      spooled_names
      if ((${#SPOOLED[@]} > 0 && NEXT_TRY > now && NEXT_TRY - now < timeout)); then
        timeout=$((NEXT_TRY - now))
      fi
      if [[ -n $WAKE_IN ]] && ((WAKE_IN < timeout)); then timeout=$WAKE_IN; fi
    fi
    if [[ $watcher == inotify ]]; then
      local whole=${timeout%%.*}
      if ((whole < 1)); then whole=1; fi
      inotifywait -qq -t "$whole" -e close_write -e moved_to -- "$STATS_DIR" &
    else
      sleep "$timeout" &
    fi
    WAIT_PID=$!
    wait "$WAIT_PID" || true
    WAIT_PID=""
  done
  log INFO "stopped"
}

run_check() {
  # An ignored sidecar name: the server authenticates the request and stores nothing.
  local name=2020-01-01-000000-etl_stats_check-round-1_ws.txt file="$TMP_DIR/$$.check"
  : >"$file"
  post_file "$name" "$file" 0
  rm -f -- "$file"
  case $SEND_RESULT in
    sent)
      log INFO "check passed: $ENDPOINT accepts token $TOKEN_ID ($SEND_DETAIL)"
      return 0
      ;;
    auth) die "$EXIT_NOPERM" "check failed: the server refused the token ($SEND_DETAIL)" ;;
    retry) die "$EXIT_TEMPFAIL" "check failed: $SEND_DETAIL" ;;
    *) die "$EXIT_TEMPFAIL" "check failed: the server answered $SEND_DETAIL" ;;
  esac
}

run_status() {
  local mark="(not set yet)" sent=0 name
  if [[ -s $MARK_FILE ]]; then IFS= read -r mark <"$MARK_FILE"; fi
  load_sent
  sent=${#SENT[@]}
  read_backoff
  spooled_names
  printf 'state:    %s\nmark:     %s\nsent:     %s file(s)\nspool:    %s file(s)\n' \
    "$STATE_DIR" "$mark" "$sent" "${#SPOOLED[@]}"
  for name in "${SPOOLED[@]}"; do
    printf '  %s%s\n' "$name" "$([[ -e $SPOOL/$name$META_SUFFIX ]] && printf ' (with round meta)')"
  done
  if ((FAILURES > 0)); then
    printf 'backoff:  %s consecutive failure(s); next try at %(%Y-%m-%d %H:%M:%S)T\n' \
      "$FAILURES" "$NEXT_TRY"
  fi
  for name in "$REJECTED"/*.reason; do
    [[ -f $name ]] || continue
    printf 'rejected: %s: %s\n' "$(basename -- "$name" .reason)" "$(head -c 300 "$name")"
  done
}

# --- main -----------------------------------------------------------------------------------------

main() {
  ((BASH_VERSINFO[0] >= 4)) || {
    echo "$PROG: bash 4 or newer is needed" >&2
    exit "$EXIT_CONFIG"
  }
  local mode="" file="" since=""
  CONFIG_FILE=${ETL_STATS_CONFIG:-}
  while (($# > 0)); do
    case $1 in
      --watch | --once | --backfill | --check | --status)
        [[ -z $mode ]] || { echo "$PROG: choose one mode" >&2; exit "$EXIT_USAGE"; }
        mode=${1#--}
        ;;
      --file)
        [[ -z $mode ]] || { echo "$PROG: choose one mode" >&2; exit "$EXIT_USAGE"; }
        (($# >= 2)) || { echo "$PROG: --file needs a path" >&2; exit "$EXIT_USAGE"; }
        mode="file"
        file=$2
        shift
        ;;
      --since)
        (($# >= 2)) || { echo "$PROG: --since needs a date" >&2; exit "$EXIT_USAGE"; }
        since=$2
        shift
        ;;
      --config)
        (($# >= 2)) || { echo "$PROG: --config needs a file" >&2; exit "$EXIT_USAGE"; }
        CONFIG_FILE=$2
        shift
        ;;
      -h | --help)
        usage
        exit 0
        ;;
      *)
        echo "$PROG: unknown argument '$1' (see --help)" >&2
        exit "$EXIT_USAGE"
        ;;
    esac
    shift
  done
  if [[ -z $mode ]]; then
    usage >&2
    exit "$EXIT_USAGE"
  fi
  if [[ -n $since && $mode != backfill ]]; then
    echo "$PROG: --since goes with --backfill" >&2
    exit "$EXIT_USAGE"
  fi
  local since_key=0000-00-00-000000
  if [[ -n $since ]]; then
    since_key=$(time_key "$since") || {
      echo "$PROG: --since must be YYYY-MM-DD[ HH:MM[:SS]], not '$since'" >&2
      exit "$EXIT_USAGE"
    }
  fi

  configure "$mode"
  trap 'release_lock; rm -f -- "$TMP_DIR/$$."*' EXIT
  case $mode in
    watch) run_watch ;;
    once) run_scan_mode "$MARK" ;;
    backfill) run_scan_mode "$since_key" ;;
    file) run_file "$file" ;;
    check) run_check ;;
    status) run_status ;;
  esac
}

main "$@"
