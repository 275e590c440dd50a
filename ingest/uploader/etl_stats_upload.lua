--[[
etl_stats_upload.lua – ET:Legacy Lua module for etl-stats.

Runs beside the stats writer (c0rnp0rn8.lua). When a round ends it waits for the writer's round
file, writes what the file cannot say into a sidecar <file>.meta.json, and starts the shell
uploader for that file in the background:

    nohup etl-stats-upload.sh --file <file> [--config <file>] >/dev/null 2>&1 &

The uploader sends the sidecar as X-Etl-Round-Meta (base64 of the JSON below); the server prefers
it over the header's clock fields for the round's duration, outcome and scoring:

    {"version":1,"map":"etl_supply","round":1,
     "startedAt":"2025-11-14T20:20:00.000Z","endedAt":"2025-11-14T20:30:12.000Z",
     "pausedSeconds":42,"endReason":"objective","surrenderedBy":null,"winner":"allies"}

It never blocks a frame (a few io.open probes per second while it waits for the file, one
os.execute of a backgrounded shell), survives a missing uploader (the sidecar is still written, so
`etl-stats-upload.sh --watch` sends it), and logs everything it does to the console as "etl-stats:".

What it reads from the game:
  * cvar `gamestate`: warm-up → 0 (GS_PLAYING) starts the round (wall clock + level time);
    0 → 3 (GS_INTERMISSION) ends it. A module loaded while a round runs omits start and end.
  * configstring CS_SERVERTOGGLES, bit 16 (CV_SVS_PAUSE): time spent paused (level time).
  * et_Print lines "Exit: <reason>" (G_LogExit): "Timelimit hit." → time_limit, "Wolf EndRound."
    → objective, "Axis Surrender" / "Allies Surrender" → surrender and by whom, anything else →
    unknown; their moment is the round's end. A map unloaded during play (et_ShutdownGame without
    restart) → map_change.
  * configstring CS_MULTI_MAPWINNER key "w": 0 Axis, 1 Allies (the game's winner; the surrender
    vote sets it too); anything else → null.
  * configstring CS_SERVERINFO `mapname`, cvar `g_currentRound` (0 after Round 2 ended, as the
    writer reads it) to name the round file: <dir>/YYYY-MM-DD-HHMMSS-<map>-round-<N>.txt, written
    `etl_stats_writer_delay` seconds after intermission. Both round numbers are probed.

Settings (cvars, read at every map start; set them in the server config):
  etl_stats_uploader       the uploader script (default /usr/local/bin/etl-stats-upload.sh)
  etl_stats_upload_config  passed as --config to the uploader (default: none)
  etl_stats_dir            the writer's directory (default <fs_homepath>/<fs_game>/gamestats)
  etl_stats_writer_delay   seconds the writer waits after intermission (default 3)
  etl_stats_find_timeout   seconds to keep looking for the file after that (default 20)

List it in lua_modules after the stats writer, e.g. set lua_modules "c0rnp0rn8.lua
etl_stats_upload.lua": on a map change its shutdown hook then runs after the writer's, which is
when the writer writes the file.
]]

local MODNAME = "etl_stats_upload"
local VERSION = "1.0"

local GS_PLAYING = (et and et.GS_PLAYING) or 0
local GS_INTERMISSION = (et and et.GS_INTERMISSION) or 3
local CS_SERVERINFO = (et and et.CS_SERVERINFO) or 0
local CS_MULTI_MAPWINNER = (et and et.CS_MULTI_MAPWINNER) or 14
local CS_SERVERTOGGLES = (et and et.CS_SERVERTOGGLES) or 32
local CV_SVS_PAUSE = 16

local config = {}
local round = nil        -- the round being played (or just ended)
local pending = nil      -- an ended round whose stats file is awaited
local lastGamestate = nil
local lastLevelTime = 0

-- Helpers -------------------------------------------------------------------------------------

