-- Votes from distinct voters: JSON POST /c/{slug}/votes with no device cookie, so every request
-- is a new device. Options rotate o1..oN.
--
-- wrk -s votes.lua <url> -- <slug> <options> seconds <n>   votes for about n seconds
-- wrk -s votes.lua <url> -- <slug> <options> count <n>     exactly n votes per thread
-- a fifth argument "xff" sends each vote with its own X-Forwarded-For address (random, never
-- loopback), as fans arrive through a proxy; the engine trusts that header from loopback, so the
-- campaign's network limits count every vote. "form" (or "xff,form") posts the HTML form instead of
-- JSON, with the Sec-Fetch-Site header a browser sends for the engine's own page, so the cross-site
-- check runs on every vote; its success is a 303 to the thank-you page.
--
-- Receipts must be known exactly (the tally is compared with them), so a thread never leaves a
-- vote unanswered: once its share is sent it sends only a cheap GET (the cached results page,
-- answered 200, which no vote ever is) on the connections still free, and it stops itself when
-- every vote it sent has an answer. It then prints THREAD_DONE so the driver can end wrk early.
-- THREAD_READY: the thread has built its requests and starts sending.
-- "pow" (sixth argument: a path prefix) sends each vote with its own device cookie and solved
-- proof-of-work challenge, read from <prefix>-<thread>.txt ("cookie TAB challenge:nonce" lines);
-- use it with "count" and as many votes per thread as the file has lines.
-- Contests: "entries" sends contest entries instead (POST /c/{slug}/entries, a title unique to the
-- thread and count, a caption), each from a new participant; "entryvotes" (sixth argument: a path
-- prefix) sends one vote per line of <prefix>-<thread>.txt, each line an entry id, each from a new
-- device. Use both with "count".
-- Surveys: "survey" sends complete responses to the bench's 10-question survey instead (POST
-- /c/{slug}/responses, JSON, four different responses in turn), each from a new device.

local threads = {}

-- One entry, built when it is sent so every title differs: thread and count in the title.
function entry(n)
  return wrk.format("POST", "/c/" .. slug .. "/entries", { ["Content-Type"] = "application/json" },
    '{"title":"Donut idea ' .. id .. '-' .. n .. '","caption":"A ring of glazed dough with maple, sea salt and pecans, idea number ' .. n .. '."}')
end

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  slug, options, mode, limit = args[1], tonumber(args[2]), args[3], tonumber(args[4])
  local flags = args[5] or ""
  forwarded, form, pow = flags:find("xff") ~= nil, flags:find("form") ~= nil, flags:find("pow") ~= nil
  entries, entryVotes = flags:find("entries", 1, true) ~= nil, flags:find("entryvotes", 1, true) ~= nil
  survey = flags:find("survey", 1, true) ~= nil
  sent, answered, accepted, refused, finished = 0, 0, 0, 0, false
  votes = {}
  local function vote(option, address)
    local headers, body
    if form then
      headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Sec-Fetch-Site"] = "same-origin" }
      body = "optionId=o" .. option
    else
      headers = { ["Content-Type"] = "application/json" }
      body = '{"optionId":"o' .. option .. '"}'
    end
    if address then headers["X-Forwarded-For"] = address end
    return wrk.format("POST", "/c/" .. slug .. "/votes", headers, body)
  end
  if survey then
    -- Every question answered in each, so every question's count must reach the responses accepted.
    local dishes, tags = { "gazpacho", "ceviche", "tapas", "paella" }, { '"veggie"', '"spicy"', '"veggie","cold"', '"cold","spicy","sweet"' }
    for i = 1, 4 do
      votes[i] = wrk.format("POST", "/c/" .. slug .. "/responses", { ["Content-Type"] = "application/json" },
        '{"answers":{"dish":"' .. dishes[i] .. '","tags":[' .. tags[i] .. '],"size":"' .. ({ "small", "medium", "large", "medium" })[i] ..
        '","stars":' .. (i + 1) .. ',"nps":' .. (i * 2 + 2) .. ',"grid":{"taste":"good","price":"' .. ({ "bad", "ok", "good", "ok" })[i] ..
        '"},"order":[' .. ({ '"soup","salad","dessert","main"', '"salad","soup","main","dessert"', '"dessert","main","soup","salad"', '"main","dessert","salad","soup"' })[i] .. '],"visits":' .. (i * 3) ..
        ',"idea":"More cold soups in July, idea ' .. i .. '","agree":true}}')
    end
  elseif entryVotes then
    for line in io.lines(args[6] .. "-" .. id .. ".txt") do
      votes[#votes + 1] = wrk.format("POST", "/c/" .. slug .. "/entry-votes",
        { ["Content-Type"] = "application/json" }, '{"entryId":"' .. line .. '"}')
    end
  elseif entries then
    votes[1] = entry(0)
  elseif pow then
    for line in io.lines(args[6] .. "-" .. id .. ".txt") do
      local cookie, solution = line:match("^([^\t]+)\t(.+)$")
      votes[#votes + 1] = wrk.format("POST", "/c/" .. slug .. "/votes",
        { ["Content-Type"] = "application/json", ["Cookie"] = cookie, ["Challenge-Solution"] = solution },
        '{"optionId":"o' .. (#votes % options + 1) .. '"}')
    end
  elseif forwarded then
    -- Built once, so a vote costs the load generator no more than a plain one: 50,000 addresses
    -- per thread, each used about once per run at the bench's rates.
    math.randomseed(os.time() * 1000 + id)
    for i = 1, 50000 do
      local a = math.random(1, 222)
      if a == 127 then a = 128 end
      local address = a .. "." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
      votes[i] = vote(i % options + 1, address)
    end
  else
    for i = 1, options do votes[i] = vote(i) end
  end
  filler = wrk.format("GET", "/c/" .. slug .. "/results", {})
  -- Building 50,000 forwarded votes takes a while: the run's clock starts once they are ready,
  -- here and in the driver (THREAD_READY), so the xff phases are not charged for it.
  deadline = os.time() + limit
  io.write("THREAD_READY ", id, "\n")
  io.flush()
end

local function more()
  if mode == "count" then return sent < limit end
  return os.time() < deadline
end

function request()
  -- wrk calls request() once on the first thread before the run, to inspect the request; that
  -- call sends nothing, so it must not count as a vote.
  if id == 1 and not inspected then
    inspected = true
    return votes[1]
  end
  if more() then
    sent = sent + 1
    if entries then return entry(sent) end
    if entryVotes then return votes[sent] end
    return votes[(sent + id) % #votes + 1]
  end
  return filler
end

function response(status, headers, body)
  if status ~= 200 then
    answered = answered + 1
    if status == 202 or status == 303 then accepted = accepted + 1 else refused = refused + 1 end
  end
  if not finished and answered == sent and not more() then
    finished = true
    io.write("THREAD_DONE ", id, "\n")
    io.flush()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local s, a, r = 0, 0, 0
  for _, t in ipairs(threads) do
    s, a, r = s + t:get("sent"), a + t:get("accepted"), r + t:get("refused")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH sent=%d accepted=%d refused=%d requests=%d non2xx=%d connect=%d read=%d write=%d timeout=%d p50=%d p90=%d p99=%d max=%d\n",
    s, a, r, summary.requests, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