local function log(fmt, ...)
  local text = "etl-stats: " .. string.format(fmt, ...) .. "\n"
  et.G_Print(text)
  if et.G_LogPrint then et.G_LogPrint(text) end
end

local function cvar(name, default)
  local value = et.trap_Cvar_Get(name)
  if value == nil or value == "" then return default end
  return value
end

local function configstring(index)
  return et.trap_GetConfigstring(index) or ""
end

local function fileExists(path)
  local handle = io.open(path, "rb")
  if handle then
    handle:close()
    return true
  end
  return false
end

local function shellQuote(text)
  return "'" .. string.gsub(text, "'", "'\\''") .. "'"
end

local function jsonValue(value)
  if value == nil then return "null" end
  if type(value) == "number" then
    if value == math.floor(value) then return string.format("%d", value) end
    return string.format("%.3f", value)
  end
  local escaped = string.gsub(tostring(value), '[%c"\\]', function(c)
    return string.format("\\u%04x", string.byte(c))
  end)
  return '"' .. escaped .. '"'
end

-- Keys in a fixed order, so the sidecar reads well.
local META_KEYS = { "version", "map", "round", "startedAt", "endedAt", "pausedSeconds",
  "endReason", "surrenderedBy", "winner" }

local function encodeMeta(meta)
  local parts = {}
  for _, key in ipairs(META_KEYS) do
    parts[#parts + 1] = jsonValue(key) .. ":" .. jsonValue(meta[key])
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

-- UTC ISO 8601 with milliseconds of a (fractional) Unix time.
local function isoTime(seconds)
  local whole = math.floor(seconds)
  local ms = math.floor((seconds - whole) * 1000 + 0.5)
  if ms >= 1000 then
    whole = whole + 1
    ms = ms - 1000
  end
  return os.date("!%Y-%m-%dT%H:%M:%S", whole) .. string.format(".%03dZ", ms)
end

local function loadConfig()
  local home = cvar("fs_homepath", ".")
  local game = cvar("fs_game", "legacy")
  config.uploader = cvar("etl_stats_uploader", "/usr/local/bin/etl-stats-upload.sh")
  config.uploaderConfig = cvar("etl_stats_upload_config", "")
  config.statsDir = string.gsub(cvar("etl_stats_dir", home .. "/" .. game .. "/gamestats"), "/+$", "")
  config.writerDelay = tonumber(cvar("etl_stats_writer_delay", "3")) or 3
  config.findTimeout = tonumber(cvar("etl_stats_find_timeout", "20")) or 20
end

-- The round --------------------------------------------------------------------------------------

local function isPaused()
  local toggles = tonumber(configstring(CS_SERVERTOGGLES)) or 0
  return math.floor(toggles / CV_SVS_PAUSE) % 2 == 1
end

local function trackPause(levelTime)
  if isPaused() then
    if not round.pauseStart then round.pauseStart = levelTime end
  elseif round.pauseStart then
    round.pausedMs = round.pausedMs + (levelTime - round.pauseStart)
    round.pauseStart = nil
  end
end

local function gameWinner()
  local w = et.Info_ValueForKey(configstring(CS_MULTI_MAPWINNER), "w")
  if w == "0" then return "axis" end
  if w == "1" then return "allies" end
  return nil
end

local function mapName()
  return et.Info_ValueForKey(configstring(CS_SERVERINFO), "mapname")
end

-- The round number the writer puts in the file name: 2 once g_currentRound went back to 0.
local function writerRound()
  if tonumber(cvar("g_currentRound", "0")) == 0 then return 2 end
  return 1
end

-- Ends the round at `levelTime` (unless an Exit line ended it earlier) and returns its meta.
local function finishRound(levelTime, reason)
  local ending = round.endLevel or levelTime
  if round.pauseStart then
    round.pausedMs = round.pausedMs + math.max(0, ending - round.pauseStart)
    round.pauseStart = nil
  end
  local meta = {
    version = 1,
    map = mapName(),
    endReason = round.endReason or reason,
    surrenderedBy = round.surrenderedBy,
    winner = gameWinner(),
    pausedSeconds = 0,
  }
  if round.startWall then
    local startedAt = round.startWall
    local endedAt = startedAt + (ending - round.startLevel) / 1000
    meta.startedAt = isoTime(startedAt)
    meta.endedAt = isoTime(endedAt)
    meta.pausedSeconds = math.min(round.pausedMs, ending - round.startLevel) / 1000
    -- For the console only (encodeMeta writes META_KEYS).
    meta.playedSeconds = (ending - round.startLevel) / 1000 - meta.pausedSeconds
  end
  if meta.surrenderedBy and meta.winner == meta.surrenderedBy then meta.winner = nil end
  round = nil
  return meta
end

-- Finding the file and starting the uploader -------------------------------------------------------

-- The newest round file of this map written between `fromWall` and now (both round numbers).
local function findStatsFile(job)
  local first = job.roundGuess
  local second = first == 1 and 2 or 1
  for t = os.time() + 1, job.fromWall - 1, -1 do
    local stamp = os.date("%Y-%m-%d-%H%M%S-", t)
    for _, n in ipairs({ first, second }) do
      local path = config.statsDir .. "/" .. stamp .. job.meta.map .. "-round-" .. n .. ".txt"
      if fileExists(path) then return path, n end
    end
  end
  return nil
end

local function writeSidecar(path, meta)
  local target = path .. ".meta.json"
  local temporary = target .. ".tmp"
  local handle, problem = io.open(temporary, "wb")
  if not handle then
    log("cannot write %s (%s): the round is sent without its meta", target, tostring(problem))
    return false
  end
  handle:write(encodeMeta(meta), "\n")
  handle:close()
  local ok, renameProblem = os.rename(temporary, target)
  if not ok then
    log("cannot write %s (%s): the round is sent without its meta", target, tostring(renameProblem))
    os.remove(temporary)
    return false
  end
  return true
end

-- Starts the uploader detached: the shell backgrounds it and returns at once.
local function startUploader(args, description)
  if not fileExists(config.uploader) then
    log("uploader %s not found: %s is not sent now (install it, or set etl_stats_uploader; "
      .. "`etl-stats-upload.sh --watch` or --once also sends it)", config.uploader, description)
    return false
  end
  local words = { "nohup", shellQuote(config.uploader) }
  for _, arg in ipairs(args) do words[#words + 1] = shellQuote(arg) end
  if config.uploaderConfig ~= "" then
    words[#words + 1] = "--config"
    words[#words + 1] = shellQuote(config.uploaderConfig)
  end
  local command = table.concat(words, " ") .. " </dev/null >/dev/null 2>&1 &"
  local result = os.execute(command)
  if result == true or result == 0 then
    log("uploading %s in the background (%s)", description, config.uploader)
    return true
  end
  log("could not start the uploader for %s (%s)", description, tostring(result))
  return false
end

local function describe(meta)
  local text = meta.endReason
  if meta.surrenderedBy then text = text .. " by " .. meta.surrenderedBy end
  text = text .. ", winner " .. (meta.winner or "unknown")
  if meta.playedSeconds then
    text = text .. string.format(", %d s played, %d s paused", math.floor(meta.playedSeconds),
      math.floor(meta.pausedSeconds))
  end
  return text
end

local function deliver(path, roundNumber, meta)
  meta.round = roundNumber
  local withMeta = writeSidecar(path, meta)
  log("round file %s found (%s)%s", path, describe(meta), withMeta and "; meta written" or "")
  startUploader({ "--file", path }, path)
end

local function expect(meta, levelTime, delaySeconds)
  pending = {
    meta = meta,
    roundGuess = writerRound(),
    fromWall = os.time(),
    nextProbe = levelTime + delaySeconds * 1000,
    deadline = levelTime + (delaySeconds + config.findTimeout) * 1000,
  }
  log("round over (%s): waiting for the writer's file in %s", describe(meta), config.statsDir)
end

-- Looks for the awaited file; `final` when the map is going away and there is no next frame.
local function probe(levelTime, final)
  local path, n = findStatsFile(pending)
  if path then
    local job = pending
    pending = nil
    deliver(path, n, job.meta)
  elseif final or levelTime >= pending.deadline then
    local job = pending
    pending = nil
    log("no round file of %s appeared in %s; asking the uploader to scan it instead (no meta)",
      job.meta.map, config.statsDir)
    startUploader({ "--once" }, "the stats directory")
  else
    pending.nextProbe = levelTime + 1000
  end
end

-- Callbacks ----------------------------------------------------------------------------------------

local function onGamestate(from, to, levelTime)
  if to == GS_PLAYING then
    if from == nil then
      -- Loaded while a round runs (e.g. lua_restart): its start is unknown.
      round = { pausedMs = 0 }
      log("a round is already running: its start is unknown, its meta will carry no times")
    else
      round = { startWall = os.time(), startLevel = levelTime, pausedMs = 0 }
    end
  elseif to == GS_INTERMISSION and from == GS_PLAYING and round then
    local meta = finishRound(levelTime, "unknown")
    expect(meta, levelTime, config.writerDelay)
  end
end

local function runFrame(levelTime)
  lastLevelTime = levelTime
  local gamestate = tonumber(et.trap_Cvar_Get("gamestate")) or -1
  if gamestate ~= lastGamestate then
    onGamestate(lastGamestate, gamestate, levelTime)
    lastGamestate = gamestate
  end
  if gamestate == GS_PLAYING and round and not round.endLevel then trackPause(levelTime) end
  if pending and levelTime >= pending.nextProbe then probe(levelTime, false) end
end

local EXIT_REASONS = {
  ["Timelimit hit."] = "time_limit",
  ["Wolf EndRound."] = "objective",
}

local function onPrint(text)
  local reason = string.match(text, "^Exit:%s*(.-)%s*$")
  if not reason or not round or round.endLevel then return end
  round.endLevel = lastLevelTime
  local team = string.match(reason, "^(%a+) Surrender")
  if team == "Axis" or team == "Allies" then
    round.endReason = "surrender"
    round.surrenderedBy = string.lower(team)
  else
    round.endReason = EXIT_REASONS[reason] or "unknown"
  end
end

local function shutdown(restart)
  if pending then
    probe(lastLevelTime, true)
  elseif round and lastGamestate == GS_PLAYING then
    if restart == 1 then
      log("the round was restarted: the writer writes no file for it")
      round = nil
    else
      -- Map change: the writer writes its file on shutdown (before this hook when listed first).
      local meta = finishRound(lastLevelTime, "map_change")
      pending = { meta = meta, roundGuess = writerRound(), fromWall = os.time() - 5 }
      probe(lastLevelTime, true)
    end
  end
end

-- Errors stay inside the module: the game goes on.
local function guarded(fn, ...)
  local ok, problem = pcall(fn, ...)
  if not ok then
    pcall(log, "internal error (%s); the round may be sent without its meta", tostring(problem))
  end
end

function et_InitGame(levelTime, randomSeed, restart)
  if et.RegisterModname then et.RegisterModname(MODNAME .. " " .. VERSION) end
  guarded(function()
    loadConfig()
    round = nil
    pending = nil
    lastGamestate = nil
    lastLevelTime = levelTime or 0
    if not fileExists(config.uploader) then
      log("uploader %s not found: set etl_stats_uploader (round meta is still written)",
        config.uploader)
    end
  end)
end

function et_RunFrame(levelTime)
  guarded(runFrame, levelTime)
end

function et_Print(text)
  guarded(onPrint, text)
end

function et_ShutdownGame(restart)
  guarded(shutdown, restart)
end
